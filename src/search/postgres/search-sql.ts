import { sql, type RawBuilder } from 'kysely';
import { CpvCode, type CpvCode as Cpv } from '../../domain/shared/index.ts';
import type { FacetName } from '../search-index.ts';
import type { ListFilter, ResolvedFilters } from './search-filters.ts';
import type { CompiledQuery } from './text-query.ts';

/**
 * The one statement of a search: matches, facet counts and the ranked page, in a single round trip
 * (PGlite serialises statements, so round trips cost).
 *
 * Plan, for a text query:
 * 1. `base`: documents matching the text (GIN on `tsv`) and the radius (GiST on the point, bounding box,
 *    then haversine), with one boolean column per active filter. Facets count over it, each applying every
 *    filter but its own.
 * 2. the hits: `base` with all filters (counted, then ranked).
 * 3. `candidates`: when more than `RANK_CANDIDATES` documents match (broad queries), only the best
 *    `RANK_CANDIDATES` by a cheap pre-score are fully ranked: ts_rank of the small name + activity vector
 *    `tsv_head`, ties by SIREN. ts_rank of the full vector (with every contract object) on tens of thousands
 *    of rows is what makes a naive plan slow (stack-notes §3).
 * `base` stays narrow (no vector, CPV divisions only) because every facet reads it again.
 * 4. `page`: ranked by score desc, distance asc (with `near`), name (French collation), SIREN, id.
 */

/** Documents fully ranked at most, unless a later page needs more. */
export const RANK_CANDIDATES = 1000;
/** Weight of a match through a synonym only, relative to the words as typed. */
export const SYNONYM_WEIGHT = 0.5;

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

