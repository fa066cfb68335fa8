import type { ContractFacts } from './contract-facts.ts';

/**
 * A public buyer (acheteur, pouvoir adjudicateur or entité adjudicatrice) as DECP names it: `acheteur.id`
 * (a SIRET) and `acheteur.nom`. Some DECP files carry SIRETs whose key is wrong; they are kept as given,
 * with `siretValid = false`, so that their contracts stay reachable.
 */
export interface Buyer {
  /** The SIRET as stored: 14 digits (or the raw identifier when `siretValid` is false). */
  siret: string;
  /** DECP `acheteur.nom`; null when no file gave one. */
  name: string | null;
  /** Whether `siret` passed `Siret.parse` (format and key). */
  siretValid: boolean;
  /** Number of contracts this buyer published in DECP. */
  contractCount: number;
}

/** A titulaire (holder) of a contract, in DECP order. */
export interface ContractTitulaire {
  /** 0-based position in DECP `titulaires`. */
  position: number;
  /** DECP `denominationSociale`, as the buyer typed it. */
  name: string | null;
  /** DECP titulaire `id`, spaces removed. */
  identifier: string | null;
  /** DECP `typeIdentifiant`: SIRET, TVA, TAHITI, HORS-UE… */
  identifierType: string | null;
  /** SIREN of the supplier in the directory, when the identifier is a valid SIRET or SIREN. */
  supplierSiren: string | null;
  /** The supplier's name in the directory (SIRENE when known), when `supplierSiren` is set. */
  supplierName: string | null;
}

/** A contract seen from its buyer: the facts and who holds it. */
export interface BuyerContract extends ContractFacts {
  titulaires: ContractTitulaire[];
}

/**
 * Name to show for a titulaire: the directory's name of the supplier when linked (SIRENE's name is the
 * legal one), else the name the buyer typed, else its identifier.
 * @param titulaire a titulaire of a contract
 * @returns a non-empty display name, or « Titulaire non nommé »
 */
export function titulaireDisplayName(titulaire: ContractTitulaire): string {
  return titulaire.supplierName ?? titulaire.name ?? titulaire.identifier ?? 'Titulaire non nommé';
}
