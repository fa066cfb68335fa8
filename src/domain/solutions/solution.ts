/**
 * Types and pure rules of the solutions context: the « briques technologiques » a supplier organisation
 * offers to public buyers, with their CPV codes, technology readiness level, intervention perimeter,
 * price range and documents.
 *
 * A solution is a draft until a member of its organisation publishes it; a published solution is public
 * (its page, the search, the API) while its organisation is active; a platform admin can suspend it
 * (moderation), which hides it again until the suspension is lifted.
 */

/** `draft`: only its organisation sees it; `published`: public; `suspended`: hidden by a platform admin. */
export type SolutionStatus = 'draft' | 'published' | 'suspended';

/** How far from its base a supplier intervenes. */
export type PerimeterKind = 'radius' | 'departements' | 'regions' | 'national';

/** Where a solution is offered. COG codes; `radiusKm` great-circle kilometres. */
export type Perimeter =
  | { kind: 'national' }
  | { kind: 'radius'; communeCode: string; radiusKm: number }
  | { kind: 'departements'; codes: string[] }
  | { kind: 'regions'; codes: string[] };

/** A price range in euros HT; either bound may be missing (« à partir de », « jusqu’à »). */
export interface PriceRange {
  min: number | null;
  max: number | null;
  /** Free text: « par an », « par licence », « par site »… */
  unit: string | null;
}

/** A solution as the domain knows it. */
export interface Solution {
  id: number;
  organisationId: number;
  /** The organisation's SIREN: joins the supplier's search document and directory card. */
  siren: string;
  title: string;
  /** One or two sentences shown in lists. */
  summary: string;
  description: string;
  /** CPV 2008 codes, 8 digits, without check digit. */
  cpvCodes: string[];
  /** Technology readiness level 1–9 (ISO 16290), null while the draft does not say. */
  trl: number | null;
  perimeter: Perimeter;
  price: PriceRange;
  status: SolutionStatus;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A document attached to a solution. */
export interface SolutionDocument {
  id: number;
  solutionId: number;
  /** Sanitised name, as offered to download. */
  fileName: string;
  /** Media type read from the content ('application/pdf'…), never the one the browser claimed. */
  mediaType: string;
  sizeBytes: number;
  /** SHA-256 of the content, hex. */
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

/**
 * Technology readiness levels (TRL), French wording of the ISO 16290 scale used by Bpifrance and the
 * European Commission (Horizon Europe, General Annexes, part G).
 */
export const TRL_LABELS: Record<number, string> = {
  1: 'TRL 1 – principes de base observés',
  2: 'TRL 2 – concept technologique formulé',
  3: 'TRL 3 – preuve de concept expérimentale',
  4: 'TRL 4 – technologie validée en laboratoire',
  5: 'TRL 5 – technologie validée en environnement représentatif',
  6: 'TRL 6 – démonstration en environnement représentatif',
  7: 'TRL 7 – démonstration en environnement opérationnel',
  8: 'TRL 8 – système complet et qualifié',
  9: 'TRL 9 – système éprouvé en conditions réelles',
};

/** French names of the statuses. */
export const SOLUTION_STATUS_LABELS: Record<SolutionStatus, string> = {
  draft: 'Brouillon',
  published: 'Publiée',
  suspended: 'Suspendue par la modération',
};

/** French names of the perimeter kinds. */
export const PERIMETER_LABELS: Record<PerimeterKind, string> = {
  radius: 'Autour d’une commune',
  departements: 'Départements',
  regions: 'Régions',
  national: 'Toute la France',
};

/** Field limits, in characters (CPV codes: count). */
export const SOLUTION_LIMITS = {
  title: 150,
  summary: 300,
  description: 10_000,
  priceUnit: 60,
  cpvCodes: 10,
} as const;

/** Largest radius around a commune, km. */
export const MAX_PERIMETER_RADIUS_KM = 1000;

/**
 * What a solution still lacks to be published, as field → French message. A draft may be incomplete; a
 * published solution says what it is (summary), what it is for (a CPV code) and how mature it is (TRL).
 * @param solution the solution
 * @returns empty when it can be published
 */
export function missingForPublication(solution: Solution): Record<string, string> {
  const missing: Record<string, string> = {};
  if (solution.summary.trim() === '') {
    missing.summary = 'Rédigez le résumé avant de publier la solution.';
  }
  if (solution.cpvCodes.length === 0) {
    missing.cpvCodes = 'Indiquez au moins un code CPV avant de publier la solution.';
  }
  if (solution.trl === null) {
    missing.trl = 'Indiquez le niveau de maturité (TRL) avant de publier la solution.';
  }
  return missing;
}
