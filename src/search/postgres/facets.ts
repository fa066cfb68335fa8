import {
  CpvCode,
  departementName,
  NafCode,
  regionName,
  type CpvCode as Cpv,
  type DepartementCode,
  type RegionCode,
} from '../../domain/shared/index.ts';
import {
  NOT_PROVIDED,
  type CpvFacetNode,
  type FacetValue,
  type SearchFacets,
  type SizeCategory,
} from '../search-index.ts';
import type { ListFilter, ResolvedFilters } from './search-filters.ts';
import type { FacetCounts } from './facet-cache.ts';
import { buildShowcaseFacets } from './showcase-facets.ts';

/**
 * Labels and order of the facets. Lists are sorted by count (desc) then label in French order, with
 * « Non renseigné » always last; sizes keep their natural order; the CPV tree is in code order.
 */

/** Label of the missing value of a list facet. */
export const NOT_PROVIDED_LABEL = 'Non renseigné';
/** NAF codes listed at most (the most frequent; selected ones are always listed). */
export const MAX_NAF_VALUES = 50;
const SIZE_ORDER: readonly SizeCategory[] = ['TPE', 'PME', 'ETI', 'GE'];
const SIZE_LABELS: Record<SizeCategory, string> = {
  TPE: 'TPE (moins de 10 salariés)',
  PME: 'PME',
  ETI: 'ETI',
  GE: 'Grande entreprise',
};
const collator = new Intl.Collator('fr');

/**
 * French label of a size class.
 * @param size a size class
 * @returns e.g. 'TPE (moins de 10 salariés)'
 */
export function sizeLabel(size: SizeCategory): string {
  return SIZE_LABELS[size];
}

/**
 * French label of a NAF code as stored.
 * @param code canonical NAF code or null
 * @returns the label, or null when unknown
 */
export function nafLabel(code: string | null): string | null {
  if (code === null) {
    return null;
  }
  const parsed = NafCode.tryParse(code);
  return parsed.ok ? NafCode.label(parsed.value) : null;
}

function listValues(
  counts: [string | null, number][],
  filter: ListFilter | null,
  label: (code: string) => string,
  order: 'count' | readonly string[],
): FacetValue[] {
  const values = new Map<string, FacetValue>();
  for (const [code, count] of counts) {
    const value = code ?? NOT_PROVIDED;
    values.set(value, {
      value,
      label: code === null ? NOT_PROVIDED_LABEL : label(code),
      count,
      selected: code === null ? (filter?.missing ?? false) : (filter?.codes.includes(code) ?? false),
    });
  }
  for (const code of filter?.codes ?? []) {
    if (!values.has(code)) {
      values.set(code, { value: code, label: label(code), count: 0, selected: true });
    }
  }
  if (filter?.missing && !values.has(NOT_PROVIDED)) {
    values.set(NOT_PROVIDED, { value: NOT_PROVIDED, label: NOT_PROVIDED_LABEL, count: 0, selected: true });
  }
  const rank = (value: FacetValue): number =>
    value.value === NOT_PROVIDED
      ? Number.MAX_SAFE_INTEGER
      : order === 'count'
        ? 0
        : order.indexOf(value.value);
  return [...values.values()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (order === 'count' ? b.count - a.count : 0) ||
      collator.compare(a.label, b.label) ||
      a.value.localeCompare(b.value),
  );
}

function cpvNodes(rows: [string, number, string | null][], filters: ResolvedFilters): CpvFacetNode[] {
  const selected = new Set(filters.cpv.map((c) => c.code));
  return rows
    .map(([prefix, count, label]): CpvFacetNode => {
      const code = prefix.padEnd(8, '0') as Cpv;
      return {
        value: code,
        label: label ?? code,
        count,
        selected: selected.has(code),
        level: CpvCode.level(code),
        parent: CpvCode.parent(code),
      };
    })
    .sort((a, b) => a.value.localeCompare(b.value));
}

/**
 * Builds the facets of a response.
 * @param row the counts (from the statement's row, or the facet cache)
 * @param filters the filters applied (to mark the selected values)
 * @returns every facet, labelled in French
 */
export function buildFacets(row: Omit<FacetCounts, 'total'>, filters: ResolvedFilters): SearchFacets {
  const naf = listValues(
    row.naf,
    filters.naf,
    (code) => `${code} – ${nafLabel(code) ?? 'activité inconnue'}`,
    'count',
  );
  return {
    cpv: cpvNodes(row.cpv, filters),
    naf: naf.filter((value, index) => index < MAX_NAF_VALUES || value.selected),
    region: listValues(row.region, filters.region, (code) => regionName(code as RegionCode) || code, 'count'),
    dept: listValues(
      row.dept,
      filters.dept,
      (code) => `${departementName(code as DepartementCode) || code} (${code})`,
      'count',
    ),
    size: listValues(row.size, filters.size, (code) => SIZE_LABELS[code as SizeCategory] ?? code, SIZE_ORDER),
    ess: { count: row.flags.ess, selected: filters.ess },
    hasContracts: { count: row.flags.hasContracts, selected: filters.hasContracts },
    hasInnovativeContract: {
      count: row.flags.hasInnovativeContract,
      selected: filters.hasInnovativeContract,
    },
    ...buildShowcaseFacets({ trl: row.trl ?? [], innovation: row.innovation ?? [] }, filters),
  };
}
