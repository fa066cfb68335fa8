import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { reindexAll, reindexSuppliers } from '../indexer.ts';
import type { FacetValue, SearchIndex } from '../search-index.ts';
import { objectFilterPattern } from './highlight-filter.ts';
import { createPostgresSearchIndex } from './postgres-search-index.ts';
import { compileQuery } from './text-query.ts';
import { parseQuery } from '../query-parser.ts';

/**
 * Bounded work (search-sql.ts): past `scanLimit` matches a search stops reading, says its total is a lower
 * bound and its facet counts partial; the empty query's counts come exact from the facet cache.
 */

const LIFTS = 700;
const SCAN_LIMIT = 300;
const sum = (values: FacetValue[]) => values.reduce((n, v) => n + v.count, 0);

describeWithStore('search: bounded scans, partial counts and the facet cache', () => {
  let store: Store;
  let index: SearchIndex;

  beforeAll(async () => {
    store = await openTestStore();
    // 700 lift maintainers, half in Rennes (Bretagne, 53), half in Nantes (Pays de la Loire, 52).
    await sql`insert into suppliers (siren, name, name_source, commune_code, active)
      select lpad(n::text, 9, '0'), 'ASCENSEURS ' || n, 'decp', case when n % 2 = 0 then '35238' else '44109' end, true
        from generate_series(1, ${LIFTS}) n`.execute(store.db);
    await sql`insert into buyers (siret) values ('21350238800019')`.execute(store.db);
    await sql`insert into contracts (buyer_siret, decp_id, kind, format, object, content_hash, raw)
      select '21350238800019', 'A' || n, 'marche', 'decp-2022', 'Maintenance des ascenseurs du lycée',
             md5(n::text) || md5(n::text), '{}'
        from generate_series(1, ${LIFTS}) n`.execute(store.db);
    await sql`insert into contract_titulaires (contract_id, position, supplier_siren)
      select c.id, 0, lpad(substr(c.decp_id, 2), 9, '0') from contracts c`.execute(store.db);
    await reindexAll(store.db);
    index = createPostgresSearchIndex(store.db, { scanLimit: SCAN_LIMIT });
  });
  afterAll(async () => {
    await store.close();
  });

  it('stops at the scan limit: the total is a lower bound, facet counts cover the documents read', async () => {
    const response = await index.search({ q: 'ascenseurs' });
    expect([response.total, response.partial]).toEqual([
      SCAN_LIMIT,
      { scanned: SCAN_LIMIT, total: true, facets: true },
    ]);
    expect(response.warnings.map((w) => w.code)).toEqual([
      'ranking.capped',
      'total.partial',
      'facets.partial',
    ]);
    expect(response.warnings[1]?.message).toBe(
      "Au moins 300 résultats : la recherche s'arrête aux 300 premiers trouvés, seuls comptés et départagés. " +
        'Précisez votre recherche ou ajoutez des filtres.',
    );
    expect([sum(response.facets.region), response.facets.hasContracts.count]).toEqual([
      SCAN_LIMIT,
      SCAN_LIMIT,
    ]);
    expect(response.results).toHaveLength(20);
  });

  it('counts exactly below the limit; a selected facet counts over the text matches, maybe partially', async () => {
    const wider = createPostgresSearchIndex(store.db, { scanLimit: 400 });
    const response = await wider.search({ q: 'ascenseurs', region: ['53'] });
    // 350 hits, all counted; the région facet counts over the 700 text matches, of which 400 were read.
    expect([response.total, response.partial]).toEqual([
      LIFTS / 2,
      { scanned: 400, total: false, facets: true },
    ]);
    expect(response.warnings.map((w) => w.code)).toEqual(['ranking.capped', 'facets.partial']);
    expect(sum(response.facets.region)).toBe(400);
    const exact = await createPostgresSearchIndex(store.db).search({ q: 'ascenseurs', region: ['53'] });
    expect([exact.total, exact.partial, sum(exact.facets.region)]).toEqual([LIFTS / 2, undefined, LIFTS]);
  });

  it('answers the empty query and a single filter exactly from the facet cache', async () => {
    const all = await index.search({});
    expect([all.total, all.partial, all.facets.region.map((v) => [v.value, v.count])]).toEqual([
      LIFTS,
      undefined,
      [
        ['53', LIFTS / 2],
        ['52', LIFTS / 2],
      ],
    ]);
    const brittany = await index.search({ region: ['53'] });
    // 350 documents pass the filter, more than the limit: the total still comes exact from the cache.
    expect([brittany.total, brittany.partial?.total]).toEqual([LIFTS / 2, false]);
    expect(brittany.facets.region.map((v) => [v.value, v.count, v.selected])).toEqual([
      ['53', LIFTS / 2, true],
      ['52', LIFTS / 2, false],
    ]);
    expect(brittany.results.every((r) => r.regionCode === '53')).toBe(true);
  });

  it('refreshes the cache at the end of each reindex', async () => {
    await sql`update suppliers set active = false where siren in ('000000001', '000000003')`.execute(
      store.db,
    );
    await reindexSuppliers(store.db, ['000000001', '000000003']);
    const all = await index.search({});
    expect([all.total, all.facets.region.find((v) => v.value === '52')?.count]).toEqual([
      LIFTS - 2,
      LIFTS / 2 - 2,
    ]);
    // Tests run in any order: the two suppliers come back.
    await sql`update suppliers set active = true where siren in ('000000001', '000000003')`.execute(store.db);
    await reindexSuppliers(store.db, ['000000001', '000000003']);
    expect((await index.search({})).total).toBe(LIFTS);
  });

  it('highlights contract objects found by their first letters, accents, case and ligatures aside', async () => {
    const terms = (await compileQuery(store.db, parseQuery('oeuvre élévateurs').terms)).terms;
    const pattern = objectFilterPattern(terms);
    const rows = await sql<{ text: string; hit: boolean }>`
      select t as text, t ~* ${pattern} as hit
        from unnest(array['Maîtrise d’Œuvre du lycée', 'ÉLÉVATEUR de charges', 'Manœuvre', 'chauffage']) t`.execute(
      store.db,
    );
    expect(rows.rows.map((r) => [r.text, r.hit])).toEqual([
      ['Maîtrise d’Œuvre du lycée', true],
      ['ÉLÉVATEUR de charges', true],
      ['Manœuvre', false],
      ['chauffage', false],
    ]);
    // A supplier whose matching object comes after 30 others is still highlighted.
    const objects = [
      ...Array.from({ length: 30 }, (_, i) => `Fourniture de papier ${i}`),
      'Maîtrise d’Œuvre du lycée',
    ];
    await sql`update search_documents set contract_objects = ${objects.join(' ; ')},
                tsv = tsv || setweight(to_tsvector('fr', ${objects.join(' ; ')}), 'C')
              where siren = '000000002'`.execute(store.db);
    const response = await createPostgresSearchIndex(store.db).search({ q: 'oeuvre' });
    const marked = response.results[0]?.highlights.contracts?.filter((s) => s.match).map((s) => s.text);
    expect([response.results[0]?.siren, marked]).toEqual(['000000002', ['Œuvre']]);
  });
});
