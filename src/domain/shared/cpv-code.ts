import { DomainError, tryParse, type ParseResult } from './domain-error.ts';

/**
 * CPV codes, the Common Procurement Vocabulary as revised by Commission Regulation (EC) No 213/2008 (« CPV 2008 »),
 * mandatory in French notices and in DECP (`codeCPV`).
 *
 * A code is 8 digits followed, in the official list, by a check digit: `30213000-5`. Sources disagree on
 * that digit: DECP 2019 mostly omits it, some buyers type it wrong. We store the 8 digits and keep the
 * check digit only as read; the right one is looked up in the imported list (`verifyCheckDigit`).
 *
 * The hierarchy is positional (Regulation (EC) No 2195/2002 as amended by 213/2008, and the Commission's
 * « Guide to the CPV », §5.1): the first 2 digits are the division, the 3rd the group, the 4th the class, the 5th the category, and
 * digits 6 to 8 refine the category further. Trailing zeros mean "not refined at this level", so the level
 * is read from the number of significant digits, and a code's ancestors are obtained by zeroing its last
 * significant digit repeatedly.
 */

/** Error codes of this module. */
export type CpvErrorCode = 'cpv.invalid_format' | 'cpv.wrong_check_digit' | 'cpv.unknown_code';

/** The 8 digits of a CPV code, without the check digit, e.g. '30213000'. */
export type CpvCode = string & { readonly __brand: 'CpvCode' };

/** A CPV code as read: the 8 digits, and the check digit when the source gave one. */
export type ParsedCpv = { readonly code: CpvCode; readonly checkDigit: string | null };

/** Hierarchy level: 1 division, 2 group, 3 class, 4 category, 5 to 7 finer subdivisions. */
export type CpvLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const CPV_PATTERN = /^(\d{8})(?:-(\d))?$/;
const DIVISION_DIGITS = 2;
const MAX_SHOWN = 40;

function shown(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length > MAX_SHOWN ? `${trimmed.slice(0, MAX_SHOWN)}…` : trimmed;
}

/** Number of significant digits: 8 minus the trailing zeros, never below the 2 digits of a division. */
function significantDigits(code: CpvCode): number {
  let end = code.length;
  while (end > DIVISION_DIGITS && code[end - 1] === '0') {
    end--;
  }
  return end;
}

function withCheckDigit(code: string, checkDigit: string | null): string {
  return checkDigit === null ? code : `${code}-${checkDigit}`;
}

/**
 * Builds the error for a well-formed code that is missing from the CPV 2008 list. The lookup is the
 * caller's (it needs the imported list); the caller decides whether it is an error or a warning.
 * @param code the 8 digits that were looked up
 * @returns a DomainError `cpv.unknown_code` with a French message naming the code
 */
export function unknownCpvError(code: CpvCode): DomainError {
  return new DomainError(
    'cpv.unknown_code',
    `Le code CPV ${code} n'existe pas dans la nomenclature CPV 2008.`,
    { message: `CPV code ${code} is not in the CPV 2008 list`, details: { value: code } },
  );
}

