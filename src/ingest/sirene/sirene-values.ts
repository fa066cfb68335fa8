import { CommuneCode } from '../../domain/shared/cog.ts';
import { NafCode } from '../../domain/shared/naf-code.ts';
import { Siret } from '../../domain/shared/siren.ts';
import type { Field } from './sirene-layouts.ts';

/**
 * The value readers of the SIRENE layouts (sirene-layouts.ts): one column of a record, cleaned and checked,
 * `null` when the file does not give it, and a flag counted when it is present but invalid (never guessed).
 * Pure: no I/O.
 */

// INSEE « tranche d'effectif salarié » codes (NN: no employee, or none declared).
export const EMPLOYEE_BANDS = new Set([
  'NN',
  '00',
  '01',
  '02',
  '03',
  '11',
  '12',
  '21',
  '22',
  '31',
  '32',
  '41',
  '42',
  '51',
  '52',
  '53',
]);
// INSEE « catégorie d'entreprise » (décret n° 2008-1354): PME, ETI, GE.
export const SIZE_CATEGORIES = new Set(['PME', 'ETI', 'GE']);
/** INSEE's placeholder for an unknown creation date. */
export const UNKNOWN_DATE = '1900-01-01';
export const NATURAL_PERSON_CATEGORY = '1000';

/** A trimmed value, with INSEE's « [ND] » mask (non-diffusible) read as absent. */
export function value(field: Field, name: string): string | null {
  const raw = field(name);
  return raw === '' || raw.toUpperCase() === '[ND]' ? null : raw;
}

/** '84200.0' → '84200': a float rendering of an integer code, which loses nothing but the '.0'. */
export function unfloat(raw: string): { value: string; repaired: boolean } {
  const match = /^(\d+)\.0+$/.exec(raw);
  return match ? { value: match[1]!, repaired: true } : { value: raw, repaired: false };
}

export function yesNo(raw: string | null): boolean | null {
  switch (raw?.toUpperCase()) {
    case 'O':
    case 'TRUE':
    case 'OUI':
      return true;
    case 'N':
    case 'FALSE':
    case 'NON':
      return false;
    default:
      return null;
  }
}

/**
 * The diffusion status: the file's column when it has one, else `false` when INSEE masked a value
 * (counted as `flag.non_diffusible_mask`), else unknown.
 */
export function diffusionWithMask(raw: string | null, masked: boolean, flags: string[]): boolean | null {
  const status = diffusionOf(raw);
  if (status === null && masked) {
    flags.push('flag.non_diffusible_mask');
    return false;
  }
  return status;
}

/** SIRENE `statutDiffusion…`: O diffusible; P partially diffusible (since 2023) and N (before) are not. */
export function diffusionOf(raw: string | null): boolean | null {
  switch (raw?.toUpperCase()) {
    case 'O':
      return true;
    case 'P':
    case 'N':
      return false;
    default:
      return null;
  }
}

export function activeOf(raw: string | null): boolean | null {
  switch (raw?.toUpperCase()) {
    case 'A':
    case 'TRUE':
      return true;
    case 'C':
    case 'F':
    case 'FALSE':
      return false;
    default:
      return null;
  }
}

/** A calendar date 'YYYY-MM-DD' that exists; INSEE's 1900-01-01 placeholder counts as unknown. */
export function dateOf(raw: string | null, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (match) {
    const [, y, m, d] = match.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (y >= 1800 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) {
      const iso = `${match[1]}-${match[2]}-${match[3]}`;
      if (iso === UNKNOWN_DATE) {
        flags.push('flag.created_on_unknown');
        return null;
      }
      return iso;
    }
  }
  flags.push('flag.created_on_invalid');
  return null;
}

/**
 * NAF rév. 2 only: a code of another nomenclature (NAFRev1, NAF1993, NAP, said by
 * `nomenclatureActivitePrincipale…`) or an invalid one is not translated but dropped and flagged.
 */
export function nafOf(raw: string | null, nomenclature: string | null, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  if (nomenclature !== null && nomenclature.toUpperCase() !== 'NAFREV2') {
    flags.push('flag.naf_not_rev2');
    return null;
  }
  const parsed = NafCode.tryParse(raw);
  if (!parsed.ok) {
    flags.push('flag.naf_invalid');
    return null;
  }
  return parsed.value;
}

export function legalCategoryOf(raw: string | null, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  const { value: code, repaired } = unfloat(raw);
  if (!/^\d{4}$/.test(code)) {
    flags.push('flag.legal_category_invalid');
    return null;
  }
  if (repaired) {
    flags.push('flag.legal_category_repaired');
  }
  return code;
}

export function employeeBandOf(raw: string | null, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  const band = unfloat(raw).value.toUpperCase();
  // A float rendering also drops the leading zero of '01' … '03'.
  const padded = /^\d$/.test(band) ? `0${band}` : band;
  if (!EMPLOYEE_BANDS.has(padded)) {
    flags.push('flag.employee_band_invalid');
    return null;
  }
  return padded;
}

export function sizeCategoryOf(raw: string | null, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  const category = raw.toUpperCase();
  if (!SIZE_CATEGORIES.has(category)) {
    flags.push('flag.size_category_invalid');
    return null;
  }
  return category;
}

/**
 * A French postal code. '84200.0' is repaired to '84200' and '7400.0' to '07400' (a float keeps every
 * digit but the leading zero, and postal codes have 5 digits); anything else is dropped and flagged.
 */
export function postalCodeOf(raw: string | null, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  const { value: digits, repaired } = unfloat(raw);
  if (/^\d{5}$/.test(digits)) {
    if (repaired) {
      flags.push('flag.postal_code_repaired');
    }
    return digits;
  }
  if (repaired && /^\d{4}$/.test(digits)) {
    flags.push('flag.postal_code_repaired');
    return `0${digits}`;
  }
  flags.push('flag.postal_code_invalid');
  return null;
}

export function communeCodeOf(raw: string | null, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  const parsed = CommuneCode.tryParse(raw);
  if (!parsed.ok) {
    flags.push('flag.commune_code_invalid');
    return null;
  }
  return parsed.value;
}

export function siretOf(raw: string | null, siren: string, flags: string[]): string | null {
  if (raw === null) {
    return null;
  }
  const parsed = Siret.tryParse(raw);
  if (!parsed.ok || Siret.siren(parsed.value) !== siren) {
    flags.push('flag.head_office_siret_invalid');
    return null;
  }
  return parsed.value;
}

/**
 * Rows whose SIREN was attached by fuzzy name matching (`methode_jointure` = scoring) carry the name
 * of another directory (e.g. a tiers-lieu), not SIRENE's: attaching it to the SIREN would be a guess.
 */
export function unverifiedJoin(field: Field): string | null {
  const method = value(field, 'methode_jointure');
  if (method === null || method === 'siren_direct') {
    return null;
  }
  const confidence = value(field, 'confiance_jointure');
  return (
    `SIREN rattaché par rapprochement approximatif (${method}${confidence ? `, confiance ${confidence}` : ''}) : ` +
    "la dénomination ne vient pas de SIRENE, l'enregistrement n'est pas importé."
  );
}
