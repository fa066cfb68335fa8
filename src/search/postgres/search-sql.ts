import { sql, type RawBuilder } from 'kysely';
import { FACET_NAMES, type FacetName } from '../search-index.ts';
import {
  cpvCounts,
  cpvJson,
  facetAggregate,
  flagsJson,
  listFacetJson,
  type FacetCondition,
  type FacetSource,
} from './facet-sql.ts';
import type { ListFilter, ResolvedFilters } from './search-filters.ts';
import type { CompiledQuery } from './text-query.ts';
import {
  SHOWCASE_FACET_COLUMNS,
  showcaseFacetJson,
  showcasePredicates,
  type ShowcaseCounts,
  type ShowcaseFacetName,
} from './showcase-facets.ts';

/**
 * The one statement of a search: matches, facet counts and the ranked page, in a single round trip
 * (PGlite serialises statements, so round trips cost). Its work is bounded: it reads at most
 * `scanLimit` matching documents per scan, however broad the query.
 *
 * Plan, for a text query:
 * 1. `hits`: the documents matching the text (GIN on `tsv`), the radius (GiST on the point, bounding box,
 *    then haversine) and every filter, the first `scanLimit` in the order PostgreSQL reads them (table
 *    order for a bitmap scan). Counted (the total, exact below the limit, a lower bound above), they give
 *    the counts of the facets that are not selected.
 * 2. `base`, only when filters are selected: the documents matching the text and radius (first
 *    `scanLimit`), with one boolean column per filter; each selected facet counts over it with the other
 *    filters (facet-sql.ts).
 * 3. `candidates`: when more than `RANK_CANDIDATES` documents are hits (broad queries), they are cut in
 *    tiers of `RANK_CANDIDATES` by a cheap pre-score — ts_rank of the small name + activity vector
 *    `tsv_head`, ties by SIREN — and only the tiers a page overlaps are fully ranked (the first tier for
 *    the first pages). ts_rank of the full vectors (every contract object, often out of line) on tens of
 *    thousands of rows is what makes a naive plan slow (stack-notes §3); tiers keep pages stable.
 * 4. `page`: tier, then score desc, distance asc (with `near`), name (French collation), SIREN, id.
 * Without text, the page is read straight from the table in name order (the name-order index stops after
 * one page), and the counts of the empty query come from the facet cache (facet-cache.ts).
 */

/** Size of a ranking tier: hits fully ranked together (the first tier fills pages 1 to 10 at 20 a page). */
export const RANK_CANDIDATES = 200;
/** Weight of a match through a synonym only, relative to the words as typed. */
export const SYNONYM_WEIGHT = 0.5;
/**
 * Matching documents read at most per scan (hits, base). Above, the total is a lower bound and the facet
 * counts partial (`SearchResponse.partial`); below, everything is exact. Chosen with `npm run bench:search`
 * (docs/benchmarks.md): a broad query's cost grows with it (about 10 ms of CPU per 1,000 documents read on
 * a loaded machine), and 5,000 keeps every count exact for all but the broadest words at 100,000 documents.
 */
export const SCAN_LIMIT = 5000;

/** The columns of a result row as the statement returns them (JSON). */
export interface PageRow {
  id: number;
  km: number | null;
  siren: string;
  name: string;
  naf_code: string | null;
  naf_label: string | null;
  commune_code: string | null;
  department_code: string | null;
  region_code: string | null;
  size_category: string | null;
  ess: boolean;
  contract_count: number;
  has_contracts: boolean;
  has_innovative_contract: boolean;
  cpv_codes: string[];
  text_score: number;
  synonym_score: number;
  exact_score: number;
  score: number;
}

/** Counts of the list facets as [value, count] pairs; null when they come from the facet cache. */
type ListCounts = [string | null, number][] | null;

