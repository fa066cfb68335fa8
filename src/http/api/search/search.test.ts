import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HTTP_SUPPLIERS,
  loadHttpSearchFixture,
} from '../../../../test/fixtures/search/http-search-fixture.ts';
import { S } from '../../../../test/fixtures/search/search-fixture.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

/** Great-circle distance (mean Earth radius 6371 km), rounded to 0.1 km, to derive expected distances. */
function km(a: [number, number], b: [number, number]): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b[0] - a[0]) / 2) ** 2 +
    Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(rad(b[1] - a[1]) / 2) ** 2;
  return Math.round(12742 * Math.asin(Math.sqrt(h)) * 10) / 10;
}
// Reference points of the fixture (test/fixtures/search/search-fixture.ts).
const RENNES: [number, number] = [48.11168, -1.681869];
const BRUZ: [number, number] = [48.025912, -1.748505];

interface ApiResult {
  siren: string;
  name: string;
  distanceKm?: number;
  communeName: string | null;
  scoreParts: { text: number; synonyms: number; exact: number };
  score: number;
  why: { kind: string; label: string }[];
  highlights: { name?: { text: string; match: boolean }[] };
}

describeWithStore('GET /api/v1/search', () => {
  let store: Store;
  let app: FastifyInstance;
  const get = (query: string) => app.inject(`/api/v1/search?${query}`);

  beforeAll(async () => {
    store = await openTestStore();
    await loadHttpSearchFixture(store.db);
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('finds suppliers by text around a commune, with distances, scores, reasons and highlights', async () => {
    const res = await get('q=capteurs&near=35238&radiusKm=20');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const results = body.results as ApiResult[];
    const bySiren = new Map(results.map((r) => [r.siren, r]));
    // In Rennes: CAPTEURS DE L'AIR and the formula name; in Bruz: the script name and AQUA-OUEST (a contract
    // « Réseau de capteurs »). Nothing else mentions capteurs within 20 km.
    expect([...bySiren.keys()].sort()).toEqual(
      [S.capteursAir, S.aquaOuest, HTTP_SUPPLIERS.script.siren, HTTP_SUPPLIERS.formula.siren].sort(),
    );
    expect([body.total, body.page, body.perPage, body.correctedQuery, body.warnings]).toEqual([
      4,
      1,
      20,
      null,
      [],
    ]);
    expect(bySiren.get(S.capteursAir)?.distanceKm).toBe(km(RENNES, RENNES));
    expect(bySiren.get(S.aquaOuest)?.distanceKm).toBe(km(RENNES, BRUZ));
    expect(bySiren.get(HTTP_SUPPLIERS.script.siren)).toMatchObject({
      name: HTTP_SUPPLIERS.script.name,
      communeName: 'Bruz',
      distanceKm: km(RENNES, BRUZ),
    });
    const top = results[0]!;
    expect(top.score).toBeCloseTo(top.scoreParts.text + top.scoreParts.synonyms + top.scoreParts.exact, 4);
    for (const r of results) {
      expect(r.why.map((w) => w.kind)).toContain('distance');
    }
    const scriptName = bySiren.get(HTTP_SUPPLIERS.script.siren)?.highlights.name ?? [];
    expect(scriptName.map((s) => s.text).join('')).toBe(HTTP_SUPPLIERS.script.name);
    expect(scriptName.filter((s) => s.match).map((s) => s.text)).toContain('CAPTEURS');
  });

  it('reads list filters repeated or comma-separated, and flags as 1/true', async () => {
    const repeated = (await get('size=PME&size=GE')).json();
    const commas = (await get('size=PME,GE')).json();
    expect(commas.total).toBe(repeated.total);
    expect(
      commas.facets.size
        .filter((v: { selected: boolean }) => v.selected)
        .map((v: { value: string }) => v.value),
    ).toEqual(['PME', 'GE']);
    const ess = (await get('ess=true')).json();
    expect((ess.results as ApiResult[]).map((r) => r.siren).sort()).toEqual(
      [S.velosEstuaire, S.residenceSteAnne].sort(),
    );
    expect((await get('ess=1')).json().total).toBe(2);
    expect((await get('ess=0')).json().total).toBe((await get('')).json().total);
  });

  it('turns values the engine cannot use into warnings, and gives the corrected query', async () => {
    const cpv = (await get('cpv=4500')).json();
    expect(cpv.warnings.map((w: { code: string }) => w.code)).toEqual(['cpv.invalid_format']);
    const typo = (await get('q=capteurz')).json();
    expect(typo.correctedQuery).toBe('capteurs');
    expect(typo.warnings.map((w: { code: string }) => w.code)).toEqual(['query.corrected']);
  });

  describe('answers 400 with the parameter in error', () => {
    it.each([
      ['perPage=0', 'perPage'],
      ['perPage=101', 'perPage'],
      ['page=0', 'page'],
      ['radiusKm=-3&near=35238', 'radiusKm'],
      ['radiusKm=1001', 'radiusKm'],
      ['ess=oui', 'ess'],
      ['near=99999', 'near'],
      ['near=Rennes', 'near'],
    ])('%s → %s', async (query, field) => {
      const res = await get(query);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.field).toBe(field);
    });

    it('says « Commune inconnue » for an INSEE code of no commune', async () => {
      const res = await get('near=35999');
      expect(res.json().error).toEqual({
        code: 'commune.unknown_code',
        message:
          'Commune inconnue : « 35999 » n’est le code INSEE d’aucune commune (5 caractères, par exemple 35238 pour Rennes).',
        details: { field: 'near' },
      });
    });
  });
});
