import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadHttpSearchFixture } from '../../../../test/fixtures/search/http-search-fixture.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('GET /api/v1/communes', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    await loadHttpSearchFixture(store.db);
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('finds communes by name prefix, accents and case ignored, with their code and département', async () => {
    const res = await app.inject('/api/v1/communes?q=saint-d&limit=5');
    expect(res.statusCode).toBe(200);
    const { results } = res.json();
    // Both Saint-Denis first (names starting with the text), the most populated first.
    expect(results.slice(0, 2)).toEqual([
      { code: '93066', name: 'Saint-Denis', departmentCode: '93', postalCode: '93200' },
      { code: '97411', name: 'Saint-Denis', departmentCode: '974', postalCode: null },
    ]);
    const accents = (await app.inject('/api/v1/communes?q=SAINT%20BRIEUC')).json();
    expect(accents.results.map((c: { code: string }) => c.code)).toEqual(['22278']);
    expect((await app.inject('/api/v1/communes?q=')).json()).toEqual({ results: [] });
  });

  it('refuses a limit out of range', async () => {
    const res = await app.inject('/api/v1/communes?q=ren&limit=21');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.field).toBe('limit');
  });
});
