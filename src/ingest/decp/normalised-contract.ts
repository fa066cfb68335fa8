import type { ParsedCpv } from '../../domain/shared/index.ts';

/**
 * What the DECP normaliser (normalise-decp.ts) produces: the contract ready to store, its holders and
 * modifications, and the reasons a record is rejected.
 */

/** Why a record is rejected by the normaliser (counted as `rejected.<code>`). */
export type NormaliseRejectionCode = 'not_an_object' | 'buyer_missing' | 'buyer_id_too_long' | 'id_missing';

/** A holder (titulaire / concessionnaire) as stored in `contract_titulaires`. */
export interface NormalisedTitulaire {
  /** `typeIdentifiant`: canonical (SIRET, TVA, TAHITI, RIDET, FRWF, IREP, HORS-UE) or as given when unknown. */
  identifierType: string | null;
  /** `id`, whitespace removed. */
  identifier: string | null;
  /** `denominationSociale` (2019 only; the 2022 format names no holder). */
  name: string | null;
  /** The establishment's SIRET when the id is a valid one. */
  siret: string | null;
  /** The legal unit the holder belongs to, when the id is a valid SIRET (or a valid SIREN typed SIRET). */
  supplierSiren: string | null;
}

/** One DECP `modifications` entry, in file order, as stored in `contract_modifications`. */
export interface NormalisedModification {
  /** 1-based position in the file's list. */
  position: number;
  decpId: string | null;
  /** `objetModification` (2019). */
  object: string | null;
  /** `dateNotificationModification` (marchés) or `dateSignatureModification` (concessions). */
  notifiedOn: string | null;
  /** `datePublicationDonneesModification`. */
  publishedOn: string | null;
  /** `dureeMois`: the new duration, when this modification changes it. */
  durationMonths: number | null;
  /** `montant` (marchés) or `valeurGlobale` (concessions): the new amount in euros HT, when changed. */
  amount: number | null;
  /** The new holders, when this modification changes them. */
  titulaires: NormalisedTitulaire[] | null;
  /** The entry as read. Not part of the content hash. */
  raw: unknown;
}

/** A DECP record ready to store. Field names follow `contracts` columns in camelCase. */
export interface NormalisedContract {
  buyer: { siret: string; siretValid: boolean; name: string | null };
  decpId: string;
  uid: string | null;
  kind: 'marche' | 'concession';
  format: 'decp-2019' | 'decp-2022';
  nature: string | null;
  object: string | null;
  /** The CPV code as read (shape checked), before the lookup in the CPV list. */
  cpv: ParsedCpv | null;
  /** The code stored, set by `resolveCpv` (null until then, or when unknown). */
  cpvCode: string | null;
  procedure: string | null;
  placeCode: string | null;
  placeType: string | null;
  placeName: string | null;
  /** Months, after applying the modifications in order. */
  durationMonths: number | null;
  initialDurationMonths: number | null;
  /** Euros HT, after applying the modifications in order. */
  amount: number | null;
  initialAmount: number | null;
  priceForm: string | null;
  /** `dateNotification` (marchés) or `dateSignature` (concessions), 'YYYY-MM-DD'. */
  notifiedOn: string | null;
  /** `datePublicationDonnees`, 'YYYY-MM-DD'. */
  publishedOn: string | null;
  innovative: boolean | null;
  socialConsiderations: string[] | null;
  environmentalConsiderations: string[] | null;
  hasSocialConsideration: boolean | null;
  hasEnvironmentalConsideration: boolean | null;
  ccag: string | null;
  offersReceived: number | null;
  /** DECP `source`, else the file's base name. */
  source: string;
  /** True when `source` is the file's base name (no DECP `source`): then it is left out of the content hash. */
  sourceFromFile: boolean;
  /** Current holders, after applying the modifications. */
  titulaires: NormalisedTitulaire[];
  modifications: NormalisedModification[];
  /** Sorted, unique quality flags. */
  flags: string[];
  /** The record as read. Not part of the content hash. */
  raw: unknown;
}

/** The result of `normaliseDecpRecord`. */
export type NormaliseResult =
  { ok: true; contract: NormalisedContract } | { ok: false; code: NormaliseRejectionCode; reason: string };

/** What the normaliser needs to know about the file. */
export interface NormaliseContext {
  /** The file's base name, used as `source` when the record has none. */
  fileSource: string;
}
