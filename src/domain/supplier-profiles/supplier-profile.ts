import { DomainError } from '../shared/index.ts';
import { invalidFieldsOf } from '../solutions/index.ts';

/**
 * What a supplier organisation says of itself on Amont: a description, its website, the labels it holds
 * and the signals of innovation it can show, and the references it declares beside the public contracts
 * DECP already lists for its SIREN.
 */

/** Labels and statuses a supplier may declare (stable slugs; the migration checks the list). */
export type SupplierLabel = 'ess' | 'siae' | 'ea' | 'esat' | 'societe_a_mission' | 'rge' | 'scop';

/** French names and legal sources of the labels. */
export const SUPPLIER_LABELS: Readonly<Record<SupplierLabel, string>> = {
  ess: 'Entreprise de l’économie sociale et solidaire (ESS, loi n° 2014-856)',
  siae: 'Structure d’insertion par l’activité économique (SIAE, code du travail L. 5132-4)',
  ea: 'Entreprise adaptée (EA, code du travail L. 5213-13)',
  esat: 'Établissement et service d’aide par le travail (ESAT, CASF L. 344-2)',
  societe_a_mission: 'Société à mission (code de commerce L. 210-10)',
  rge: 'Reconnu garant de l’environnement (RGE)',
  scop: 'Société coopérative et participative (SCOP)',
};

/** Signals of innovation a supplier may declare (stable slugs; the migration checks the list). */
export type InnovationSignal = 'jei' | 'french_tech' | 'i_lab' | 'bpifrance' | 'patent' | 'public_pilot';

/** French names of the innovation signals (also the search facet's labels). */
export const INNOVATION_SIGNALS: Readonly<Record<InnovationSignal, string>> = {
  jei: 'Jeune entreprise innovante (JEI, CGI art. 44 sexies-0 A)',
  french_tech: 'Lauréat French Tech (French Tech 120, Next40, Tremplin…)',
  i_lab: 'Lauréat du concours d’innovation i-Lab',
  bpifrance: 'Aide ou prix à l’innovation Bpifrance',
  patent: 'Brevet déposé',
  public_pilot: 'Expérimentation déjà menée avec un acheteur public',
};

/** A supplier organisation's profile. Empty fields are null / empty lists. */
export interface SupplierProfile {
  organisationId: number;
  description: string | null;
  /** http(s) URL. */
  website: string | null;
  labels: SupplierLabel[];
  innovationSignals: InnovationSignal[];
  /** Free text backing the signals: patent numbers, awards, pilots (buyer, year). */
  innovationDetails: string | null;
  updatedAt: Date | null;
}

/** A reference the supplier declares (a contract it won); amount in euros HT. */
export interface DeclaredReference {
  id: number;
  organisationId: number;
  buyerName: string;
  /** 14 digits when the buyer is a French public entity with a SIRET. */
  buyerSiret: string | null;
  year: number;
  title: string;
  amount: number | null;
  createdAt: Date;
}

/** Field limits, characters. */
export const PROFILE_LIMITS = {
  description: 5000,
  website: 300,
  innovationDetails: 2000,
  buyerName: 200,
  title: 300,
} as const;

/** The empty profile of an organisation that never wrote one. */
export function emptyProfile(organisationId: number): SupplierProfile {
  return {
    organisationId,
    description: null,
    website: null,
    labels: [],
    innovationSignals: [],
    innovationDetails: null,
    updatedAt: null,
  };
}

/** Profile or reference fields that cannot be saved: DomainError `supplier_profile.invalid`. */
export function invalidProfile(fields: Record<string, string>): DomainError {
  return invalidFieldsOf('supplier_profile.invalid', fields);
}

export function referenceNotFound(id: number | string): DomainError {
  return new DomainError('declared_reference.not_found', 'Cette référence n’existe pas.', {
    details: { id: String(id) },
  });
}
