import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCpvCode, buildSupplier } from '../../../../test/factories/index.ts';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { addMember, buildOrganisation } from '../../../../test/factories/showcase.ts';
import { loggedInClient, type InjectClient } from '../../../../test/setup/inject-client.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Organisation } from '../../../domain/organisations/index.ts';
import { createPostgresSearchIndex, reindexAll } from '../../../search/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('API /api/v1/solutions', () => {
  let store: Store;
  let app: FastifyInstance;
  let organisation: Organisation;
  let client: InjectClient;
  let csrf: string;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
    await buildCpvCode(store.db, { code: '90700000', check_digit: '4', label: 'Services environnementaux' });
    const unit = await buildSupplier(store.db, { name: 'AIR PUR ANALYSES' });
    organisation = await buildOrganisation(store.db, { siret: unit.head_office_siret!, name: unit.name });
    const user = await buildUser(store.db);
    await addMember(store.db, organisation.id, user.id);
    await reindexAll(store.db);
    client = await loggedInClient(app, { email: user.email!, password: user.password }, '198.51.100.77');
    csrf = (await client.get('/api/v1/me')).json().csrfToken;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const write = (method: 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) =>
    client.request({ method, url, headers: { 'x-csrf-token': csrf }, ...(payload ? { payload } : {}) });

  it('creates, completes, publishes a solution; it is searchable at once', async () => {
    const created = await write('POST', '/api/v1/solutions', {
      organisation: organisation.siret,
      title: 'Capteurs de pollens',
      perimeterKind: 'regions',
      regions: ['53', '52'],
      priceMin: 1200,
      priceUnit: 'par an',
    });
    expect(created.statusCode).toBe(201);
    const solution = created.json();
    expect(solution).toMatchObject({
      status: 'draft',
      perimeter: { kind: 'regions', label: 'Régions : Bretagne, Pays de la Loire' },
      price: { min: 1200, max: null, unit: 'par an' },
      abilities: { edit: true, publish: true, moderate: false },
    });
    const incomplete = await write('POST', `/api/v1/solutions/${solution.id}/publish`);
    expect(incomplete.statusCode).toBe(400);
    expect(Object.keys(incomplete.json().error.details.fields).sort()).toEqual([
      'cpvCodes',
      'summary',
      'trl',
    ]);

    const patched = await write('PATCH', `/api/v1/solutions/${solution.id}`, {
      summary: 'Mesure des pollens allergisants.',
      cpvCodes: ['90700000-4'],
      trl: 9,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      title: 'Capteurs de pollens',
      cpv: [{ code: '90700000', label: 'Services environnementaux' }],
      trl: { level: 9 },
      price: { min: 1200 },
    });
    const published = await write('POST', `/api/v1/solutions/${solution.id}/publish`);
    expect(published.json().status).toBe('published');
    const found = await createPostgresSearchIndex(store.db).search({ q: 'pollens allergisants' });
    expect(found.results.map((r) => r.siren)).toEqual([organisation.siren]);
    const byTrl = (await app.inject('/api/v1/search?q=pollens&trl=9')).json();
    expect(byTrl.results.map((r: { siren: string }) => r.siren)).toEqual([organisation.siren]);
    expect(byTrl.facets.trl).toEqual([
      { value: '9', label: 'TRL 9 – système éprouvé en conditions réelles', count: 1, selected: true },
    ]);
    expect((await app.inject('/api/v1/search?q=pollens&trl=4')).json().total).toBe(0);
    expect((await app.inject(`/api/v1/solutions/${solution.id}`)).json().abilities).toEqual({
      edit: false,
      publish: false,
      moderate: false,
    });
  });

  it('answers every bad field at once, in French, with 400', async () => {
    const res = await write('POST', '/api/v1/solutions', {
      organisation: organisation.siret,
      title: 'X',
      trl: 0,
      cpvCodes: ['4521'],
      priceMin: '100',
      priceMax: '10',
    });
    expect(res.statusCode).toBe(400);
    const { code, details } = res.json().error;
    expect(code).toBe('solution.invalid');
    expect(details.fields).toEqual({
      cpvCodes: expect.stringContaining("n'est pas un code CPV"),
      trl: 'Le niveau de maturité (TRL) est un nombre entier de 1 à 9.',
      priceMax: 'Le prix maximum doit être supérieur ou égal au prix minimum.',
    });
  });

  it('documents the routes in OpenAPI, with the API token scheme', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    expect(Object.keys(doc.paths['/api/v1/solutions/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths['/api/v1/solutions'].post.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(Object.keys(doc.paths['/api/v1/solutions'].post.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '404',
      '500',
    ]);
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/organisations/{siret}'].get.tags).toEqual(['organisations']);
  });
});