/** CPV code value object: `CpvCode.parse('30213000-5')`. */
export const CpvCode = {
  /**
   * Reads a CPV code written with or without its check digit. Only the shape is checked here; whether
   * the code exists is a lookup in the imported list. A 7-digit value is rejected rather than padded:
   * in DECP 2019 `4543100-7` is `45431000-7` (Carrelages) with a zero lost at the end, not the start.
   * @param raw e.g. '30213000', '30213000-5', ' 30213000-5 '
   * @returns `{ code: '30213000', checkDigit: '5' | null }`
   * @throws DomainError `cpv.invalid_format` when the value is not 8 digits, optionally « -chiffre »
   * @example CpvCode.parse('30213000-5') // { code: '30213000', checkDigit: '5' }
   */
  parse(raw: string): ParsedCpv {
    const match = CPV_PATTERN.exec(raw.trim());
    if (!match) {
      throw new DomainError(
        'cpv.invalid_format',
        `« ${shown(raw)} » n'est pas un code CPV : un code CPV comporte 8 chiffres, ` +
          "éventuellement suivis d'un tiret et d'un chiffre de contrôle (par exemple 30213000 ou 30213000-5).",
        { message: `Malformed CPV code ${JSON.stringify(shown(raw))}`, details: { value: shown(raw) } },
      );
    }
    return { code: match[1] as CpvCode, checkDigit: match[2] ?? null };
  },

  /**
   * Non-throwing `parse`.
   * @param raw the value to read
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with `cpv.invalid_format`
   */
  tryParse(raw: string): ParseResult<ParsedCpv> {
    return tryParse(() => CpvCode.parse(raw));
  },

  /**
   * Hierarchy level read from the significant digits (structure of the CPV main vocabulary):
   * `XX000000` → 1 division, `XXX00000` → 2 group, `XXXX0000` → 3 class, `XXXXX000` → 4 category,
   * then 6, 7 and 8 significant digits → 5, 6 and 7.
   * @param code 8 digits
   * @returns 1 to 7
   * @example CpvCode.level('30213000' as CpvCode) // 4 (category « Ordinateurs personnels »)
   */
  level(code: CpvCode): CpvLevel {
    return (significantDigits(code) - 1) as CpvLevel;
  },

  /**
   * The code one level up: the last significant digit (3rd position or later) set to zero. The result
   * follows the structure, it is not guaranteed to be in the list (a level may be skipped there), so look
   * ancestors up with `ancestors()` when the nearest listed one is wanted.
   * @param code 8 digits
   * @returns the parent code, or null for a division
   * @example CpvCode.parent('30213000' as CpvCode) // '30210000'
   */
  parent(code: CpvCode): CpvCode | null {
    const significant = significantDigits(code);
    if (significant <= DIVISION_DIGITS) {
      return null;
    }
    return `${code.slice(0, significant - 1)}${'0'.repeat(code.length - significant + 1)}` as CpvCode;
  },

  /**
   * All codes above this one, nearest first, down to the division.
   * @param code 8 digits
   * @returns e.g. ['30210000', '30200000', '30000000'] for '30213000'; empty for a division
   */
  ancestors(code: CpvCode): CpvCode[] {
    const result: CpvCode[] = [];
    for (let current = CpvCode.parent(code); current !== null; current = CpvCode.parent(current)) {
      result.push(current);
    }
    return result;
  },

  /**
   * The significant digits, so "a code includes its descendants" becomes `code LIKE prefix || '%'`.
   * @param code 8 digits
   * @returns at least the 2 digits of the division, e.g. '30213' for '30213000', '03' for '03000000'
   */
  prefix(code: CpvCode): string {
    return code.slice(0, significantDigits(code));
  },

  /**
   * Whether `code` is `ancestor` itself or below it in the hierarchy.
   * @param code the candidate descendant
   * @param ancestor the candidate ancestor
   * @returns true when `code` starts with the significant digits of `ancestor`
   */
  isWithin(code: CpvCode, ancestor: CpvCode): boolean {
    return code.startsWith(CpvCode.prefix(ancestor));
  },

  /**
   * Writes a parsed code back, with its check digit when there is one.
   * @param parsed a parsed code
   * @returns '30213000-5' or '30213000'
   */
  format(parsed: ParsedCpv): string {
    return withCheckDigit(parsed.code, parsed.checkDigit);
  },

  /**
   * Compares the check digit read from the source with the one of the official list. Pure: the caller
   * looks the expected digit up in the imported list and passes it; a missing code is reported with
   * `unknownCpvError`, not here.
   * @param parsed the code as read
   * @param expectedCheckDigit the list's check digit, or null when the code is not in the list
   * @returns the code with the list's check digit when known, else as read
   * @throws DomainError `cpv.wrong_check_digit` when the source gave a digit that differs from the list's
   *   (the caller may downgrade it to a warning: the 8 digits are what matters)
   */
  verifyCheckDigit(parsed: ParsedCpv, expectedCheckDigit: string | null): ParsedCpv {
    if (expectedCheckDigit === null) {
      return parsed;
    }
    if (parsed.checkDigit !== null && parsed.checkDigit !== expectedCheckDigit) {
      const given = withCheckDigit(parsed.code, parsed.checkDigit);
      const right = withCheckDigit(parsed.code, expectedCheckDigit);
      throw new DomainError(
        'cpv.wrong_check_digit',
        `Le code CPV ${given} a un chiffre de contrôle erroné : le bon est ${right}.`,
        {
          message: `CPV ${given}: check digit should be ${expectedCheckDigit}`,
          details: { value: given, expected: right },
        },
      );
    }
    return { code: parsed.code, checkDigit: expectedCheckDigit };
  },
};