/** The statement's single row: totals, facets as [value, count(, label)] arrays, and the page. */
export interface SearchRow {
  total: number;
  results: PageRow[];
  naf: [string | null, number][];
  region: [string | null, number][];
  dept: [string | null, number][];
  size: [string | null, number][];
  cpv: [string, number, string | null][];
  flags: { ess: number; hasContracts: number; hasInnovativeContract: number };
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

/** The CPV codes whose counts the tree shows beyond the divisions: selected codes and their ancestors. */
export function cpvPath(filters: ResolvedFilters): string[] {
  const prefixes = filters.cpv.flatMap((c) => [
    c.prefix,
    ...CpvCode.ancestors(c.code as Cpv).map(CpvCode.prefix),
  ]);
  return [...new Set(prefixes)];
}

/**
 * Counts of the CPV nodes below the divisions that the tree shows when codes are selected: their ancestors
 * and their children (next significant digit: « 452 » → « 4521 », « 45201 »). Read from the full prefix
 * lists, which `base` carries only when a CPV code is selected, of the matches in the selected divisions.
 */
function cpvBelowDivisions(filters: ResolvedFilters, others: RawBuilder<boolean>): RawBuilder<unknown> {
  if (filters.cpv.length === 0) {
    return sql``;
  }
  const divisions = [...new Set(filters.cpv.map((c) => c.code.slice(0, 2)))];
  const path = cpvPath(filters).filter((prefix) => prefix.length > 2);
  const children = filters.cpv.map(
    ({ prefix }) =>
      sql`(left(p, ${prefix.length}) = ${prefix} and length(p) > ${prefix.length}
           and ltrim(substr(p, ${prefix.length + 1}, length(p) - ${prefix.length + 1}), '0') = '')`,
  );
  return sql`union all
      select p, count(*)::int
        from base b cross join lateral unnest(b.cpv_prefixes) as p
       where ${others} and b.cpv_divisions && ${divisions}::text[] and length(p) > 2
         and (p = any(${path}::text[]) or ${sql.join(children, sql` or `)})
       group by p`;
}

const RESULT_COLUMNS = sql`d.siren, d.name, d.naf_code, d.naf_label, d.commune_code, d.department_code, d.region_code,
  d.size_category, d.ess, d.contract_count, d.has_contracts, d.has_innovative_contract, d.cpv_codes`;
const PAGE_ORDER = sql`score desc, km asc nulls last, name collate "und-x-icu", siren, id`;

/**
 * Builds the search statement.
 * @param query the compiled text query (no text: every document passing the filters, by name)
 * @param filters the validated filters and paging
 * @returns a statement returning one `SearchRow`
 */
export function searchStatement(query: CompiledQuery, filters: ResolvedFilters): RawBuilder<SearchRow> {
  const active = predicates(filters);
  const others = (facet: FacetName | null): RawBuilder<boolean> => {
    const columns = [...active.keys()]
      .filter((key) => key !== facet)
      .map((key) => sql.ref(PREDICATE_COLUMNS[key]));
    return columns.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(columns, sql` and `)})`;
  };
  const predicateColumns = [...active.entries()].map(
    ([key, condition]) => sql`, ${condition} as ${sql.ref(PREDICATE_COLUMNS[key])}`,
  );
  const near = filters.near;
  const km = near === null ? sql`null::float8` : distanceKm(near.latitude, near.longitude);
  const textMatch = query.match === null ? sql`true` : sql`d.tsv @@ ${query.match}::tsquery`;
  const exactMatch = query.matchExact === null ? sql`true` : sql`d.tsv_exact @@ ${query.matchExact}::tsquery`;
  const ranked = query.match !== null || query.matchExact !== null;
  const offset = (filters.page - 1) * filters.perPage;
  const rank = (vector: string, tsquery: string | null, weight = 1) =>
    tsquery === null
      ? sql`0::numeric`
      : sql`round((${weight}::float4 * ts_rank(${sql.ref(`d.${vector}`)}, ${tsquery}::tsquery))::numeric, 4)`;
  // The pre-score: ts_rank of the small name + activity vector, read with the row (no detoasting).
  const preScore = query.match === null ? sql`0::float4` : sql`ts_rank(d.tsv_head, ${query.match}::tsquery)`;
  const hits = others(null);
  // Browsing (no text) reads the page straight from the table: the name-order index stops after one page.
  const allOnDocuments =
    active.size === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join([...active.values()], sql` and `)})`;
  const page = ranked
    ? sql`candidates as (
          select h.id, h.km from base h where ${hits}
           order by case when (select n from counted) > ${RANK_CANDIDATES} then h.pre else 0 end desc, h.siren, h.id
           limit ${Math.max(RANK_CANDIDATES, offset + filters.perPage)}),
        scored as (
          select c.id, c.km, ${RESULT_COLUMNS}, ${rank('tsv', query.rankText)} as text_score,
                 ${rank('tsv', query.rankSynonyms, SYNONYM_WEIGHT)} as synonym_score,
                 ${rank('tsv_exact', query.rankExact)} as exact_score
            from candidates c join search_documents d on d.id = c.id),
        page as (
          select s.*, s.text_score + s.synonym_score + s.exact_score as score from scored s
           order by ${PAGE_ORDER} limit ${filters.perPage} offset ${offset})`
    : sql`page as (
          select d.id, ${km} as km, ${RESULT_COLUMNS}, 0::numeric as text_score, 0::numeric as synonym_score,
                 0::numeric as exact_score, 0::numeric as score
            from search_documents d
           where ${textMatch} and ${exactMatch} and ${withinRadius(filters)} and ${allOnDocuments}
           order by ${near === null ? sql`` : sql`${km} asc,`} d.name collate "und-x-icu", d.siren, d.id
           limit ${filters.perPage} offset ${offset})`;
  const listFacet = (
    column: string,
    facet: FacetName,
  ) => sql`(select coalesce(jsonb_agg(jsonb_build_array(f.v, f.n)), '[]'::jsonb)
      from (select ${sql.ref(column)} as v, count(*)::int as n from base where ${others(facet)} group by 1) f)`;
  const path = cpvPath(filters);
  return sql<SearchRow>`
    with base as materialized (
      select d.id, d.siren, d.naf_code, d.region_code, d.department_code, d.size_category, d.ess,
             d.has_contracts, d.has_innovative_contract, d.cpv_divisions,
             ${filters.cpv.length === 0 ? sql`null::text[]` : sql`d.cpv_prefixes`} as cpv_prefixes,
             ${km} as km, ${preScore} as pre
             ${sql.join(predicateColumns, sql``)}
        from search_documents d
       where ${textMatch} and ${exactMatch} and ${withinRadius(filters)}),
    counted as (select count(*)::int as n from base where ${hits}),
    ${page},
    f_cpv as (
      select v, count(*)::int as n
        from base b cross join lateral unnest(b.cpv_divisions) as v
       where ${others('cpv')}
       group by v
      ${cpvBelowDivisions(filters, others('cpv'))})
    select (select n from counted) as total,
      (select coalesce(jsonb_agg(to_jsonb(p) order by ${PAGE_ORDER}), '[]'::jsonb) from page p) as results,
      ${listFacet('naf_code', 'naf')} as naf,
      ${listFacet('region_code', 'region')} as region,
      ${listFacet('department_code', 'dept')} as dept,
      ${listFacet('size_category', 'size')} as size,
      (select coalesce(jsonb_agg(jsonb_build_array(x.v, coalesce(f.n, 0), c.label)), '[]'::jsonb)
         from (select v from f_cpv union select unnest(${path}::text[])) x
         left join f_cpv f on f.v = x.v
         left join cpv_codes c on c.code = rpad(x.v, 8, '0')::char(8)) as cpv,
      (select jsonb_build_object(
          'ess', count(*) filter (where ess and ${others('ess')}),
          'hasContracts', count(*) filter (where has_contracts and ${others('hasContracts')}),
          'hasInnovativeContract', count(*) filter (where has_innovative_contract and ${others('hasInnovativeContract')}))
         from base) as flags`;
}
