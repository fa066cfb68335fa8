import type { Kysely } from 'kysely';
import { findCommunes, type Commune } from '../domain/communes/index.ts';
import type { SearchIndex, SearchResponse, SearchResult } from '../search/index.ts';
import type { Database } from '../store/schema.ts';
import { SEARCH_MAX_PER_PAGE, toSearchOptions, type SearchParams } from './search-params.ts';

/**
 * Runs a search read by `parseSearchParams` and resolved by `resolveNear`, for the page, the CSV export
 * and the API, and adds what the engine does not return: the names of the results' communes.
 */

/** A page of results and the communes of their head offices, by INSEE code. */
export interface SearchPage {
  response: SearchResponse;
  communes: Map<string, Commune>;
}

/**
 * Runs one page of a search.
 * @param db the store (communes are looked up)
 * @param index the search engine
 * @param params valid search parameters
 * @param near the resolved commune, or null
 * @returns the engine's answer and the communes of the results
 */
export async function searchPage(
  db: Kysely<Database>,
  index: SearchIndex,
  params: SearchParams,
  near: Commune | null,
): Promise<SearchPage> {
  const response = await index.search(toSearchOptions(params, near?.inseeCode ?? null));
  return { response, communes: await communesOf(db, response.results) };
}

/** Every matching result up to a cap, and how many matched in all. */
export interface SearchExtract {
  total: number;
  /** True when `total` is a lower bound (the engine stopped counting, `SearchResponse.partial`). */
  totalIsLowerBound: boolean;
  results: SearchResult[];
  communes: Map<string, Commune>;
  warnings: SearchResponse['warnings'];
}

/**
 * Runs a search over as many pages as needed to collect its first `cap` results, in ranking order
 * (pages are stable: score, distance, name, SIREN).
 * @param db the store
 * @param index the search engine
 * @param params valid search parameters (`page` and `perPage` are ignored)
 * @param near the resolved commune, or null
 * @param cap most results returned
 * @param pageSize results asked per engine call (the engine's maximum by default)
 * @returns the first `cap` results, the total and the first page's warnings
 */
export async function searchExtract(
  db: Kysely<Database>,
  index: SearchIndex,
  params: SearchParams,
  near: Commune | null,
  cap: number,
  pageSize = SEARCH_MAX_PER_PAGE,
): Promise<SearchExtract> {
  const results: SearchResult[] = [];
  let total = 0;
  let totalIsLowerBound = false;
  let warnings: SearchResponse['warnings'] = [];
  for (let page = 1; results.length < cap; page++) {
    const response = await index.search(
      toSearchOptions({ ...params, page, perPage: pageSize }, near?.inseeCode ?? null),
    );
    if (page === 1) {
      total = response.total;
      totalIsLowerBound = response.partial?.total === true;
      warnings = response.warnings;
    }
    results.push(...response.results.slice(0, cap - results.length));
    if (response.results.length < pageSize) {
      break;
    }
  }
  return { total, totalIsLowerBound, results, communes: await communesOf(db, results), warnings };
}

function communesOf(db: Kysely<Database>, results: SearchResult[]): Promise<Map<string, Commune>> {
  return findCommunes(
    db,
    results.flatMap((result) => (result.communeCode === null ? [] : [result.communeCode])),
  );
}
