import { Siren, Siret } from '../../domain/shared/siren.ts';
import { NON_DIFFUSIBLE_NAME } from '../../domain/suppliers/supplier.ts';
import {
  NATURAL_PERSON_CATEGORY,
  value,
  yesNo,
  diffusionWithMask,
  activeOf,
  dateOf,
  nafOf,
  legalCategoryOf,
  employeeBandOf,
  sizeCategoryOf,
  postalCodeOf,
  communeCodeOf,
  siretOf,
  unverifiedJoin,
} from './sirene-values.ts';

/**
 * The CSV layouts of SIRENE data the importer reads, and the mapping of one record to the store's
 * `suppliers` / `establishments` columns. Pure: no I/O, so every rule is testable on its own.
 *
 * Layouts (detected from the header):
 * - `unites-legales`: INSEE's « StockUniteLegale » (base SIRENE, fichier des unités légales) or any
 *   extract with its column names (`siren`, `denominationUniteLegale`, …), e.g. ess_numerique_sirene_flag_ess.csv;
 * - `etablissements`: INSEE's « StockEtablissement » (`siret`, `siren`, `etablissementSiege`, …);
 * - `ess-numerique-enriched`: the re-export of the ess-numerique-database project
 *   (`siren, denomination, naf, categorie_juridique, siret_siege, est_active, …`), whose numeric-looking
 *   columns went through a float conversion ('84200.0', '9220.0').
 *
 * Conventions:
 * - A value the file does not give (column absent, empty, or INSEE's « [ND] » mask for non-diffusible
 *   data) is `null`, meaning « unknown »: the importer never erases a stored value with it.
 * - A value present but invalid is not guessed: it becomes `null` and a flag is counted (e.g.
 *   `flag.naf_invalid`); the record itself is still imported.
 * - Natural persons (entrepreneurs individuels, catégorie juridique 1000) who are not diffusible
 *   (`statutDiffusionUniteLegale` P, formerly N: art. A123-96 of the code de commerce lets them refuse
 *   the reuse of their data) are stored under the name '[NON-DIFFUSIBLE]', INSEE's own wording, so that
 *   the person's name is never exposed. A record where INSEE masked any value as « [ND] » is taken as
 *   non-diffusible when the file has no diffusion status.
 */

export type SireneLayout = 'unites-legales' | 'etablissements' | 'ess-numerique-enriched';

/** The name stored for a natural person who refused diffusion (INSEE's wording). */
export { NON_DIFFUSIBLE_NAME };

/** What a record says about a legal unit; `null` = unknown (keep what the store has). */
export interface SupplierPatch {
  siren: string;
  name: string | null;
  naf_code: string | null;
  legal_category: string | null;
  employee_band: string | null;
  size_category: string | null;
  ess: boolean | null;
  diffusible: boolean | null;
  head_office_siret: string | null;
  postal_code: string | null;
  commune_code: string | null;
  created_on: string | null;
  active: boolean | null;
}

/** What a record says about an establishment; `null` = unknown. */
export interface EstablishmentPatch {
  siret: string;
  siren: string;
  head_office: boolean | null;
  name: string | null;
  postal_code: string | null;
  commune_code: string | null;
  diffusible: boolean | null;
}

/** A mapped record with the flags to count, or the French reason it is rejected. */
export type Mapped<T> = { ok: true; value: T; flags: string[] } | { ok: false; reason: string };

/** Reads a named column of the current record; '' when absent. */
export type Field = (name: string) => string;

/**
 * Whether INSEE masked any value of the record with « [ND] » (non diffusible): it does so only for
 * units and establishments that refused diffusion, so the record is non-diffusible even where the file
 * has no status column (e.g. the ESS extracts).
 * @param fields all the fields of the record
 */
export function hasNonDiffusibleMask(fields: readonly string[]): boolean {
  return fields.some((f) => f.trim().toUpperCase() === '[ND]');
}

/**
 * Tells the layout from the header.
 * @param header the header fields
 * @returns the layout, or null when the file is not a SIRENE file the importer knows
 */
