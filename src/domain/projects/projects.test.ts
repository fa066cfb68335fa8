import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../test/factories/accounts.ts';
import {
  buildBuyerMember,
  buildColleague,
  buildProject,
  buildSupplierMember,
  type BuiltMember,
} from '../../../test/factories/projects.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { ANONYMOUS, userActor, type Actor } from '../accounts/index.ts';
import { auditTrail } from '../audit/audit-log.ts';
import { grantPlatformAdmin, setOrganisationStatus } from '../organisations/index.ts';
import { DomainError } from '../shared/index.ts';
import { changeProjectStatus } from './change-project-status.ts';
import { getProject, listOrganisationProjects } from './find-project.ts';
import { addLot, removeLot, updateLot } from './project-lots.ts';
import { previewProjectDates } from './preview-target-dates.ts';
import { createProject, updateProject } from './save-project.ts';

/** The code (and field) of the DomainError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; field?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) {
      return error.details?.field === undefined
        ? { code: error.code }
        : { code: error.code, field: error.details.field };
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

describeWithStore('purchase projects', () => {
  let store: Store;
  let buyer: BuiltMember;
  let otherBuyer: BuiltMember;
  let supplier: BuiltMember;
  let admin: Actor;

  beforeAll(async () => {
    store = await openTestStore();
    buyer = await buildBuyerMember(store.db, 'Ville de Rennes');
    otherBuyer = await buildBuyerMember(store.db);
    supplier = await buildSupplierMember(store.db);
    const adminUser = await buildUser(store.db);
    await grantPlatformAdmin(store.db, adminUser.email!);
    admin = userActor(adminUser.id);
  });
  afterAll(async () => {
    await store.close();
  });

  it('lets a buyer member create a draft, audited, that only the buyer’s members can read', async () => {
    const project = await buildProject(store.db, buyer, { title: 'Guichet sans attente' });
    expect(project).toMatchObject({
      status: 'draft',
      version: 1,
      publishedAt: null,
      organisationId: buyer.organisation.id,
    });
    expect(project.offersDeadline).toBeInstanceOf(Date);
    const trail = await auditTrail(store.db, 'purchase_project', String(project.id));
    expect(trail.map((e) => [e.action, e.actorUserId])).toEqual([['project.created', buyer.user.id]]);

    expect((await getProject(store.db, buyer.actor, project.id)).project.title).toBe('Guichet sans attente');
    const colleague = await buildColleague(store.db, buyer);
    expect((await getProject(store.db, colleague.actor, project.id)).abilities).toEqual({
      edit: true,
      readReservedDocuments: true,
    });
    for (const actor of [ANONYMOUS, otherBuyer.actor, supplier.actor, admin]) {
      expect(await failure(getProject(store.db, actor, project.id))).toEqual({ code: 'project.not_found' });
      expect(await failure(updateProject(store.db, actor, project.id, { title: 'Piraté' }))).toEqual(
        actor.kind === 'anonymous' ? { code: 'auth.unauthenticated' } : { code: 'project.not_found' },
      );
    }
    expect(
      (await listOrganisationProjects(store.db, buyer.actor, buyer.organisation.id)).projects.map(
        (p) => p.id,
      ),
    ).toContain(project.id);
    expect(await failure(listOrganisationProjects(store.db, admin, buyer.organisation.id))).toEqual({
      code: 'auth.forbidden',
    });
  });

  it('refuses creation to anonymous visitors, members of supplier organisations and non-members', async () => {
    const raw = { title: 'T', need: 'N', procedure: 'MAPA', cpvCodes: '72000000' };
    expect(await failure(createProject(store.db, ANONYMOUS, buyer.organisation.id, raw))).toEqual({
      code: 'auth.unauthenticated',
    });
    expect(await failure(createProject(store.db, otherBuyer.actor, buyer.organisation.id, raw))).toEqual({
      code: 'auth.forbidden',
    });
    expect(await failure(createProject(store.db, supplier.actor, supplier.organisation.id, raw))).toEqual({
      code: 'auth.forbidden',
    });
    expect(await failure(createProject(store.db, admin, buyer.organisation.id, raw))).toEqual({
      code: 'auth.forbidden',
    });
    expect(
      await failure(createProject(store.db, buyer.actor, buyer.organisation.id, { ...raw, title: '' })),
    ).toEqual({
      code: 'project.invalid',
      field: 'title',
    });
  });

  it('publishes, then versions every change with its diff, shown in French', async () => {
    const project = await buildProject(store.db, buyer, { estimatedValue: '120000' });
    // Changes of a draft are not versioned.
    await updateProject(store.db, buyer.actor, project.id, { title: 'Titre revu avant publication' });
    const published = await changeProjectStatus(
      store.db,
      buyer.actor,
      project.id,
      'publish',
      new Date('2026-11-02T09:00:00Z'),
    );
    expect(published).toMatchObject({ status: 'published', version: 1 });
    expect(published.publishedAt?.toISOString()).toBe('2026-11-02T09:00:00.000Z');

    const updated = await updateProject(store.db, buyer.actor, project.id, {
      estimatedValue: '150 000',
      budget: '160000',
    });
    expect(updated.version).toBe(2);
    // Nothing differs: no new version.
    expect(
      (await updateProject(store.db, buyer.actor, project.id, { estimatedValue: '150000' })).version,
    ).toBe(2);
    await addLot(store.db, buyer.actor, project.id, { title: 'Logiciel de rendez-vous' });
    await updateLot(store.db, buyer.actor, project.id, 1, { estimatedValue: '90 000' });
    await changeProjectStatus(store.db, buyer.actor, project.id, 'launchTender');

    const details = await getProject(store.db, ANONYMOUS, project.id);
    expect(details.project.version).toBe(5);
    expect(details.versions.map((v) => [v.version, v.diff])).toEqual([
      [5, { status: { before: 'published', after: 'tender_launched' } }],
      [4, { 'lots.1.estimatedValue': { before: null, after: 90000 } }],
      [3, { 'lots.1': { before: null, after: 'Logiciel de rendez-vous' } }],
      [2, { estimatedValue: { before: 120000, after: 150000 }, budget: { before: null, after: 160000 } }],
    ]);
    expect(details.versions.every((v) => v.changedBy === buyer.user.id)).toBe(true);
    const trail = await auditTrail(store.db, 'purchase_project', String(project.id));
    expect(trail.map((e) => e.action)).toEqual([
      'project.created',
      'project.updated',
      'project.published',
      'project.updated',
      'project.lot_added',
      'project.lot_updated',
      'project.tender_launched',
    ]);
    expect(trail[3]!.before).toEqual({ estimatedValue: 120000, budget: null });
  });

  it('dates the launch of the consultation at its notice, not at the start of sourcing', async () => {
    // AOO notified Wednesday 30 June 2027: notice Wednesday 28 April, sourcing from 26 February.
    const project = await buildProject(store.db, buyer, { targetNotificationDate: '2027-06-30' });
    const details = await getProject(store.db, buyer.actor, project.id, '2026-11-30');
    expect(details.planning!.planning.milestones[0]!.at.toISODate()).toBe('2027-02-26');
    expect(details.launchDate).toBe('2027-04-28');
  });

  it('follows the state machine and refuses illegal transitions in French', async () => {
    const project = await buildProject(store.db, buyer);
    expect(await failure(changeProjectStatus(store.db, buyer.actor, project.id, 'award'))).toEqual({
      code: 'project.invalid_transition',
      field: 'status',
    });
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    await changeProjectStatus(store.db, buyer.actor, project.id, 'launchTender');
    await changeProjectStatus(store.db, buyer.actor, project.id, 'award');
    expect(await failure(changeProjectStatus(store.db, buyer.actor, project.id, 'abandon'))).toEqual({
      code: 'project.invalid_transition',
      field: 'status',
    });
    expect(await failure(updateProject(store.db, buyer.actor, project.id, { title: 'Encore' }))).toEqual({
      code: 'project.invalid',
      field: 'status',
    });
    // Not even a preview of new dates on an awarded project.
    expect(
      await failure(
        previewProjectDates(store.db, buyer.actor, project.id, { offersDeadline: '01/06/2027 12:00' }),
      ),
    ).toEqual({ code: 'project.invalid', field: 'status' });
    // An abandoned draft was never public: it stays hidden.
    const draft = await buildProject(store.db, buyer);
    await changeProjectStatus(store.db, buyer.actor, draft.id, 'abandon');
    expect(await failure(getProject(store.db, ANONYMOUS, draft.id))).toEqual({ code: 'project.not_found' });
    // Publishing needs a CPV code: suppliers search by CPV.
    const noCpv = await buildProject(store.db, buyer, { cpvCodes: '', nature: 'services' });
    expect(await failure(changeProjectStatus(store.db, buyer.actor, noCpv.id, 'publish'))).toEqual({
      code: 'project.invalid',
      field: 'cpvCodes',
    });
  });

  it('lets anyone read a published project, only its buyer’s members change it, and not once suspended', async () => {
    const project = await buildProject(store.db, buyer);
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    for (const actor of [ANONYMOUS, otherBuyer.actor, supplier.actor, admin]) {
      const details = await getProject(store.db, actor, project.id);
      expect(details.abilities.edit).toBe(false);
      expect(details.reminders).toEqual([]);
    }
    expect((await getProject(store.db, supplier.actor, project.id)).abilities.readReservedDocuments).toBe(
      true,
    );
    expect((await getProject(store.db, otherBuyer.actor, project.id)).abilities.readReservedDocuments).toBe(
      false,
    );
    expect((await getProject(store.db, buyer.actor, project.id)).reminders.length).toBeGreaterThan(0);
    expect(await failure(updateProject(store.db, ANONYMOUS, project.id, { title: 'x' }))).toEqual({
      code: 'auth.unauthenticated',
    });
    for (const actor of [otherBuyer.actor, supplier.actor, admin]) {
      expect(await failure(updateProject(store.db, actor, project.id, { title: 'x' }))).toEqual({
        code: 'auth.forbidden',
      });
      expect(await failure(addLot(store.db, actor, project.id, { title: 'x' }))).toEqual({
        code: 'auth.forbidden',
      });
      expect(await failure(changeProjectStatus(store.db, actor, project.id, 'abandon'))).toEqual({
        code: 'auth.forbidden',
      });
    }
    await setOrganisationStatus(store.db, admin, buyer.organisation.id, 'suspended', 'contrôle');
    try {
      expect(await failure(updateProject(store.db, buyer.actor, project.id, { title: 'x' }))).toEqual({
        code: 'auth.forbidden',
      });
      expect(
        await failure(
          createProject(store.db, buyer.actor, buyer.organisation.id, {
            title: 'T',
            need: 'N',
            procedure: 'MAPA',
          }),
        ),
      ).toEqual({
        code: 'auth.forbidden',
      });
    } finally {
      await setOrganisationStatus(store.db, admin, buyer.organisation.id, 'active', 'fin du contrôle');
    }
  });

  it('numbers lots, refuses a number in use, and removes them', async () => {
    const project = await buildProject(store.db, buyer, { procedure: 'MAPA' });
    const first = await addLot(store.db, buyer.actor, project.id, { title: 'Études' });
    const second = await addLot(store.db, buyer.actor, project.id, {
      title: 'Travaux',
      cpvCodes: '45000000',
    });
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(
      await failure(addLot(store.db, buyer.actor, project.id, { title: 'Doublon', number: '2' })),
    ).toEqual({
      code: 'project.invalid',
      field: 'number',
    });
    expect(await failure(updateLot(store.db, buyer.actor, project.id, 9, { title: 'x' }))).toEqual({
      code: 'project_lot.not_found',
    });
    await removeLot(store.db, buyer.actor, project.id, 1);
    const details = await getProject(store.db, buyer.actor, project.id);
    expect(details.lots.map((l) => [l.number, l.title])).toEqual([[2, 'Travaux']]);
    // A draft's lot changes are not versioned.
    expect(details.versions).toEqual([]);
  });
});
