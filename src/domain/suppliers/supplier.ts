import type { ContractFacts } from '../buyers/index.ts';
import { CommuneCode, communeName, departementName, departementOfCommune, NafCode } from '../shared/index.ts';

/**
 * A supplier (fournisseur, opérateur économique; DECP « titulaire ») is a legal unit identified by its
 * SIREN, described by SIRENE when we have its record, else by the name DECP gives.
 *
 * Privacy: SIRENE's `statutDiffusionUniteLegale` other than `O` (« partiellement diffusible », `P`; formerly
 * `N`) means the person used their right to object to the publication of their data (INSEE, « statut de
 * diffusion » of the SIRENE register). For those units (`diffusible = false`) the directory shows no
 * location at all (commune, postal code, head office SIRET); a natural person's name is not stored at all
 * (`NON_DIFFUSIBLE_NAME` instead) and is shown as `NON_DIFFUSIBLE_LABEL`.
 */

/** The name stored for a non-diffusible natural person (INSEE's own wording in SIRENE files). */
export const NON_DIFFUSIBLE_NAME = '[NON-DIFFUSIBLE]';
/** What pages and the API show instead. */
export const NON_DIFFUSIBLE_LABEL = 'Entrepreneur individuel (identité non diffusible)';

/**
 * The name to show for a stored supplier name: a non-diffusible natural person's placeholder becomes a
 * French label; any other name is shown as stored.
 * @param name `suppliers.name`
 */
export function publicSupplierName(name: string): string {
  return name === NON_DIFFUSIBLE_NAME ? NON_DIFFUSIBLE_LABEL : name;
}

/** How the directory list can be sorted. */
export type SupplierSort = 'name' | 'contracts';

/** The sorts a request may ask for, in the order pages offer them. */
export const SUPPLIER_SORTS: readonly SupplierSort[] = ['name', 'contracts'];

/** Where a supplier is, as far as it may be shown. */
export interface SupplierLocation {
  /** COG code of the head office's commune. */
  communeCode: string | null;
  /** COG name of that commune. */
  communeName: string | null;
  /** COG département code, read from the commune code. */
  departmentCode: string | null;
  /** COG name of that département. */
  departmentName: string | null;
}

/** A row of the directory list. */
export interface SupplierListItem extends SupplierLocation {
  /** 9 digits. */
  siren: string;
  /** SIRENE `denominationUniteLegale` (or the DECP `denominationSociale` when SIRENE is not imported). */
  name: string;
  /** NAF rév. 2 code, canonical ('62.01Z'). */
  nafCode: string | null;
  /** French label of the NAF code. */
  nafLabel: string | null;
  /** Number of distinct DECP contracts the supplier holds (alone or jointly). */
  contractCount: number;
}

/** A supplier's identity card. */
export interface Supplier extends SupplierListItem {
  /** 'sirene' when the name comes from SIRENE, 'decp' when only DECP named it. */
  nameSource: 'sirene' | 'decp';
  /** SIRENE `categorieEntreprise`: 'PME' | 'ETI' | 'GE'. */
  sizeCategory: string | null;
  /** SIRENE `economieSocialeSolidaireUniteLegale` (économie sociale et solidaire). */
  ess: boolean | null;
  /** SIRENE `statutDiffusionUniteLegale` = O. When false, every location field is null. */
  diffusible: boolean;
  /** SIRENE `categorieJuridiqueUniteLegale` (4 digits). */
  legalCategory: string | null;
  /** SIRENE `trancheEffectifsUniteLegale` (2-character band code). */
  employeeBand: string | null;
  /** SIRET of the head office (null when not diffusible). */
  headOfficeSiret: string | null;
  /** Postal code of the head office (null when not diffusible). */
  postalCode: string | null;
  /** SIRENE `dateCreationUniteLegale`, 'YYYY-MM-DD'. */
  createdOn: string | null;
  /** SIRENE `etatAdministratifUniteLegale` = A; null when unknown. */
  active: boolean | null;
}

