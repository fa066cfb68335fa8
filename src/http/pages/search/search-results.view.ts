import { communeLabel, type Commune } from '../../../domain/communes/index.ts';
import { departementName, DepartementCode } from '../../../domain/shared/index.ts';
import type { HighlightSegment, SearchResult, SizeCategory } from '../../../search/index.ts';

/**
 * A result of `/recherche` as the template shows it: French numbers, the head office as « Bruz (35) », the
 * highlights as segments (the template escapes their text and wraps matches in `<mark>`), and the
 * « Pourquoi ce résultat ? » details.
 */

/** A result, ready to show. */
export interface ResultView {
  siren: string;
  href: string;
  name: string;
  /** The name cut into matched / unmatched segments, or null when the name did not match. */
  nameSegments: HighlightSegment[] | null;
  nafCode: string | null;
  nafLabel: string | null;
  /** e.g. 'Bruz (35)', or the département when the commune is unknown; null when not located. */
  place: string | null;
  size: string | null;
  ess: boolean;
  contractCount: number;
  hasInnovativeContract: boolean;
  /** e.g. '10,7 km'; null without a commune. */
  distance: string | null;
  activity: HighlightSegment[] | null;
  contracts: HighlightSegment[] | null;
  why: string[];
  /** e.g. '0,1216'. */
  score: string;
  scoreParts: { label: string; value: string }[];
}

const SIZE_TEXT: Record<SizeCategory, string> = {
  TPE: 'TPE',
  PME: 'PME',
  ETI: 'ETI',
  GE: 'Grande entreprise',
};

const score = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 4 });
const kilometres = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 0, maximumFractionDigits: 1 });

/**
 * Where a result's head office is.
 * @param result a search result
 * @param communes the communes of the page, by INSEE code
 * @returns 'Bruz (35)', 'Ille-et-Vilaine (35)' when only the département is known, or null
 */
export function placeOf(result: SearchResult, communes: Map<string, Commune>): string | null {
  const commune = result.communeCode === null ? undefined : communes.get(result.communeCode);
  if (commune !== undefined) {
    return communeLabel(commune);
  }
  if (result.departmentCode === null) {
    return null;
  }
  const department = DepartementCode.tryParse(result.departmentCode);
  return department.ok
    ? `${departementName(department.value)} (${result.departmentCode})`
    : result.departmentCode;
}

/**
 * A distance written in French.
 * @param km kilometres
 * @returns e.g. '10,7 km', '0 km'
 */
export function formatKm(km: number): string {
  return `${kilometres.format(km)} km`;
}

/**
 * The results of a page, ready to show.
 * @param results the engine's results
 * @param communes the communes of their head offices
 * @returns one view per result, in the same order
 */
export function resultViews(results: SearchResult[], communes: Map<string, Commune>): ResultView[] {
  return results.map((result) => ({
    siren: result.siren,
    href: `/fournisseurs/${result.siren}`,
    name: result.name,
    nameSegments: result.highlights.name ?? null,
    nafCode: result.nafCode,
    nafLabel: result.nafLabel,
    place: placeOf(result, communes),
    size: result.sizeCategory === null ? null : SIZE_TEXT[result.sizeCategory],
    ess: result.ess,
    contractCount: result.contractCount,
    hasInnovativeContract: result.hasInnovativeContract,
    distance: result.distanceKm === undefined ? null : formatKm(result.distanceKm),
    activity: result.highlights.activity ?? null,
    contracts: result.highlights.contracts ?? null,
    why: result.why.map((item) => item.label),
    score: score.format(result.score),
    scoreParts: [
      { label: 'mots recherchés', value: score.format(result.scoreParts.text) },
      { label: 'synonymes', value: score.format(result.scoreParts.synonyms) },
      { label: 'mots exacts', value: score.format(result.scoreParts.exact) },
    ],
  }));
}
