import { DomainError, tryParse, type ParseResult } from './domain-error.ts';

/**
 * SIREN and SIRET, the identifiers INSEE gives to every legal unit (SIREN, 9 digits) and to each of its
 * establishments (SIRET = SIREN + NIC, 14 digits). DECP carries them for buyers (`acheteur.id`) and
 * holders (`titulaires[].id` when `typeIdentifiant` is `SIRET`); SIRENE is the reference register.
 *
 * Both end with a Luhn key (INSEE, « Les identifiants SIREN et SIRET »). One documented exception:
 * La Poste (SIREN 356 000 000) has more establishments than a 4-digit NIC followed by a Luhn key can
 * number, so INSEE checks its SIRETs with another rule: the sum of the 14 digits is a multiple of 5.
 * Its head office, 356 000 000 00048, passes Luhn instead; we accept either rule for that SIREN only.
 *
 * Identifiers are always strings: leading zeros are significant (SIREN 062 201 199 exists).
 */

/** Error codes thrown by `Siren` and `Siret`. */
export type SirenErrorCode = 'siren.invalid_format' | 'siren.invalid_key';
/** Error codes thrown by `Siret`. */
export type SiretErrorCode = 'siret.invalid_format' | 'siret.invalid_key';

/** A 9-digit SIREN whose Luhn key has been checked. */
export type Siren = string & { readonly __brand: 'Siren' };
/** A 14-digit SIRET whose key has been checked (Luhn, or La Poste's rule). */
export type Siret = string & { readonly __brand: 'Siret' };

/** SIREN of La Poste, the one legal unit whose SIRETs follow INSEE's « somme multiple de 5 » rule. */
export const LA_POSTE_SIREN = '356000000';

// Copy-pasted identifiers come with every kind of separator: spaces, NBSP (U+00A0) and narrow NBSP
// (U+202F) from office documents, tabs from spreadsheets, dots from "123.456.789". `\s` covers all of
// the Unicode spaces (including U+00A0 and U+202F); anything else is left in and rejected as not a digit.
const SEPARATORS = /[\s.]/gu;
const MAX_SHOWN = 40;

function normalize(raw: string): string {
  return raw.replace(SEPARATORS, '');
}

/** Shows the offending input in a message, trimmed and shortened so a pasted paragraph stays readable. */
function shown(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length > MAX_SHOWN ? `${trimmed.slice(0, MAX_SHOWN)}…` : trimmed;
}

/**
 * Luhn (mod 10) check as INSEE uses it: from the right, double every second digit, add the digits.
 * @param digits a string of ASCII digits
 * @returns true when the weighted sum is a multiple of 10
 */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += digits.charCodeAt(i) - 48;
  }
  return sum;
}

function formatSiren(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)}`;
}

function formatSiret(digits: string): string {
  return `${formatSiren(digits)} ${digits.slice(9)}`;
}

function formatError(kind: 'SIREN' | 'SIRET', expected: number, raw: string, digits: string): DomainError {
  const code = kind === 'SIREN' ? 'siren.invalid_format' : 'siret.invalid_format';
  let detail: string;
  if (digits === '') {
    detail = 'la valeur est vide.';
  } else if (!/^\d+$/.test(digits)) {
    detail = `« ${shown(raw)} » contient d'autres caractères que des chiffres.`;
  } else {
    detail = `« ${shown(raw)} » en comporte ${digits.length}.`;
  }
  return new DomainError(code, `Un ${kind} comporte ${expected} chiffres ; ${detail}`, {
    message: `${kind} must be ${expected} digits, got ${JSON.stringify(shown(raw))}`,
    details: { value: shown(raw) },
  });
}

/** SIREN value object: `Siren.parse('356 000 000')`. */
export const Siren = {
  /**
   * Normalises and checks a SIREN.
   * @param raw user or file input; spaces, dots, tabs, NBSP and narrow NBSP are ignored
   * @returns the 9 digits, leading zeros kept
   * @throws DomainError `siren.invalid_format` (not 9 digits), `siren.invalid_key` (Luhn key mismatch)
   * @example Siren.parse('062 201 199') // '062201199'
   */
  parse(raw: string): Siren {
    const digits = normalize(raw);
    if (!/^\d{9}$/.test(digits)) {
      throw formatError('SIREN', 9, raw, digits);
    }
    if (!luhnValid(digits)) {
      throw new DomainError(
        'siren.invalid_key',
        `Le SIREN ${formatSiren(digits)} n'est pas valide : la clé de contrôle ne correspond pas.`,
        { message: `SIREN ${digits} fails the Luhn check`, details: { value: digits } },
      );
    }
    return digits as Siren;
  },

  /**
   * Non-throwing `parse`.
   * @param raw user or file input
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with the codes of `parse`
   */
  tryParse(raw: string): ParseResult<Siren> {
    return tryParse(() => Siren.parse(raw));
  },

  /**
   * Formats a SIREN the way INSEE prints it.
   * @param siren a parsed SIREN
   * @returns groups of 3 digits, e.g. '356 000 000'
   */
  format(siren: Siren): string {
    return formatSiren(siren);
  },
};

/** SIRET value object: `Siret.parse('356 000 000 00048')`. */
export const Siret = {
  /**
   * Normalises and checks a SIRET: the 14-digit key (Luhn, or La Poste's digit-sum rule) and the key of
   * the SIREN it starts with. Checking both catches real typos that happen to pass one of them: DECP 2019
   * lists SMACL as 301 309 006 05410, which passes the 14-digit Luhn but not the SIREN's own key.
   * @param raw user or file input; spaces, dots, tabs, NBSP and narrow NBSP are ignored
   * @returns the 14 digits, leading zeros kept
   * @throws DomainError `siret.invalid_format` (not 14 digits), `siret.invalid_key` (key mismatch)
   * @example Siret.parse('356 000 000 00048') // '35600000000048'
   */
  parse(raw: string): Siret {
    const digits = normalize(raw);
    if (!/^\d{14}$/.test(digits)) {
      throw formatError('SIRET', 14, raw, digits);
    }
    const siren = digits.slice(0, 9);
    const keyValid = luhnValid(digits) || (siren === LA_POSTE_SIREN && digitSum(digits) % 5 === 0);
    if (!keyValid || !luhnValid(siren)) {
      throw new DomainError(
        'siret.invalid_key',
        `Le SIRET ${formatSiret(digits)} n'est pas valide : la clé de contrôle ne correspond pas.`,
        {
          message: `SIRET ${digits} fails the ${keyValid ? 'SIREN' : 'SIRET'} key check`,
          details: { value: digits },
        },
      );
    }
    return digits as Siret;
  },

  /**
   * Non-throwing `parse`.
   * @param raw user or file input
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with the codes of `parse`
   */
  tryParse(raw: string): ParseResult<Siret> {
    return tryParse(() => Siret.parse(raw));
  },

  /**
   * The legal unit an establishment belongs to.
   * @param siret a parsed SIRET
   * @returns its first 9 digits, already valid since `parse` checked the SIREN key
   */
  siren(siret: Siret): Siren {
    return siret.slice(0, 9) as Siren;
  },

  /**
   * The establishment's own number within its legal unit (NIC, « numéro interne de classement »).
   * @param siret a parsed SIRET
   * @returns its last 5 digits, e.g. '00048'
   */
  nic(siret: Siret): string {
    return siret.slice(9);
  },

  /**
   * Formats a SIRET the way INSEE prints it.
   * @param siret a parsed SIRET
   * @returns groups 3 3 3 5, e.g. '356 000 000 00048'
   */
  format(siret: Siret): string {
    return formatSiret(siret);
  },
};