export function detectSireneLayout(header: string[]): SireneLayout | null {
  const names = new Set(header.map((h) => h.toLowerCase()));
  if (names.has('siren') && names.has('denomination') && names.has('siret_siege')) {
    return 'ess-numerique-enriched';
  }
  if (names.has('siret') && [...names].some((n) => n.endsWith('etablissement'))) {
    return 'etablissements';
  }
  if (names.has('siren') && [...names].some((n) => n.endsWith('unitelegale'))) {
    return 'unites-legales';
  }
  return null;
}

/**
 * Maps a record of the « unités légales » layout (StockUniteLegale column names).
 * @param field reads a column of the record
 * @param masked whether the record carries INSEE's « [ND] » mask (`hasNonDiffusibleMask`)
 * @returns the patch and its flags, or the rejection reason (invalid SIREN, no name, unverified join)
 */
export function mapUniteLegale(field: Field, masked = false): Mapped<SupplierPatch> {
  const siren = Siren.tryParse(field('siren'));
  if (!siren.ok) {
    return { ok: false, reason: siren.error.userMessage };
  }
  const unverified = unverifiedJoin(field);
  if (unverified !== null) {
    return { ok: false, reason: unverified };
  }
  const flags: string[] = [];
  const legalCategory = legalCategoryOf(value(field, 'categorieJuridiqueUniteLegale'), flags);
  const diffusible = diffusionWithMask(value(field, 'statutDiffusionUniteLegale'), masked, flags);
  const denomination = value(field, 'denominationUniteLegale');
  const personFields = [
    'nomUniteLegale',
    'nomUsageUniteLegale',
    'prenom1UniteLegale',
    'prenomUsuelUniteLegale',
  ];
  const naturalPerson =
    legalCategory === NATURAL_PERSON_CATEGORY ||
    (denomination === null && personFields.some((name) => field(name) !== ''));
  let name: string | null;
  if (naturalPerson) {
    const lastName = value(field, 'nomUsageUniteLegale') ?? value(field, 'nomUniteLegale');
    const firstName = value(field, 'prenomUsuelUniteLegale') ?? value(field, 'prenom1UniteLegale');
    if (diffusible === false) {
      name = NON_DIFFUSIBLE_NAME;
      flags.push('flag.name_not_diffusible');
    } else {
      name = [firstName, lastName].filter((part) => part !== null).join(' ') || null;
    }
  } else {
    name =
      denomination ?? value(field, 'denominationUsuelle1UniteLegale') ?? value(field, 'sigleUniteLegale');
  }
  if (name === null) {
    return { ok: false, reason: `L'unité légale ${siren.value} n'a ni dénomination ni nom.` };
  }
  const nic = value(field, 'nicSiegeUniteLegale');
  return {
    ok: true,
    flags,
    value: {
      siren: siren.value,
      name,
      naf_code: nafOf(
        value(field, 'activitePrincipaleUniteLegale'),
        value(field, 'nomenclatureActivitePrincipaleUniteLegale'),
        flags,
      ),
      legal_category: legalCategory,
      employee_band: employeeBandOf(value(field, 'trancheEffectifsUniteLegale'), flags),
      size_category: sizeCategoryOf(value(field, 'categorieEntreprise'), flags),
      ess: yesNo(value(field, 'economieSocialeSolidaireUniteLegale')),
      diffusible,
      head_office_siret:
        nic === null ? null : siretOf(`${siren.value}${nic.padStart(5, '0')}`, siren.value, flags),
      postal_code: null,
      commune_code: null,
      created_on: dateOf(value(field, 'dateCreationUniteLegale'), flags),
      active: activeOf(value(field, 'etatAdministratifUniteLegale')),
    },
  };
}

/**
 * Maps a record of the « ess-numerique enriched » layout. It has no diffusion status and no ESS flag
 * of INSEE's own column: `flag_ess_sirene` ('True' or empty) is read as that flag, an empty one is unknown.
 * Its `code_postal` comes from the tiers-lieux directory, so the importer uses it only to fill a gap.
 * @param field reads a column of the record
 * @param masked whether the record carries INSEE's « [ND] » mask
 * @returns the patch and its flags, or the rejection reason (invalid SIREN, no name, unverified join)
 */
