import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { loadSearchFixture, S } from '../../../test/fixtures/search/search-fixture.ts';
import type { Store } from '../../store/database.ts';
import { reindexAll } from '../indexer.ts';
import type { SearchIndex } from '../search-index.ts';
import { createPostgresSearchIndex } from './postgres-search-index.ts';
import { RANK_CANDIDATES } from './search-sql.ts';

/** Ranking (issue 3 §5) and geography (§4) on the fixture of test/fixtures/search. */
describeWithStore('search: ranking and geography', () => {
  let store: Store;
  let index: SearchIndex;

  beforeAll(async () => {
    store = await openTestStore();
    await loadSearchFixture(store.db);
    await reindexAll(store.db);
    index = createPostgresSearchIndex(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('lists suppliers within a radius of a commune, nearest first, with the great-circle distance', async () => {
    const response = await index.search({ near: { inseeCode: '35238', radiusKm: 70 } });
    expect(response.results.map((r) => [r.name, r.distanceKm])).toEqual([
      ["CAPTEURS DE L'AIR", 0],
      ["CŒUR D'ŒUVRE", 0],
      ['RÉSIDENCE SAINTE-ANNE', 0],
      ['AQUA-OUEST', 10.7],
      ['MENUISERIES DU LITTORAL', 62.8],
      ['ST MALO NAUTIQUE', 62.8],
    ]);
    // SOCIÉTÉ DISCRÈTE is in Rennes too, but not diffusible: never placed on a map.
    expect(response.results.map((r) => r.siren)).not.toContain(S.discrete);
    expect(response.results[3]?.why).toEqual([{ kind: 'distance', km: 10.7, label: 'À 10,7 km de Rennes' }]);
    expect((await index.search({ near: { inseeCode: '35238' } })).total).toBe(4); // default radius 30 km
  });

  it('measures from arrondissements and overseas communes as well', async () => {
    const lyon = await index.search({ near: { inseeCode: '69123', radiusKm: 5 } });
    expect(lyon.results.map((r) => [r.siren, r.distanceKm])).toEqual([
      [S.datamind, 0],
      [S.iaPublique, 1.3],
    ]);
    const paris = await index.search({ near: { inseeCode: '75056', radiusKm: 5 } });
    expect(paris.results.map((r) => [r.siren, r.distanceKm])).toEqual([[S.orangeTelecom, 2.7]]);
    const reunion = await index.search({ near: { inseeCode: '97411', radiusKm: 10 } });
    expect(reunion.results.map((r) => r.siren)).toEqual([S.tpReunion]);
  });

  it('combines the radius with a text query, ranking first', async () => {
    const response = await index.search({ q: 'capteurs', near: { inseeCode: '35047', radiusKm: 15 } });
    expect(response.results.map((r) => [r.name, r.distanceKm])).toEqual([
      ["CAPTEURS DE L'AIR", 10.7],
      ['AQUA-OUEST', 0],
    ]);
  });

  it('explains a wrong commune or radius instead of returning nothing', async () => {
    const invalid = await index.search({ near: { inseeCode: '3523' } });
    expect([invalid.total, invalid.warnings.map((w) => w.code)]).toEqual([19, ['cog.invalid_commune_code']]);
    const unknown = await index.search({ near: { inseeCode: '35999' } });
    expect(unknown.warnings).toEqual([
      {
        code: 'near.unknown_commune',
        message:
          "La commune de code INSEE 35999 est introuvable dans le référentiel des communes. La recherche n'est pas limitée autour d'une commune.",
        details: { option: 'near', value: '35999' },
      },
    ]);
    const far = await index.search({ near: { inseeCode: '35238', radiusKm: 5000 } });
    expect(far.warnings.map((w) => w.message)).toEqual([
      "Le rayon « 5000 km » n'est pas valide (de 1 à 1000 km) : la recherche utilise 1000 km.",
    ]);
    expect(far.total).toBe(15); // metropolitan France, without Corsica (Ajaccio is 1015 km away), La Réunion and the 2 unlocated
  });

  it('explains each result: score parts that add up, fields, terms and exact words', async () => {
    const response = await index.search({ q: 'capteurs qualité' });
    expect(response.results.map((r) => [r.siren, r.score, r.scoreParts])).toEqual([
      [S.capteursAir, 0.6193, { text: 0.2326, synonyms: 0, exact: 0.3867 }],
    ]);
    expect(response.results[0]?.why.map((w) => w.label)).toEqual([
      '« capteurs » dans le nom et les objets des marchés remportés (mot exact)',
      '« qualité » dans les objets des marchés remportés (mot exact)',
    ]);
  });

  it('breaks ties by name in French order, then SIREN, so that pages are stable', async () => {
    const response = await index.search({ q: 'construction' });
    expect(response.results.map((r) => [r.name, r.score])).toEqual([
      ['BATI CONSTRUCTION', 1.2766],
      ['TRAVAUX PUBLICS DE LA RÉUNION', 0.5472],
      // Same score (« construction » once in the NAF label): French alphabetical order.
      ['SOCIÉTÉ DISCRÈTE', 0.4864],
      ['ST MALO NAUTIQUE', 0.4864],
    ]);
    const all = await index.search({ perPage: 100 });
    const pages = [];
    for (let page = 1; page <= 4; page++) {
      pages.push(...(await index.search({ perPage: 5, page })).results.map((r) => r.siren));
    }
    expect(pages).toEqual(all.results.map((r) => r.siren));
    expect(all.results.slice(4, 8).map((r) => r.name)).toEqual([
      'BATI CONSTRUCTION',
      "CAPTEURS DE L'AIR",
      "CŒUR D'ŒUVRE",
      'CYBERSÉCURITÉ BRETAGNE',
    ]);
  });
});

describeWithStore('search: ranking a broad query', () => {
  let store: Store;
  let index: SearchIndex;
  const BAKERIES = RANK_CANDIDATES + 50;

  beforeAll(async () => {
    store = await openTestStore();
    // Many suppliers mention the word in a contract object only (weight C); one has it in its name, with the
    // highest SIREN: a plan that pre-selected candidates by SIREN alone would miss it.
    await sql`insert into suppliers (siren, name, name_source)
      select lpad(n::text, 9, '0'), 'FOURNIL ' || n, 'decp' from generate_series(1, ${BAKERIES}) n
      union all select '999999998', 'BOULANGERIE DU PORT', 'decp'`.execute(store.db);
    await sql`insert into buyers (siret) values ('21350238800019')`.execute(store.db);
    await sql`insert into contracts (buyer_siret, decp_id, kind, format, object, content_hash, raw)
      select '21350238800019', 'B' || n, 'marche', 'decp-2022', 'Pain et viennoiserie, boulangerie municipale',
             md5(n::text) || md5(n::text), '{}'
        from generate_series(1, ${BAKERIES}) n`.execute(store.db);
    await sql`insert into contract_titulaires (contract_id, position, supplier_siren)
      select c.id, 0, lpad(substr(c.decp_id, 2), 9, '0') from contracts c`.execute(store.db);
    await reindexAll(store.db);
    index = createPostgresSearchIndex(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it(`fully ranks only the ${RANK_CANDIDATES} best candidates by name and activity, and says so`, async () => {
    const response = await index.search({ q: 'boulangerie', perPage: 3 });
    expect(response.total).toBe(BAKERIES + 1);
    expect(response.results.map((r) => r.name)).toEqual(['BOULANGERIE DU PORT', 'FOURNIL 1', 'FOURNIL 10']);
    expect(response.warnings.map((w) => w.code)).toEqual(['ranking.capped']);
    // Pages past the first tier are served too (each tier fully ranked), never repeating or skipping a result.
    const last = await index.search({ q: 'boulangerie', perPage: 100, page: RANK_CANDIDATES / 100 + 1 });
    expect(last.results).toHaveLength(BAKERIES + 1 - RANK_CANDIDATES);
    const pages: string[] = [];
    for (let page = 1; page <= Math.ceil((BAKERIES + 1) / 30); page++) {
      pages.push(
        ...(await index.search({ q: 'boulangerie', perPage: 30, page })).results.map((r) => r.siren),
      );
    }
    expect([pages.length, new Set(pages).size]).toEqual([BAKERIES + 1, BAKERIES + 1]);
  });
});
