import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSupplier } from '../../../../test/factories/index.ts';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { buildOrganisation, buildSolution, makePlatformAdmin } from '../../../../test/factories/showcase.ts';
import { loggedInClient, pageText, type InjectClient } from '../../../../test/setup/inject-client.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { userActor } from '../../../domain/accounts/index.ts';
import { auditTrail } from '../../../domain/audit/audit-log.ts';
import { claimOrganisation } from '../../../domain/organisations/index.ts';
import { createPostgresSearchIndex, reindexAll } from '../../../search/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('page /admin/moderation', () => {
  let store: Store;
  let app: FastifyInstance;
  let admin: InjectClient;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
    const user = await buildUser(store.db, { display_name: 'Modératrice' });
    await makePlatformAdmin(store.db, user.id);
    admin = await loggedInClient(app, { email: user.email!, password: user.password }, '198.19.0.1');
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists a new claim and lets the admin approve it', async () => {
    const unit = await buildSupplier(store.db, { name: 'ATELIER GMAIL' });
    const claimant = await buildUser(store.db, {
      email: 'atelier.gmail@gmail.com',
      display_name: 'Jean Atelier',
    });
    const { claim, organisation } = await claimOrganisation(store.db, userActor(claimant.id), {
      siret: unit.head_office_siret!,
      kind: 'supplier',
    });
    expect(claim.method).toBe('approval');
    const text = pageText((await admin.get('/admin/moderation')).body);
    expect(text).toContain('ATELIER GMAIL');
    expect(text).toContain('atelier.gmail@gmail.com');
    const res = await admin.submit('/admin/moderation', `/admin/moderation/rattachements/${claim.id}`, {
      decision: 'approve',
    });
    expect(res.statusCode).toBe(303);
    const membership = await store.db
      .selectFrom('memberships')
      .select('role')
      .where('organisation_id', '=', organisation.id)
      .where('user_id', '=', claimant.id)
      .executeTakeFirst();
    expect(membership).toEqual({ role: 'admin' });
  });

  it('suspends a published solution: gone from its page and from the search at once, audited', async () => {
    const unit = await buildSupplier(store.db, { name: 'ÉOLIENNES URBAINES' });
    const organisation = await buildOrganisation(store.db, {
      siret: unit.head_office_siret!,
      name: unit.name,
    });
    const solution = await buildSolution(store.db, organisation, {
      title: 'Microéoliennes de toiture',
      status: 'published',
    });
    await reindexAll(store.db);
    const search = createPostgresSearchIndex(store.db);
    expect((await search.search({ q: 'microéoliennes' })).results.map((r) => r.siren)).toEqual([unit.siren]);
    expect(pageText((await admin.get('/admin/moderation')).body)).toContain('Microéoliennes de toiture');
    const res = await admin.submit(
      '/admin/moderation',
      `/admin/moderation/solutions/${solution.id}/suspension`,
      {},
    );
    expect(res.statusCode).toBe(303);
    expect((await app.inject(`/solutions/${solution.id}`)).statusCode).toBe(404);
    expect((await search.search({ q: 'microéoliennes' })).total).toBe(0);
    const trail = await auditTrail(store.db, 'solution', String(solution.id));
    expect(trail.map((e) => e.action)).toEqual(['solution.suspended']);
  });

  it('suspends an organisation: its page and solutions leave the public', async () => {
    const unit = await buildSupplier(store.db, { name: 'SUSPECTE SARL' });
    const owner = await buildUser(store.db, { email: 'dir@suspecte.fr' });
    const { organisation } = await claimOrganisation(store.db, userActor(owner.id), {
      siret: unit.head_office_siret!,
      kind: 'supplier',
    });
    await buildSolution(store.db, organisation, { title: 'Produit douteux', status: 'published' });
    const res = await admin.submit(
      '/admin/moderation',
      `/admin/moderation/organisations/${organisation.id}/statut`,
      {
        status: 'suspended',
      },
    );
    expect(res.statusCode).toBe(303);
    expect((await app.inject(`/organisations/${organisation.siret}`)).statusCode).toBe(404);
    expect((await createPostgresSearchIndex(store.db).search({ q: 'douteux' })).total).toBe(0);
  });
});
