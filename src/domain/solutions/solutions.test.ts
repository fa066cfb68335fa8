import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { failureOf } from '../../../test/setup/domain-failure.ts';
import { buildCpvCode } from '../../../test/factories/index.ts';
import { buildUser } from '../../../test/factories/accounts.ts';
import {
  addMember,
  buildOrganisation,
  buildSolution,
  makePlatformAdmin,
} from '../../../test/factories/showcase.ts';
import type { Store } from '../../store/database.ts';
import { ANONYMOUS, userActor, type Actor } from '../accounts/index.ts';
import { auditTrail } from '../audit/audit-log.ts';
import type { Organisation } from '../organisations/index.ts';
import { createSolution } from './create-solution.ts';
import { getSolution, listOrganisationSolutions, listSolutionsForReview } from './find-solution.ts';
import { publishSolution, reinstateSolution, suspendSolution, unpublishSolution } from './solution-status.ts';
import { updateSolution } from './update-solution.ts';

describeWithStore('solutions', () => {
  let store: Store;
  let supplier: Organisation;
  let otherSupplier: Organisation;
  let buyer: Organisation;
  const actors: Record<'member' | 'otherSupplier' | 'buyer' | 'admin', Actor> = {
    member: ANONYMOUS,
    otherSupplier: ANONYMOUS,
    buyer: ANONYMOUS,
    admin: ANONYMOUS,
  };

  beforeAll(async () => {
    store = await openTestStore();
    await buildCpvCode(store.db, { code: '72000000', check_digit: '5' });
    await buildCpvCode(store.db, { code: '48000000', check_digit: '8', label: 'Logiciels et systèmes' });
    supplier = await buildOrganisation(store.db, { name: 'CAPTEURS DE L’OUEST' });
    otherSupplier = await buildOrganisation(store.db);
    buyer = await buildOrganisation(store.db, { kind: 'buyer' });
    for (const [key, organisation] of [
      ['member', supplier],
      ['otherSupplier', otherSupplier],
      ['buyer', buyer],
    ] as const) {
      const user = await buildUser(store.db);
      await addMember(store.db, organisation.id, user.id);
      actors[key] = userActor(user.id);
    }
    const admin = await buildUser(store.db);
    await makePlatformAdmin(store.db, admin.id);
    actors.admin = userActor(admin.id);
  });
  afterAll(async () => {
    await store.close();
  });

  describe('createSolution', () => {
    it('creates a draft for a member, normalising every field, and audits it', async () => {
      const solution = await createSolution(store.db, actors.member, supplier.siret, {
        title: '  Capteurs de qualité de l’air  ',
        summary: 'Mesure continue du dioxyde d’azote.',
        cpvCodes: '72000000-5, 48000000',
        trl: '7',
        perimeterKind: 'departements',
        departements: ['35', '2a'],
        priceMin: '1 200,50',
        priceMax: 5000,
        priceUnit: 'par an',
      });
      expect(solution).toMatchObject({
        organisationId: supplier.id,
        siren: supplier.siren,
        title: 'Capteurs de qualité de l’air',
        cpvCodes: ['72000000', '48000000'],
        trl: 7,
        perimeter: { kind: 'departements', codes: ['35', '2A'] },
        price: { min: 1200.5, max: 5000, unit: 'par an' },
        status: 'draft',
        publishedAt: null,
      });
      const trail = await auditTrail(store.db, 'solution', String(solution.id));
      expect(trail.map((e) => e.action)).toEqual(['solution.created']);
      expect(trail[0]).toMatchObject({
        actorUserId: (actors.member as { userId: string }).userId,
        before: null,
      });
      expect((trail[0]!.after as { title: string }).title).toBe('Capteurs de qualité de l’air');
    });

    it('reports every bad field at once, in French', async () => {
      const { code, fields } = await failureOf(
        createSolution(store.db, actors.member, supplier.id, {
          title: '',
          cpvCodes: ['99999999'],
          trl: 12,
          perimeterKind: 'radius',
          commune: '99999',
          radiusKm: 0,
          priceMin: '5000',
          priceMax: '100',
        }),
      );
      expect(code).toBe('solution.invalid');
      expect(Object.keys(fields).sort()).toEqual([
        'commune',
        'cpvCodes',
        'priceMax',
        'radiusKm',
        'title',
        'trl',
      ]);
      expect(fields.trl).toBe('Le niveau de maturité (TRL) est un nombre entier de 1 à 9.');
      expect(fields.cpvCodes).toContain('99999999');
      expect(fields.priceMax).toBe('Le prix maximum doit être supérieur ou égal au prix minimum.');
    });

    it('accepts a radius around a commune of the COG, by code', async () => {
      const solution = await createSolution(store.db, actors.member, supplier.id, {
        title: 'Éclairage intelligent',
        perimeterKind: 'radius',
        commune: '35238',
        radiusKm: '30',
      });
      expect(solution.perimeter).toEqual({ kind: 'radius', communeCode: '35238', radiusKm: 30 });
    });

    it.each([
      ['anonymous', 'auth.unauthenticated'],
      ['otherSupplier', 'auth.forbidden'],
      ['buyer', 'auth.forbidden'],
      ['admin', 'auth.forbidden'],
    ] as const)('refuses %s (%s)', async (who, code) => {
      const actor = who === 'anonymous' ? ANONYMOUS : actors[who];
      expect((await failureOf(createSolution(store.db, actor, supplier.id, { title: 'X' }))).code).toBe(code);
    });

    it('refuses a buyer organisation its own solutions', async () => {
      expect((await failureOf(createSolution(store.db, actors.buyer, buyer.id, { title: 'X' }))).code).toBe(
        'auth.forbidden',
      );
    });
  });

  describe('reading and changing a draft', () => {
    it('shows a draft to its members and admins only; others get « not found »', async () => {
      const draft = await buildSolution(store.db, supplier);
      expect((await getSolution(store.db, actors.member, draft.id)).abilities).toEqual({
        edit: true,
        publish: true,
        moderate: false,
      });
      expect((await getSolution(store.db, actors.admin, draft.id)).abilities.moderate).toBe(true);
      for (const actor of [ANONYMOUS, actors.otherSupplier, actors.buyer]) {
        expect((await failureOf(getSolution(store.db, actor, draft.id))).code).toBe('solution.not_found');
        expect((await failureOf(updateSolution(store.db, actor, draft.id, { title: 'Y' }))).code).toBe(
          actor === ANONYMOUS ? 'auth.unauthenticated' : 'solution.not_found',
        );
      }
    });

    it('changes only the fields given and audits before and after', async () => {
      const draft = await buildSolution(store.db, supplier, { title: 'Avant', trl: 4 });
      const updated = await updateSolution(store.db, actors.member, draft.id, { title: 'Après' });
      expect(updated).toMatchObject({ title: 'Après', trl: 4, cpvCodes: ['72000000'] });
      const [event] = await auditTrail(store.db, 'solution', String(draft.id));
      expect(event).toMatchObject({
        action: 'solution.updated',
        before: expect.objectContaining({ title: 'Avant' }),
        after: expect.objectContaining({ title: 'Après' }),
      });
    });

    it('refuses to publish an incomplete draft, naming what is missing', async () => {
      const draft = await buildSolution(store.db, supplier, { summary: '', cpv_codes: [], trl: null });
      const { code, fields } = await failureOf(publishSolution(store.db, actors.member, draft.id));
      expect(code).toBe('solution.invalid');
      expect(Object.keys(fields).sort()).toEqual(['cpvCodes', 'summary', 'trl']);
    });
  });

  describe('publication and moderation', () => {
    it('publishes, shows it to everyone, unpublishes, and audits each step', async () => {
      const draft = await buildSolution(store.db, supplier);
      const now = new Date('2026-11-02T10:00:00Z');
      const published = await publishSolution(store.db, actors.member, draft.id, now);
      expect(published).toMatchObject({ status: 'published', publishedAt: now });
      const seen = await getSolution(store.db, ANONYMOUS, draft.id);
      expect(seen.abilities).toEqual({ edit: false, publish: false, moderate: false });
      expect(
        (await failureOf(updateSolution(store.db, actors.otherSupplier, draft.id, { title: 'Y' }))).code,
      ).toBe('auth.forbidden');
      await unpublishSolution(store.db, actors.member, draft.id);
      expect((await failureOf(getSolution(store.db, ANONYMOUS, draft.id))).code).toBe('solution.not_found');
      const trail = await auditTrail(store.db, 'solution', String(draft.id));
      expect(trail.map((e) => [e.action, e.before, e.after])).toEqual([
        ['solution.published', { status: 'draft' }, { status: 'published' }],
        ['solution.unpublished', { status: 'published' }, { status: 'draft' }],
      ]);
    });

    it('lets a platform admin suspend a published solution, which hides it and blocks republication', async () => {
      const solution = await buildSolution(store.db, supplier, { status: 'published' });
      expect((await failureOf(suspendSolution(store.db, actors.member, solution.id))).code).toBe(
        'auth.forbidden',
      );
      const suspended = await suspendSolution(store.db, actors.admin, solution.id, 'Contenu trompeur');
      expect(suspended.status).toBe('suspended');
      expect((await failureOf(getSolution(store.db, ANONYMOUS, solution.id))).code).toBe(
        'solution.not_found',
      );
      expect((await getSolution(store.db, actors.member, solution.id)).abilities.publish).toBe(false);
      expect((await failureOf(publishSolution(store.db, actors.member, solution.id))).code).toBe(
        'auth.forbidden',
      );
      const review = await listSolutionsForReview(store.db, actors.admin);
      expect(review.find((s) => s.id === solution.id)).toMatchObject({
        status: 'suspended',
        organisation: { siret: supplier.siret, name: 'CAPTEURS DE L’OUEST' },
      });
      await reinstateSolution(store.db, actors.admin, solution.id);
      expect((await getSolution(store.db, ANONYMOUS, solution.id)).solution.status).toBe('published');
      const trail = await auditTrail(store.db, 'solution', String(solution.id));
      expect(trail.map((e) => e.after)).toEqual([
        { status: 'suspended', reason: 'Contenu trompeur' },
        { status: 'published' },
      ]);
    });

    it('keeps the moderation queue for platform admins', async () => {
      expect((await failureOf(listSolutionsForReview(store.db, ANONYMOUS))).code).toBe(
        'auth.unauthenticated',
      );
      expect((await failureOf(listSolutionsForReview(store.db, actors.member))).code).toBe('auth.forbidden');
    });

    it('hides the solutions of a suspended organisation and stops its members from writing', async () => {
      const suspendedOrg = await buildOrganisation(store.db, { status: 'suspended' });
      const user = await buildUser(store.db);
      await addMember(store.db, suspendedOrg.id, user.id, 'admin');
      const solution = await buildSolution(store.db, suspendedOrg, { status: 'published' });
      expect((await failureOf(getSolution(store.db, ANONYMOUS, solution.id))).code).toBe(
        'solution.not_found',
      );
      expect((await listOrganisationSolutions(store.db, ANONYMOUS, suspendedOrg.siret)).solutions).toEqual(
        [],
      );
      const own = await listOrganisationSolutions(store.db, userActor(user.id), suspendedOrg.id);
      expect(own).toMatchObject({ canCreate: false, solutions: [{ id: solution.id }] });
      expect(
        (await failureOf(updateSolution(store.db, userActor(user.id), solution.id, { title: 'Y' }))).code,
      ).toBe('auth.forbidden');
    });
  });

  describe('API tokens as actors', () => {
    it('acts for its own organisation only', async () => {
      const creator = actors.member as { userId: string };
      const token: Actor = {
        kind: 'user',
        userId: creator.userId,
        apiToken: { id: 1, organisationId: supplier.id },
      };
      const made = await createSolution(store.db, token, supplier.id, { title: 'Par jeton' });
      expect(made.title).toBe('Par jeton');
      // The same user is a member of another organisation: the token does not follow them there.
      await addMember(store.db, otherSupplier.id, creator.userId);
      expect((await failureOf(createSolution(store.db, token, otherSupplier.id, { title: 'X' }))).code).toBe(
        'auth.forbidden',
      );
      expect(
        (await createSolution(store.db, actors.member, otherSupplier.id, { title: 'Par session' })).title,
      ).toBe('Par session');
    });
  });
});