/** The statement's single row: totals, facets as [value, count(, label)] arrays, and the page. */
export interface SearchRow {
  /** Hits counted: all of them, or the first `hitLimit` when `hits_partial`; null when not counted. */
  total: number | null;
  /** The hit scan stopped at its limit: there may be more documents passing every filter. */
  hits_partial: boolean;
  /** The scan of the text and radius matches stopped at its limit (selected facets); null without it. */
  base_partial: boolean | null;
  results: PageRow[];
  naf: ListCounts;
  region: ListCounts;
  dept: ListCounts;
  size: ListCounts;
  cpv: [string, number, string | null][] | null;
  flags: Partial<Record<'ess' | 'hasContracts' | 'hasInnovativeContract', number>> | null;
  trl: ShowcaseCounts['trl'];
  innovation: ShowcaseCounts['innovation'];
}

/** How the statement counts: where each facet comes from, how many documents a scan reads. */
export interface StatementPlan {
  sources: Record<FacetName, FacetSource>;
  /** Whether the hits must be counted (false when the total comes from the facet cache and no facet reads them). */
  countHits: boolean;
  scanLimit: number;
}

const PREDICATE_COLUMNS: Record<FacetName, string> = {
  cpv: 'p_cpv',
  naf: 'p_naf',
  region: 'p_region',
  dept: 'p_dept',
  size: 'p_size',
  ess: 'p_ess',
  hasContracts: 'p_has_contracts',
  hasInnovativeContract: 'p_has_innovative_contract',
  trl: 'p_trl',
  innovation: 'p_innovation',
};

function inList(column: string, filter: ListFilter | null): RawBuilder<boolean> | null {
  if (filter === null) {
    return null;
  }
  const col = sql.ref(column);
  const listed = sql<boolean>`${col} = any(${filter.codes}::text[])`;
  return filter.missing ? sql<boolean>`(${listed} or ${col} is null)` : listed;
}

/** The condition of each active filter on `search_documents as d`. */
function predicates(filters: ResolvedFilters): Map<FacetName, RawBuilder<boolean>> {
  const entries: [FacetName, RawBuilder<boolean> | null][] = [
    [
      'cpv',
      filters.cpv.length === 0 ? null : sql`d.cpv_prefixes && ${filters.cpv.map((c) => c.prefix)}::text[]`,
    ],
    ['naf', inList('d.naf_code', filters.naf)],
    ['region', inList('d.region_code', filters.region)],
    ['dept', inList('d.department_code', filters.dept)],
    ['size', inList('d.size_category', filters.size)],
    ['ess', filters.ess ? sql`d.ess` : null],
    ['hasContracts', filters.hasContracts ? sql`d.has_contracts` : null],
    ['hasInnovativeContract', filters.hasInnovativeContract ? sql`d.has_innovative_contract` : null],
    ...showcasePredicates(filters),
  ];
  return new Map(entries.filter((entry): entry is [FacetName, RawBuilder<boolean>] => entry[1] !== null));
}

/** Great-circle distance in km from the centre to `d` (haversine, mean Earth radius 6371 km). */
function distanceKm(lat: number, lon: number): RawBuilder<number> {
  return sql<number>`(12742 * asin(least(1, sqrt(
    power(sin(radians(d.latitude - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(d.latitude)) * power(sin(radians(d.longitude - ${lon}::float8) / 2), 2)))))`;
}

/** Radius condition: the bounding box (GiST on point(longitude, latitude)) first, then the exact distance. */
function withinRadius(filters: ResolvedFilters): RawBuilder<boolean> {
  const near = filters.near;
  if (near === null) {
    return sql<boolean>`true`;
  }
  const dLat = near.radiusKm / 110.57;
  const dLon = near.radiusKm / (111.32 * Math.max(0.01, Math.cos((near.latitude * Math.PI) / 180)));
  return sql<boolean>`point(d.longitude, d.latitude) <@ box(
      point(${near.longitude - dLon}::float8, ${near.latitude - dLat}::float8),
      point(${near.longitude + dLon}::float8, ${near.latitude + dLat}::float8))
    and ${distanceKm(near.latitude, near.longitude)} <= ${near.radiusKm}::float8`;
}

const RESULT_COLUMNS = sql`d.siren, d.name, d.naf_code, d.naf_label, d.commune_code, d.department_code, d.region_code,
  d.size_category, d.ess, d.contract_count, d.has_contracts, d.has_innovative_contract, d.cpv_codes`;
