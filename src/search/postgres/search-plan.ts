import { FACET_NAMES, type FacetName, type SearchResponse, type SearchWarning } from '../search-index.ts';
import type { FacetCounts } from './facet-cache.ts';
import type { FacetSource } from './facet-sql.ts';
import type { ResolvedFilters } from './search-filters.ts';
import type { SearchRow, StatementPlan } from './search-sql.ts';
import type { CompiledQuery } from './text-query.ts';

/**
 * Where each count of a search comes from, and what the response says when a count is partial.
 *
 * A facet that is not selected counts over the hits; a selected one over the documents matching the text
 * and radius with the other filters (search-sql.ts). Without text or radius, the empty query's cached
 * counts (facet-cache.ts) serve every facet when nothing is selected, and the selected facet when it is the
 * only one (but not a CPV code, whose subtree the cache does not hold): its counts ignore its own filter,
 * so they are the empty query's. They are exact, where a scan stops at `scanLimit`.
 */

/** The facets a search selects (filters in use). */
export function selectedFacets(filters: ResolvedFilters): FacetName[] {
  const selected: Record<FacetName, boolean> = {
    cpv: filters.cpv.length > 0,
    naf: filters.naf !== null,
    region: filters.region !== null,
    dept: filters.dept !== null,
    size: filters.size !== null,
    ess: filters.ess,
    hasContracts: filters.hasContracts,
    hasInnovativeContract: filters.hasInnovativeContract,
    trl: filters.trl !== null,
    innovation: filters.innovation !== null,
  };
  return FACET_NAMES.filter((facet) => selected[facet]);
}

function cacheServes(query: CompiledQuery, filters: ResolvedFilters, cache: FacetCounts | null): boolean {
  return cache !== null && query.match === null && query.matchExact === null && filters.near === null;
}

/**
 * Plans the statement of a search.
 * @param query the compiled text
 * @param filters the validated filters
 * @param cache the empty query's counts, when read
 * @param scanLimit documents read at most per scan
 */
export function planStatement(
  query: CompiledQuery,
  filters: ResolvedFilters,
  cache: FacetCounts | null,
  scanLimit: number,
): StatementPlan {
  const selected = selectedFacets(filters);
  // A selected CPV code opens its subtree, which the cache (divisions only) does not hold.
  const cached = cacheServes(query, filters, cache) && selected.length <= 1 && filters.cpv.length === 0;
  const source = (facet: FacetName): FacetSource =>
    cached && (selected.length === 0 || selected[0] === facet)
      ? 'cache'
      : selected.includes(facet)
        ? 'base'
        : 'hits';
  const sources = Object.fromEntries(FACET_NAMES.map((facet) => [facet, source(facet)])) as Record<
    FacetName,
    FacetSource
  >;
  return { sources, countHits: !(cached && selected.length === 0), scanLimit };
}

/**
 * The exact total of a search without text or radius and with at most one filter, from the cache: every
 * document, or the sum of the selected values' counts (values of a list facet are disjoint; not CPV,
 * where a document holds several codes).
 * @returns the total, or null when the cache cannot give it
 */
export function totalFromCache(
  filters: ResolvedFilters,
  plan: StatementPlan,
  cache: FacetCounts | null,
): number | null {
  const selected = selectedFacets(filters);
  if (cache === null || selected.some((facet) => plan.sources[facet] !== 'cache')) {
    return null;
  }
  const facet = selected[0];
  if (facet === undefined) {
    return plan.sources.naf === 'cache' ? cache.total : null;
  }
  if (facet === 'ess' || facet === 'hasContracts' || facet === 'hasInnovativeContract') {
    return cache.flags[facet];
  }
  if (facet === 'cpv' || facet === 'trl' || facet === 'innovation') {
    return null; // a document holds several values: the counts of the values do not add up
  }
  const filter = filters[facet];
  const counts = cache[facet];
  return counts
    .filter(([value]) =>
      value === null ? filter?.missing === true : (filter?.codes as string[]).includes(value),
    )
    .reduce((sum, [, n]) => sum + n, 0);
}

/**
 * The `partial` flags and French warnings of a response whose scans stopped early.
 * @param row the statement's row
 * @param plan where the counts came from
 * @param totalPartial whether the total is a lower bound
 */
export function partialWarnings(
  row: SearchRow,
  plan: StatementPlan,
  totalPartial: boolean,
): { flags: SearchResponse['partial'] | null; warnings: SearchWarning[] } {
  const sources = Object.values(plan.sources);
  const facetsPartial =
    (row.hits_partial && sources.includes('hits')) || (row.base_partial === true && sources.includes('base'));
  if (!totalPartial && !facetsPartial) {
    return { flags: null, warnings: [] };
  }
  const n = plan.scanLimit.toLocaleString('fr-FR');
  const warnings: SearchWarning[] = [];
  if (totalPartial) {
    warnings.push({
      code: 'total.partial',
      message:
        `Au moins ${n} résultats : la recherche s'arrête aux ${n} premiers trouvés, seuls comptés et départagés. ` +
        'Précisez votre recherche ou ajoutez des filtres.',
      details: { scanned: plan.scanLimit },
    });
  }
  if (facetsPartial) {
    warnings.push({
      code: 'facets.partial',
      message: `Les nombres indiqués dans les filtres sont comptés sur les ${n} premiers résultats trouvés, pas sur tous.`,
      details: { scanned: plan.scanLimit },
    });
  }
  return { flags: { scanned: plan.scanLimit, total: totalPartial, facets: facetsPartial }, warnings };
}
