import {
  CommuneCode,
  communeName,
  DepartementCode,
  departementName,
  formatEuros,
  RegionCode,
  regionName,
} from '../shared/index.ts';
import type { SolutionAbilities, SolutionDetails } from './find-solution.ts';
import {
  PERIMETER_LABELS,
  SOLUTION_STATUS_LABELS,
  TRL_LABELS,
  type PerimeterKind,
  type Solution,
  type SolutionDocument,
  type SolutionStatus,
} from './solution.ts';

/** The shapes pages and the API show: explicit fields, French labels, euros HT as numbers and as text. */

/** A place of the perimeter: a COG code and its name. */
export interface PlaceView {
  code: string;
  name: string;
}

export interface SolutionDocumentView {
  id: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  /** Download path: `/solutions/<id>/documents/<document id>`. */
  href: string;
}

/** A solution as shown. */
export interface SolutionView {
  id: number;
  organisation: { siret: string; siren: string; name: string };
  title: string;
  summary: string;
  description: string;
  cpv: { code: string; label: string | null }[];
  trl: { level: number; label: string } | null;
  perimeter: {
    kind: PerimeterKind;
    /** e.g. « Dans un rayon de 30 km autour de Rennes (35238) », « Départements : Ille-et-Vilaine (35) ». */
    label: string;
    commune: PlaceView | null;
    radiusKm: number | null;
    departements: PlaceView[];
    regions: PlaceView[];
  };
  price: { min: number | null; max: number | null; unit: string | null; label: string | null };
  status: SolutionStatus;
  statusLabel: string;
  publishedAt: string | null;
  updatedAt: string;
  documents: SolutionDocumentView[];
  abilities: SolutionAbilities;
}

function cogName<T extends string>(
  code: string,
  parse: { tryParse(raw: string): { ok: true; value: T } | { ok: false } },
  name: (value: T) => string | null,
): string {
  const parsed = parse.tryParse(code);
  return (parsed.ok ? name(parsed.value) : null) || code;
}

function perimeterView(solution: Solution): SolutionView['perimeter'] {
  const p = solution.perimeter;
  const base = { kind: p.kind, commune: null, radiusKm: null, departements: [], regions: [] };
  switch (p.kind) {
    case 'radius': {
      const commune = { code: p.communeCode, name: cogName(p.communeCode, CommuneCode, communeName) };
      return {
        ...base,
        commune,
        radiusKm: p.radiusKm,
        label: `Dans un rayon de ${p.radiusKm} km autour de ${commune.name} (${commune.code})`,
      };
    }
    case 'departements': {
      const departements = p.codes.map((code) => ({
        code,
        name: cogName(code, DepartementCode, departementName),
      }));
      return {
        ...base,
        departements,
        label: `Départements : ${departements.map((d) => `${d.name} (${d.code})`).join(', ')}`,
      };
    }
    case 'regions': {
      const regions = p.codes.map((code) => ({ code, name: cogName(code, RegionCode, regionName) }));
      return { ...base, regions, label: `Régions : ${regions.map((r) => r.name).join(', ')}` };
    }
    default:
      return { ...base, label: PERIMETER_LABELS.national };
  }
}

/**
 * A price range in words, euros HT.
 * @returns e.g. « de 1 000 € à 5 000 € HT par an », « à partir de 500 € HT », null without prices
 */
export function priceLabel(price: Solution['price']): string | null {
  const unit = price.unit === null ? '' : ` ${price.unit}`;
  if (price.min !== null && price.max !== null) {
    return price.min === price.max
      ? `${formatEuros(price.min)} HT${unit}`
      : `de ${formatEuros(price.min)} à ${formatEuros(price.max)} HT${unit}`;
  }
  if (price.min !== null) {
    return `à partir de ${formatEuros(price.min)} HT${unit}`;
  }
  if (price.max !== null) {
    return `jusqu’à ${formatEuros(price.max)} HT${unit}`;
  }
  return null;
}

export function presentDocument(document: SolutionDocument): SolutionDocumentView {
  return {
    id: document.id,
    fileName: document.fileName,
    mediaType: document.mediaType,
    sizeBytes: document.sizeBytes,
    href: `/solutions/${document.solutionId}/documents/${document.id}`,
  };
}

/**
 * A solution with its organisation, documents and the actor's abilities.
 * @param details what `getSolution` read
 * @returns the view
 */
export function presentSolution(details: SolutionDetails): SolutionView {
  const { solution, organisation } = details;
  return {
    id: solution.id,
    organisation: { siret: organisation.siret, siren: organisation.siren, name: organisation.name },
    title: solution.title,
    summary: solution.summary,
    description: solution.description,
    cpv: solution.cpvCodes.map((code) => ({ code, label: details.cpvLabels.get(code) ?? null })),
    trl: solution.trl === null ? null : { level: solution.trl, label: TRL_LABELS[solution.trl] ?? '' },
    perimeter: perimeterView(solution),
    price: { ...solution.price, label: priceLabel(solution.price) },
    status: solution.status,
    statusLabel: SOLUTION_STATUS_LABELS[solution.status],
    publishedAt: solution.publishedAt?.toISOString() ?? null,
    updatedAt: solution.updatedAt.toISOString(),
    documents: details.documents.map(presentDocument),
    abilities: details.abilities,
  };
}