const FACET_COLUMNS = sql`d.naf_code, d.region_code, d.department_code, d.size_category, d.ess, d.has_contracts,
  d.has_innovative_contract, d.cpv_divisions, ${SHOWCASE_FACET_COLUMNS}`;
const PAGE_ORDER = sql`tier, score desc, km asc nulls last, name collate "und-x-icu", siren, id`;

/**
 * A bounded scan: the first `limit` rows, materialised once. Reading exactly `limit` rows means there may
 * be more (« au moins »); reading one more row to be sure would cost a second copy of the scan.
 */
function bounded(name: string, scan: RawBuilder<unknown>, limit: number): RawBuilder<unknown> {
  return sql`${sql.ref(name)} as materialized (${scan} limit ${limit})`;
}

/**
 * Builds the search statement.
 * @param query the compiled text query (no text: every document passing the filters, by name)
 * @param filters the validated filters and paging
 * @param plan where each facet is counted, and the scan limit
 * @returns a statement returning one `SearchRow`
 */
export function searchStatement(
  query: CompiledQuery,
  filters: ResolvedFilters,
  plan: StatementPlan,
): RawBuilder<SearchRow> {
  const active = predicates(filters);
  const others: FacetCondition = (facet) => {
    const columns = [...active.keys()]
      .filter((key) => key !== facet)
      .map((key) => sql.ref(PREDICATE_COLUMNS[key]));
    return columns.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(columns, sql` and `)})`;
  };
  const all = (): RawBuilder<boolean> => sql<boolean>`true`;
  const near = filters.near;
  const km = near === null ? sql`null::float8` : distanceKm(near.latitude, near.longitude);
  const textMatch = query.match === null ? sql`true` : sql`d.tsv @@ ${query.match}::tsquery`;
  const exactMatch = query.matchExact === null ? sql`true` : sql`d.tsv_exact @@ ${query.matchExact}::tsquery`;
  const matches = sql<boolean>`${textMatch} and ${exactMatch} and ${withinRadius(filters)}`;
  const everyFilter =
    active.size === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join([...active.values()], sql` and `)})`;
  const ranked = query.match !== null || query.matchExact !== null;
  const offset = (filters.page - 1) * filters.perPage;
  const hitLimit = Math.max(plan.scanLimit, offset + filters.perPage);
  const fromSource = (source: FacetSource) => sql.ref(source === 'base' ? 'base' : 'hits');
  const facetsOf = (source: FacetSource) => FACET_NAMES.filter((facet) => plan.sources[facet] === source);
  const useBase = facetsOf('base').length > 0;
  const useHits = plan.countHits || ranked || facetsOf('hits').length > 0;

  const ctes: RawBuilder<unknown>[] = [];
  if (useHits) {
    ctes.push(
      bounded(
        'hits',
        sql`select d.id, d.siren, ${FACET_COLUMNS}, ${km} as km ${ranked ? sql`, d.tsv_head` : sql``}
              from search_documents d where ${matches} and ${everyFilter}`,
        hitLimit,
      ),
      sql`counted as (select count(*)::int as n from hits)`,
    );
  }
  if (useBase) {
    const predicateColumns = [...active.entries()].map(
      ([key, condition]) => sql`, ${condition} as ${sql.ref(PREDICATE_COLUMNS[key])}`,
    );
    ctes.push(
      bounded(
        'base',
        sql`select d.id, ${FACET_COLUMNS}, ${filters.cpv.length > 0 ? sql`d.cpv_prefixes` : sql`null::text[]`} as cpv_prefixes
                   ${sql.join(predicateColumns, sql``)}
              from search_documents d where ${matches}`,
        plan.scanLimit,
      ),
    );
  }
  const rank = (vector: string, tsquery: string | null, weight = 1) =>
    tsquery === null
      ? sql`0::numeric`
      : sql`round((${weight}::float4 * ts_rank(${sql.ref(`d.${vector}`)}, ${tsquery}::tsquery))::numeric, 4)`;
  // Hits are ranked in tiers of RANK_CANDIDATES by the pre-score (computed only when there is more than
  // one tier); a page reads the tiers it overlaps, fully ranked, so pages never overlap or skip a result.
  const preScore =
    query.match === null
      ? sql`0::float4`
      : sql`case when (select n from counted) > ${RANK_CANDIDATES}
                 then ts_rank(h.tsv_head, ${query.match}::tsquery) else 0 end`;
  const firstTier = Math.floor(offset / RANK_CANDIDATES);
  const lastTier = Math.floor((offset + filters.perPage - 1) / RANK_CANDIDATES);
  ctes.push(
    ranked
      ? sql`candidates as (
          select t.id, t.km, t.tier
            from (select o.id, o.km, (row_number() over (order by o.pre desc, o.siren, o.id) - 1) / ${RANK_CANDIDATES} as tier
                    from (select h.id, h.km, h.siren, ${preScore} as pre from hits h
                           order by pre desc, h.siren, h.id limit ${(lastTier + 1) * RANK_CANDIDATES}) o) t
           where t.tier >= ${firstTier}),
        scored as (
          select c.id, c.km, c.tier, ${RESULT_COLUMNS}, ${rank('tsv', query.rankText)} as text_score,
                 ${rank('tsv', query.rankSynonyms, SYNONYM_WEIGHT)} as synonym_score,
                 ${rank('tsv_exact', query.rankExact)} as exact_score
            from candidates c join search_documents d on d.id = c.id),
        page as (
          select s.*, s.text_score + s.synonym_score + s.exact_score as score from scored s
           order by ${PAGE_ORDER} limit ${filters.perPage} offset ${offset - firstTier * RANK_CANDIDATES})`
      : sql`page as (
          select d.id, ${km} as km, 0 as tier, ${RESULT_COLUMNS}, 0::numeric as text_score, 0::numeric as synonym_score,
                 0::numeric as exact_score, 0::numeric as score
            from search_documents d
           where ${matches} and ${everyFilter}
           order by ${near === null ? sql`` : sql`${km} asc,`} d.name collate "und-x-icu", d.siren, d.id
           limit ${filters.perPage} offset ${offset})`,
  );
  for (const source of ['hits', 'base'] as const) {
    const condition = source === 'base' ? others : all;
    const aggregate = facetAggregate(source, fromSource(source), facetsOf(source), condition);
    if (aggregate !== null) {
      ctes.push(aggregate);
    }
  }
  const showcaseCounts = (facet: ShowcaseFacetName) =>
    plan.sources[facet] === 'cache'
      ? sql`null::jsonb`
      : showcaseFacetJson(
          facet,
          fromSource(plan.sources[facet]),
          plan.sources[facet] === 'base' ? others(facet) : all(),
        );
  const cpvSource = plan.sources.cpv;
  if (cpvSource !== 'cache') {
    const condition = cpvSource === 'base' ? others('cpv') : all();
    ctes.push(sql`f_cpv as (${cpvCounts(filters.cpv, fromSource(cpvSource), condition)})`);
  }
  return sql<SearchRow>`
    with ${sql.join(ctes)}
    select ${useHits ? sql`(select n from counted)` : sql`null::int`} as total,
      ${useHits ? sql`(select n from counted) >= ${hitLimit}` : sql`false`} as hits_partial,
      ${useBase ? sql`(select count(*) from base) >= ${plan.scanLimit}` : sql`null::boolean`} as base_partial,
      (select coalesce(jsonb_agg(to_jsonb(p) order by ${PAGE_ORDER}), '[]'::jsonb) from page p) as results,
      ${listFacetJson('naf', plan.sources.naf)} as naf,
      ${listFacetJson('region', plan.sources.region)} as region,
      ${listFacetJson('dept', plan.sources.dept)} as dept,
      ${listFacetJson('size', plan.sources.size)} as size,
      ${cpvJson(filters.cpv, cpvSource)} as cpv,
      ${flagsJson(plan.sources)} as flags,
      ${showcaseCounts('trl')} as trl,
      ${showcaseCounts('innovation')} as innovation`;
}
