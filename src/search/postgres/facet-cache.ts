import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { FacetName } from '../search-index.ts';
import { cpvCounts, cpvJson, facetAggregate, flagsJson, listFacetJson } from './facet-sql.ts';
import type { SearchRow } from './search-sql.ts';
import { showcaseFacetJson } from './showcase-facets.ts';

/**
 * The counts of the empty query — every document: total, NAF, région, département, size, CPV divisions
 * and flags — kept in `search_facet_cache` (one row). The search page opens on them, and they would
 * otherwise read the whole table at every visit (about 1 s at a million documents). The indexer refreshes
 * the row at the end of each reindex; between the first batch of a reindex and its end, the cache shows
 * the counts of the previous index.
 *
 * They also serve, exactly, a facet that is the only filter of a search without text or radius (its counts
 * ignore its own filter, so they are the empty query's), and that search's total.
 */

/** The cached counts, in the statement's row shape. */
export interface FacetCounts {
  total: number;
  naf: NonNullable<SearchRow['naf']>;
  region: NonNullable<SearchRow['region']>;
  dept: NonNullable<SearchRow['dept']>;
  size: NonNullable<SearchRow['size']>;
  cpv: NonNullable<SearchRow['cpv']>;
  flags: Record<'ess' | 'hasContracts' | 'hasInnovativeContract', number>;
  /** Showcase facets (showcase-facets.ts); absent from a cache row written before they existed. */
  trl?: [string, number][];
  innovation?: [string, number][];
}

const EVERY_FACET: Record<FacetName, 'hits'> = {
  cpv: 'hits',
  naf: 'hits',
  region: 'hits',
  dept: 'hits',
  size: 'hits',
  ess: 'hits',
  hasContracts: 'hits',
  hasInnovativeContract: 'hits',
  trl: 'hits',
  innovation: 'hits',
};

/**
 * Counts every document and writes the cache row (one statement, one read of the table).
 * @param db the store, or a transaction
 */
export async function refreshFacetCache(db: Kysely<Database>): Promise<void> {
  const everything = () => sql<boolean>`true`;
  const aggregate = facetAggregate(
    'hits',
    sql.ref('hits'),
    Object.keys(EVERY_FACET) as FacetName[],
    everything,
  );
  await sql`
    with hits as materialized (
      select naf_code, region_code, department_code, size_category, ess, has_contracts, has_innovative_contract,
             cpv_divisions, trl_levels, innovation_signals
        from search_documents),
    ${aggregate},
    f_cpv as (${cpvCounts([], sql.ref('hits'), everything())})
    insert into search_facet_cache (id, total, counts, refreshed_at)
    select true, (select count(*) from hits), jsonb_build_object(
             'naf', ${listFacetJson('naf', 'hits')}, 'region', ${listFacetJson('region', 'hits')},
             'dept', ${listFacetJson('dept', 'hits')}, 'size', ${listFacetJson('size', 'hits')},
             'cpv', ${cpvJson([], 'hits')}, 'flags', ${flagsJson(EVERY_FACET)},
             'trl', ${showcaseFacetJson('trl', sql.ref('hits'), everything())},
             'innovation', ${showcaseFacetJson('innovation', sql.ref('hits'), everything())}), now()
    on conflict (id) do update set total = excluded.total, counts = excluded.counts,
                                   refreshed_at = excluded.refreshed_at`.execute(db);
}

/**
 * Reads the cache.
 * @param db the store
 * @returns the counts, or null when the cache was never written (the search then counts itself)
 */
export async function readFacetCache(db: Kysely<Database>): Promise<FacetCounts | null> {
  const row = await db.selectFrom('search_facet_cache').select(['total', 'counts']).executeTakeFirst();
  if (row === undefined) {
    return null;
  }
  return { ...(row.counts as Omit<FacetCounts, 'total'>), total: row.total };
}
