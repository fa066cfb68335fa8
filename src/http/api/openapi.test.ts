import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { buildApp } from '../app.ts';

describeWithStore('OpenAPI documentation', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists exactly the API routes, with their parameters and error answers', async () => {
    const res = await app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.info.title).toBe('API Amont');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/buyers/{siret}',
      '/api/v1/communes',
      '/api/v1/cpv/suggest',
      '/api/v1/imports',
      '/api/v1/imports/{id}',
      '/api/v1/me',
      '/api/v1/me/logout-everywhere',
      '/api/v1/organisations/{siret}',
      '/api/v1/planning',
      '/api/v1/planning.ics',
      '/api/v1/planning/ocds',
      '/api/v1/projects',
      '/api/v1/projects/{id}',
      '/api/v1/projects/{id}/lots',
      '/api/v1/projects/{id}/lots/{number}',
      '/api/v1/projects/{id}/ocds',
      '/api/v1/projects/{id}/planning.ics',
      '/api/v1/projects/{id}/status',
      '/api/v1/projects/{id}/studies/{documentId}',
      '/api/v1/search',
      '/api/v1/solutions',
      '/api/v1/solutions/{id}',
      '/api/v1/solutions/{id}/publish',
      '/api/v1/solutions/{id}/unpublish',
      '/api/v1/suppliers',
      '/api/v1/suppliers/{siren}',
    ]);
    const getSupplier = doc.paths['/api/v1/suppliers/{siren}'].get;
    expect(getSupplier.tags).toEqual(['fournisseurs']);
    expect(
      getSupplier.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`).sort(),
    ).toEqual(['path:siren', 'query:page', 'query:perPage']);
    expect(Object.keys(getSupplier.responses).sort()).toEqual(['200', '400', '404', '500']);
    const contract =
      getSupplier.responses['200'].content['application/json'].schema.properties.contracts.items;
    expect(Object.keys(contract.properties)).toEqual(
      expect.arrayContaining(['id', 'buyer', 'object', 'cpv', 'amount', 'notifiedOn', 'procedure']),
    );
    const listParams = doc.paths['/api/v1/suppliers'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams.sort()).toEqual(['page', 'perPage', 'q', 'sort']);
    const search = doc.paths['/api/v1/search'].get;
    expect(search.tags).toEqual(['recherche']);
    expect(search.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      [
        'q',
        'cpv',
        'naf',
        'region',
        'dept',
        'size',
        'ess',
        'hasContracts',
        'hasInnovativeContract',
        'trl',
        'innovation',
        'near',
        'radiusKm',
        'page',
        'perPage',
      ].sort(),
    );
    expect(Object.keys(search.responses['200'].content['application/json'].schema.properties).sort()).toEqual(
      ['correctedQuery', 'facets', 'page', 'partial', 'perPage', 'results', 'total', 'warnings'],
    );
    expect(doc.paths['/api/v1/communes'].get.tags).toEqual(['communes']);
  });

  it('serves Swagger UI at /api/docs', async () => {
    const res = await app.inject('/api/docs');
    const html = res.statusCode === 302 ? (await app.inject(res.headers.location as string)).body : res.body;
    expect(html).toContain('swagger-ui');
    expect(html).toContain('API Amont');
  });
});
