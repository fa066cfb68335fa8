import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContract, buildSupplier } from '../../../../test/factories/index.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('page /', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    const a = await buildSupplier(store.db);
    const b = await buildSupplier(store.db);
    await buildContract(store.db, { titulaires: [a, b] });
    await buildContract(store.db, { titulaires: [a] });
    await buildSupplier(store.db);
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('GET /', () => {
    it('explains Amont, offers the directory search and counts what it holds', async () => {
      const res = await app.inject('/');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html lang="fr"');
      expect(res.body).toContain('<form action="/fournisseurs" method="get">');
      expect(res.body).toMatch(/<input[^>]*name="q"/);
      expect(res.body).toContain('data-count="suppliers">3</strong>');
      expect(res.body).toContain('data-count="buyers">2</strong>');
      expect(res.body).toContain('data-count="contracts">2</strong>');
      expect(res.body).toContain('Amont est un annuaire public et ouvert');
      expect(res.body).not.toContain('GOV.UK');
      expect(res.body).toContain('href="/api/docs"');
    });
  });

  describe('unknown URLs', () => {
    it('answers a French 404 page', async () => {
      const res = await app.inject('/inconnue');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('Page introuvable');
      expect(res.body).toContain('lang="fr"');
    });

    it('answers JSON 404 under /api', async () => {
      const res = await app.inject('/api/v1/inconnue');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: {
          code: 'route.not_found',
          message: 'Aucune ressource ne répond à GET /api/v1/inconnue.',
          details: {},
        },
      });
    });
  });
});
