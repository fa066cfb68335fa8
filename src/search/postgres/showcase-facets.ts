import { sql, type RawBuilder } from 'kysely';
import { TRL_LABELS } from '../../domain/solutions/index.ts';
import { INNOVATION_SIGNALS } from '../../domain/supplier-profiles/index.ts';
import type { FacetValue, SearchOptions, SearchWarning } from '../search-index.ts';

/**
 * The two facets of what suppliers publish on Amont (src/search/showcase-facts.ts fills their columns):
 * - `trl`: the technology readiness levels of their published solutions (1 to 9), `trl_levels`;
 * - `innovation`: the innovation signals of their profile (JEI, French Tech, i-Lab, Bpifrance, patent,
 *   pilot with a public buyer), `innovation_signals`.
 * A document holds several values of each (a supplier with two solutions has two levels), so both are
 * counted like the CPV divisions (one `unnest`), and choosing several values widens the list (OR).
 * Here: reading the options, the conditions, the counting SQL and the French facet values.
 */

/** The two facets, as the search statement and the cache name them. */
export type ShowcaseFacetName = 'trl' | 'innovation';

/** The chosen values, validated; null when the facet is not used. */
export interface ShowcaseFilters {
  trl: number[] | null;
  innovation: string[] | null;
}

/** Counts as [value, count] pairs (values as text), or null when they come from the facet cache. */
export type ShowcaseCounts = Record<ShowcaseFacetName, [string, number][] | null>;

const COLUMNS: Record<ShowcaseFacetName, string> = { trl: 'trl_levels', innovation: 'innovation_signals' };

function distinct(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value !== ''))];
}

/**
 * Reads the `trl` and `innovation` options; every value it cannot use becomes a French warning.
 * @param options the search options as typed
 * @param warnings where warnings are added
 */
export function showcaseFilters(options: SearchOptions, warnings: SearchWarning[]): ShowcaseFilters {
  const trl: number[] = [];
  for (const value of distinct(options.trl)) {
    const level = Number(value);
    if (/^[1-9]$/.test(value)) {
      trl.push(level);
    } else {
      warnings.push({
        code: 'trl.invalid',
        message: `« ${value.slice(0, 20)} » n'est pas un niveau de maturité (TRL) : choisissez de 1 à 9. Ce filtre est ignoré.`,
        details: { option: 'trl', value: value.slice(0, 20) },
      });
    }
  }
  const innovation: string[] = [];
  for (const value of distinct(options.innovation)) {
    if (value in INNOVATION_SIGNALS) {
      innovation.push(value);
    } else {
      warnings.push({
        code: 'innovation.invalid',
        message: `« ${value.slice(0, 40)} » n'est pas un signal d'innovation connu (${Object.keys(INNOVATION_SIGNALS).join(', ')}). Ce filtre est ignoré.`,
        details: { option: 'innovation', value: value.slice(0, 40) },
      });
    }
  }
  return { trl: trl.length === 0 ? null : trl, innovation: innovation.length === 0 ? null : innovation };
}

/**
 * The conditions of the chosen values on `search_documents as d` (array overlap: any of them).
 * @returns [facet, condition] for each facet in use
 */
export function showcasePredicates(filters: ShowcaseFilters): [ShowcaseFacetName, RawBuilder<boolean>][] {
  const entries: [ShowcaseFacetName, RawBuilder<boolean> | null][] = [
    ['trl', filters.trl === null ? null : sql<boolean>`d.trl_levels && ${filters.trl}::int[]`],
    [
      'innovation',
      filters.innovation === null
        ? null
        : sql<boolean>`d.innovation_signals && ${filters.innovation}::text[]`,
    ],
  ];
  return entries.filter((entry): entry is [ShowcaseFacetName, RawBuilder<boolean>] => entry[1] !== null);
}

/** The columns the statement's scans must carry for these facets. */
export const SHOWCASE_FACET_COLUMNS = sql`d.trl_levels, d.innovation_signals`;

/**
 * JSON [value, count] pairs of one facet over a scan (`hits` or `base`) and a condition.
 * @param facet which facet
 * @param from the scan's CTE
 * @param condition the other filters (on `base`) or true (on `hits`)
 */
export function showcaseFacetJson(
  facet: ShowcaseFacetName,
  from: RawBuilder<unknown>,
  condition: RawBuilder<boolean>,
): RawBuilder<unknown> {
  return sql`(select coalesce(jsonb_agg(jsonb_build_array(v, n)), '[]'::jsonb)
      from (select v::text as v, count(*)::int as n
              from (select unnest(${sql.ref(COLUMNS[facet])}) as v from ${from} where ${condition}) u
             group by v) f)`;
}

function values(
  counts: [string, number][],
  chosen: string[],
  labels: Readonly<Record<string, string>>,
  order: 'key' | 'count',
): FacetValue[] {
  const byValue = new Map(counts.map(([value, count]) => [value, count]));
  for (const value of chosen) {
    byValue.set(value, byValue.get(value) ?? 0);
  }
  const keys = Object.keys(labels);
  return [...byValue]
    .filter(([value]) => value in labels)
    .map(([value, count]) => ({ value, label: labels[value]!, count, selected: chosen.includes(value) }))
    .sort((a, b) =>
      order === 'key'
        ? keys.indexOf(a.value) - keys.indexOf(b.value)
        : b.count - a.count || keys.indexOf(a.value) - keys.indexOf(b.value),
    );
}

/**
 * The facet values: levels in order 1 to 9, signals by count; chosen values listed even at 0.
 * @param counts the counts (from the statement or the cache)
 * @param filters the chosen values
 */
export function buildShowcaseFacets(
  counts: Record<ShowcaseFacetName, [string, number][]>,
  filters: ShowcaseFilters,
): Record<ShowcaseFacetName, FacetValue[]> {
  return {
    trl: values(counts.trl, (filters.trl ?? []).map(String), TRL_LABELS, 'key'),
    innovation: values(counts.innovation, filters.innovation ?? [], INNOVATION_SIGNALS, 'count'),
  };
}