export function mapEssNumeriqueEnriched(field: Field, masked = false): Mapped<SupplierPatch> {
  const siren = Siren.tryParse(field('siren'));
  if (!siren.ok) {
    return { ok: false, reason: siren.error.userMessage };
  }
  const unverified = unverifiedJoin(field);
  if (unverified !== null) {
    return { ok: false, reason: unverified };
  }
  const name = value(field, 'denomination');
  if (name === null) {
    return { ok: false, reason: `L'unité légale ${siren.value} n'a pas de dénomination.` };
  }
  const flags: string[] = [];
  return {
    ok: true,
    flags,
    value: {
      siren: siren.value,
      name,
      naf_code: nafOf(value(field, 'naf'), null, flags),
      legal_category: legalCategoryOf(value(field, 'categorie_juridique'), flags),
      employee_band: employeeBandOf(value(field, 'tranche_effectifs'), flags),
      size_category: sizeCategoryOf(value(field, 'categorie_entreprise'), flags),
      ess: yesNo(value(field, 'flag_ess_sirene')),
      diffusible: diffusionWithMask(null, masked, flags),
      head_office_siret: siretOf(value(field, 'siret_siege'), siren.value, flags),
      postal_code: postalCodeOf(value(field, 'code_postal'), flags),
      commune_code: null,
      created_on: dateOf(value(field, 'date_creation'), flags),
      active: activeOf(value(field, 'est_active')),
    },
  };
}

/**
 * Maps a record of the « établissements » layout (StockEtablissement column names). The name is the
 * first sign (`enseigne1Etablissement`) or the usual name; it is dropped for a non-diffusible
 * establishment, whose sign is often the entrepreneur's own name.
 * @param field reads a column of the record
 * @param masked whether the record carries INSEE's « [ND] » mask
 * @returns the patch and its flags, or the rejection reason (invalid SIRET, SIRET of another SIREN)
 */
export function mapEtablissement(field: Field, masked = false): Mapped<EstablishmentPatch> {
  const siret = Siret.tryParse(field('siret'));
  if (!siret.ok) {
    return { ok: false, reason: siret.error.userMessage };
  }
  const siren = Siret.siren(siret.value);
  const declaredSiren = value(field, 'siren');
  if (declaredSiren !== null && declaredSiren !== siren) {
    return {
      ok: false,
      reason: `Le SIRET ${siret.value} n'appartient pas au SIREN ${declaredSiren} indiqué sur la même ligne.`,
    };
  }
  const flags: string[] = [];
  const diffusible = diffusionWithMask(value(field, 'statutDiffusionEtablissement'), masked, flags);
  const sign = value(field, 'enseigne1Etablissement') ?? value(field, 'denominationUsuelleEtablissement');
  if (diffusible === false && sign !== null) {
    flags.push('flag.name_not_diffusible');
  }
  return {
    ok: true,
    flags,
    value: {
      siret: siret.value,
      siren,
      head_office: yesNo(value(field, 'etablissementSiege')),
      name: diffusible === false ? null : sign,
      postal_code: postalCodeOf(value(field, 'codePostalEtablissement'), flags),
      commune_code: communeCodeOf(value(field, 'codeCommuneEtablissement'), flags),
      diffusible,
    },
  };
}

/**
 * Merges a later record of the same key into an earlier one: the earlier values win, the later one
 * only fills what the earlier one left unknown.
 * @param first the patch kept
 * @param later the duplicate
 * @returns a new patch
 */
export function fillGaps<T extends object>(first: T, later: T): T {
  const merged = { ...first } as Record<string, unknown>;
  for (const [key, v] of Object.entries(later)) {
    if (merged[key] === null || merged[key] === undefined) {
      merged[key] = v;
    }
  }
  return merged as T;
}
