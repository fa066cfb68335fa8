import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { majorityCode } from '../../../../test/fixtures/cpv-suggest/need-contracts.ts';
import {
  cpvListAvailable,
  openNeedStore,
  type NeedStore,
} from '../../../../test/fixtures/cpv-suggest/need-store.ts';
import { describeWithStore } from '../../../../test/setup/test-store.ts';
import { MAX_NEED_LENGTH } from '../../../search/cpv-suggest/index.ts';
import { buildApp } from '../../app.ts';

describeWithStore('API /api/v1/cpv/suggest', () => {
  let need: NeedStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    need = await openNeedStore();
    app = await buildApp({ store: need.store });
  });
  afterAll(async () => {
    await app.close();
    await need.close();
  });

  const get = (query: Record<string, string>) => app.inject({ url: '/api/v1/cpv/suggest', query });

  describe('GET /api/v1/cpv/suggest', () => {
    it.skipIf(!cpvListAvailable)(
      'answers 5 suggestions by default: code with its check digit, label, score and reasons',
      async () => {
        const res = await get({ q: 'entretien des espaces verts' });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toContain('application/json');
        const { suggestions } = res.json();
        expect(suggestions).toHaveLength(5);
        const expected = majorityCode(/espaces verts/i);
        const entry = await need.store.db
          .selectFrom('cpv_codes')
          .select(['check_digit', 'label'])
          .where('code', '=', expected)
          .executeTakeFirstOrThrow();
        expect(Object.keys(suggestions[0]).sort()).toEqual(['code', 'label', 'score', 'why']);
        expect(suggestions[0]).toMatchObject({
          code: `${expected}-${entry.check_digit}`,
          label: entry.label,
        });
        for (const suggestion of suggestions) {
          expect(suggestion.code).toMatch(/^\d{8}-\d$/);
          expect(suggestion.score).toBeGreaterThan(0);
          expect(suggestion.score).toBeLessThanOrEqual(1);
          expect(suggestion.why.length).toBeGreaterThan(0);
        }
      },
    );

    it.skipIf(!cpvListAvailable)('takes `limit` from 1 to 20', async () => {
      const res = await get({ q: 'travaux de voirie', limit: '2' });
      expect(res.statusCode).toBe(200);
      expect(res.json().suggestions).toHaveLength(2);
    });

    it('answers an empty list for a need made of stop words only', async () => {
      const res = await get({ q: 'de la et des' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ suggestions: [] });
    });

    it('answers 400 naming `q` for a blank, missing or too long need', async () => {
      for (const q of ['', '   ']) {
        const blank = await get({ q });
        expect(blank.statusCode, JSON.stringify(q)).toBe(400);
        expect(blank.json().error).toMatchObject({
          code: 'cpv_suggest.invalid_query',
          details: { field: 'q' },
        });
        expect(blank.json().error.message).toContain('Décrivez votre besoin');
      }

      const missing = await get({});
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error).toMatchObject({
        code: 'request.invalid',
        details: { field: 'q', in: 'querystring' },
      });

      const long = await get({ q: 'a'.repeat(MAX_NEED_LENGTH + 1) });
      expect(long.statusCode).toBe(400);
      expect(long.json().error.message).toContain(`ne doit pas dépasser ${MAX_NEED_LENGTH} caractères`);
    });

    it('answers 400 naming `limit` outside 1 to 20', async () => {
      for (const [limit, text] of [
        ['0', 'supérieur ou égal à 1'],
        ['21', 'inférieur ou égal à 20'],
        ['deux', 'nombre entier'],
      ] as const) {
        const res = await get({ q: 'voirie', limit });
        expect(res.statusCode, limit).toBe(400);
        expect(res.json().error.details).toEqual({ field: 'limit', in: 'querystring' });
        expect(res.json().error.message).toContain(text);
      }
    });

    it('is described in the OpenAPI document with its parameters', async () => {
      const doc = (await app.inject('/api/docs/json')).json();
      const route = doc.paths['/api/v1/cpv/suggest'].get;
      expect(route.tags).toEqual(['recherche']);
      expect(route.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['limit', 'q']);
      expect(Object.keys(route.responses).sort()).toEqual(['200', '400', '500']);
    });
  });
});