/** A contract seen from one of its titulaires: the facts and the buyer. */
export interface SupplierContract extends ContractFacts {
  buyer: {
    /** The buyer's SIRET as stored. */
    siret: string;
    /** DECP `acheteur.nom`. */
    name: string | null;
  };
}

/** What a directory search asks for, once read. */
export type SupplierQuery =
  | { kind: 'all' }
  /** A SIREN (9 digits) or a SIRET (14 digits, whose SIREN is used), spaces and dots ignored. */
  | { kind: 'siren'; siren: string }
  /** Words that must all appear in the name, accents and case ignored. */
  | { kind: 'name'; words: string[] };

/** Longest query kept; longer input is cut (a pasted paragraph is not a name). */
const MAX_QUERY_LENGTH = 200;
/** Most words matched; more add nothing but cost. */
const MAX_WORDS = 8;

/**
 * Reads the directory's search box. A number of 9 or 14 digits (spaces, dots and NBSP allowed, as
 * copied from an invoice) searches by SIREN; anything else searches the name, word by word.
 * The Luhn key is not checked: a mistyped SIREN simply finds nothing.
 * @param raw the `q` parameter, possibly undefined or blank
 * @returns the parsed query
 * @example parseSupplierQuery('356 000 000 00048') // { kind: 'siren', siren: '356000000' }
 * @example parseSupplierQuery('Société  générale') // { kind: 'name', words: ['Société', 'générale'] }
 */
export function parseSupplierQuery(raw: string | undefined): SupplierQuery {
  const text = (raw ?? '').slice(0, MAX_QUERY_LENGTH).trim();
  if (text === '') {
    return { kind: 'all' };
  }
  const digits = text.replace(/[\s.]/gu, '');
  if (/^\d{9}$/.test(digits) || /^\d{14}$/.test(digits)) {
    return { kind: 'siren', siren: digits.slice(0, 9) };
  }
  const words = text
    .split(/\s+/u)
    .filter((w) => w !== '')
    .slice(0, MAX_WORDS);
  return { kind: 'name', words };
}

/**
 * Escapes LIKE wildcards so that a user's « 100% » or « A_B » match literally (backslash is PostgreSQL's
 * default LIKE escape character).
 * @param word a search word
 * @returns the word with `\`, `%` and `_` escaped
 */
export function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const NO_LOCATION: SupplierLocation = {
  communeCode: null,
  communeName: null,
  departmentCode: null,
  departmentName: null,
};

/**
 * Where a supplier may be said to be: nothing for a non-diffusible unit, else its commune with the
 * COG names (the store's `communes` table when imported, else the COG bundled with the app).
 * @param communeCode `suppliers.commune_code`
 * @param storedCommuneName `communes.name` for that code, when the table has it
 * @param diffusible `suppliers.diffusible`
 * @returns the location fields, all null when not diffusible or unknown
 */
export function supplierLocation(
  communeCode: string | null,
  storedCommuneName: string | null,
  diffusible: boolean,
): SupplierLocation {
  if (!diffusible || communeCode === null) {
    return NO_LOCATION;
  }
  const parsed = CommuneCode.tryParse(communeCode);
  if (!parsed.ok) {
    return { ...NO_LOCATION, communeCode };
  }
  const departmentCode = departementOfCommune(parsed.value);
  return {
    communeCode: parsed.value,
    communeName: storedCommuneName ?? communeName(parsed.value),
    departmentCode,
    departmentName: departementName(departmentCode) || null,
  };
}

/**
 * French label of a stored NAF rév. 2 code.
 * @param nafCode `suppliers.naf_code`, canonical '62.01Z'
 * @returns the label, or null when the code is missing or not a NAF rév. 2 sub-class
 */
export function nafLabelOf(nafCode: string | null): string | null {
  if (nafCode === null) {
    return null;
  }
  const parsed = NafCode.tryParse(nafCode);
  return parsed.ok ? NafCode.label(parsed.value) : null;
}
