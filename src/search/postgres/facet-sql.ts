import { sql, type RawBuilder } from 'kysely';
import { CpvCode, type CpvCode as Cpv } from '../../domain/shared/index.ts';
import type { FacetName } from '../search-index.ts';
import type { CpvFilter } from './search-filters.ts';

/**
 * The facet counts of the search statement, in one aggregate pass per source of rows:
 * - `hits` (documents passing every filter) for the facets that are not selected: all their rows count;
 * - `base` (documents matching the text and radius) for the selected facets, each counted with the other
 *   filters only (choosing a second NAF code widens the list, so its count must not be cut by the first).
 * The four list facets and the three flags are one `grouping sets` aggregate (PostgreSQL hashes every set
 * in a single scan); the CPV divisions are one `unnest` (a ProjectSet, not a lateral join per row).
 */

/** Where a facet's counts come from. */
export type FacetSource = 'hits' | 'base' | 'cache';

/** The list facets and their column. */
const LIST_FACETS = [
  ['naf', 'naf_code'],
  ['region', 'region_code'],
  ['dept', 'department_code'],
  ['size', 'size_category'],
] as const;
const FLAG_FACETS = [
  ['ess', 'ess'],
  ['hasContracts', 'has_contracts'],
  ['hasInnovativeContract', 'has_innovative_contract'],
] as const;
/** Name of the grouping set of every row, (), which carries the flag counts. */
const ALL_ROWS = 'all';

/** The condition a facet's rows must pass in its source (other filters on `base`, none on `hits`). */
export type FacetCondition = (facet: FacetName) => RawBuilder<boolean>;

function aggregateName(source: FacetSource): string {
  return `f_${source}`;
}

/**
 * The CTE counting the list facets and flags of one source: one row per value of each list facet
 * (column `s` names the facet), plus one row for all rows (`s` = 'all') with the flag counts.
 * @returns the CTE text (to put after `with … ,`), or null when no facet reads this source
 */
export function facetAggregate(
  source: FacetSource,
  from: RawBuilder<unknown>,
  facets: FacetName[],
  condition: FacetCondition,
): RawBuilder<unknown> | null {
  const lists = LIST_FACETS.filter(([facet]) => facets.includes(facet));
  const flags = FLAG_FACETS.filter(([facet]) => facets.includes(facet));
  if (lists.length === 0 && flags.length === 0) {
    return null;
  }
  const columns = lists.map(([, column]) => sql.ref(column));
  const sets = [...columns.map((column) => sql`(${column})`), ...(flags.length > 0 ? [sql`()`] : [])];
  // grouping(a, b, …) has one bit per column, set when the row is not grouped by it (first column highest).
  const every = (1 << columns.length) - 1;
  const setName =
    columns.length === 0
      ? sql`${ALL_ROWS}::text`
      : sql`case grouping(${sql.join(columns)}) ${sql.join(
          lists.map(([facet], i) => sql`when ${every - (1 << (columns.length - 1 - i))} then ${facet}::text`),
          sql` `,
        )} else ${ALL_ROWS}::text end`;
  const counts = [
    ...lists.map(
      ([facet]) => sql`count(*) filter (where ${condition(facet)})::int as ${sql.ref(`n_${facet}`)}`,
    ),
    ...flags.map(
      ([facet, column]) =>
        sql`count(*) filter (where ${sql.ref(column)} and ${condition(facet)})::int as ${sql.ref(`n_${facet}`)}`,
    ),
  ];
  return sql`${sql.ref(aggregateName(source))} as (
      select ${sql.join([...columns, sql`${setName} as s`, ...counts])}
        from ${from}
       group by grouping sets (${sql.join(sets)}))`;
}

/** JSON [value, count] pairs of a list facet read from its source's aggregate (null: counts from the cache). */
export function listFacetJson(
  facet: 'naf' | 'region' | 'dept' | 'size',
  source: FacetSource,
): RawBuilder<unknown> {
  const entry = LIST_FACETS.find(([name]) => name === facet);
  if (source === 'cache' || entry === undefined) {
    return sql`null::jsonb`;
  }
  const n = sql.ref(`n_${facet}`);
  return sql`(select coalesce(jsonb_agg(jsonb_build_array(${sql.ref(entry[1])}, ${n})), '[]'::jsonb)
      from ${sql.ref(aggregateName(source))} where s = ${facet}::text and ${n} > 0)`;
}

/** JSON object of the three flag counts, each read from its source (null when all come from the cache). */
export function flagsJson(sources: Record<FacetName, FacetSource>): RawBuilder<unknown> {
  const entries = FLAG_FACETS.filter(([facet]) => sources[facet] !== 'cache').map(
    ([facet]) =>
      sql`${facet}::text, (select ${sql.ref(`n_${facet}`)} from ${sql.ref(aggregateName(sources[facet]))}
          where s = ${ALL_ROWS}::text)`,
  );
  return entries.length === 0 ? sql`null::jsonb` : sql`jsonb_build_object(${sql.join(entries)})`;
}

/** The CPV codes whose counts the tree shows beyond the divisions: selected codes and their ancestors. */
export function cpvPath(cpv: CpvFilter[]): string[] {
  const prefixes = cpv.flatMap((c) => [c.prefix, ...CpvCode.ancestors(c.code as Cpv).map(CpvCode.prefix)]);
  return [...new Set(prefixes)];
}

/**
 * Counts of the CPV tree: divisions over the facet's source; with codes selected (source `base`), also
 * their ancestors and their children (next significant digit: « 452 » → « 4521 », « 45201 »), read from
 * the full prefix lists of the rows in the selected divisions.
 */
export function cpvCounts(
  cpv: CpvFilter[],
  from: RawBuilder<unknown>,
  condition: RawBuilder<boolean>,
): RawBuilder<unknown> {
  const divisions = sql`select v, count(*)::int as n
      from (select unnest(cpv_divisions) as v from ${from} where ${condition}) u group by v`;
  if (cpv.length === 0) {
    return divisions;
  }
  const selectedDivisions = [...new Set(cpv.map((c) => c.code.slice(0, 2)))];
  const path = cpvPath(cpv).filter((prefix) => prefix.length > 2);
  const children = cpv.map(
    ({ prefix }) =>
      sql`(left(p, ${prefix.length}) = ${prefix} and length(p) > ${prefix.length}
           and ltrim(substr(p, ${prefix.length + 1}, length(p) - ${prefix.length + 1}), '0') = '')`,
  );
  return sql`${divisions}
    union all
    select p, count(*)::int
      from (select unnest(cpv_prefixes) as p from ${from}
             where ${condition} and cpv_divisions && ${selectedDivisions}::text[]) u
     where length(p) > 2 and (p = any(${path}::text[]) or ${sql.join(children, sql` or `)})
     group by p`;
}

/** JSON [prefix, count, label] triples of the CPV tree, selected codes and ancestors listed even at 0. */
export function cpvJson(cpv: CpvFilter[], source: FacetSource): RawBuilder<unknown> {
  if (source === 'cache') {
    return sql`null::jsonb`;
  }
  // The label by primary key, row by row: a join would hash the whole CPV list for a few dozen nodes.
  return sql`(select coalesce(jsonb_agg(jsonb_build_array(x.v, coalesce(f.n, 0),
                (select c.label from cpv_codes c where c.code = rpad(x.v, 8, '0')::char(8)))), '[]'::jsonb)
      from (select v from f_cpv union select unnest(${cpvPath(cpv)}::text[])) x
      left join f_cpv f on f.v = x.v)`;
}
