import { DomainError } from './domain-error.ts';

/**
 * Amounts in euros, as buyers type them and as files carry them. DECP gives `montant` as a JSON number
 * (dot decimals), spreadsheets and forms give French text (« 1 234,56 € »), office documents add
 * non-breaking spaces. We return a plain number of euros rounded to the cent.
 *
 * Reading rules, in order:
 * 1. Surrounding spaces and a trailing « € » or « EUR » (any case) are dropped; a leading « - » (or the
 *    minus sign U+2212) makes the amount negative, since contract modifications can lower an amount.
 * 2. Thousands may be grouped by spaces: space, NBSP (U+00A0), narrow NBSP (U+202F, what `Intl` writes)
 *    or thin space (U+2009). Groups after the first must have exactly 3 digits, so « 12 34 » is rejected.
 * 3. A comma is always the decimal separator (French usage); a second comma is an error (« 1,234,56 »).
 *    With a comma, dots can only group thousands: « 1.234,56 ».
 * 4. Without a comma, several dots group thousands (« 1.234.567 »), and a single dot is a decimal point
 *    (« 1234.56 », what machine exports write), except in the ambiguous case below.
 * 5. Ambiguity: a single dot followed by exactly 3 digits, after 1 to 3 digits that do not start with 0
 *    and nothing else (« 1.234 », « 12.500 ») reads as 1 234 € to a French reader and as 1,234 € to a
 *    program. Neither guess is safe for a procurement amount, so it is rejected with a message asking for
 *    « 1234 » or « 1,234 ». « 0.125 », « 1234.567 » and « 1 234.567 » are not ambiguous (decimals).
 * 6. Rounding to the cent is done on the decimal digits (half up, away from zero), not on a binary float,
 *    so « 1,005 » gives 1.01.
 */

/** Error codes of this module. */
export type AmountErrorCode = 'amount.invalid';

const CURRENCY_SUFFIX = /\s*(?:€|eur)$/i;
const SPACE_GROUPED = /^\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+$/;
const DOT_GROUPED = /^\d{1,3}(?:\.\d{3})+$/;
const DIGITS = /^\d+$/;
const AMBIGUOUS_DOT = /^[1-9]\d{0,2}\.\d{3}$/;
// 13 integer digits keep the cents below Number.MAX_SAFE_INTEGER, far above any public contract.
const MAX_INTEGER_DIGITS = 13;
const MAX_SHOWN = 40;

function shown(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length > MAX_SHOWN ? `${trimmed.slice(0, MAX_SHOWN)}…` : trimmed;
}

function invalid(raw: string, reason?: string): DomainError {
  const userMessage =
    raw.trim() === ''
      ? 'Le montant est vide.'
      : `« ${shown(raw)} » n'est pas un montant valide${reason ?? ' : écrivez par exemple 1 234,56 € ou 1234.56.'}`;
  return new DomainError('amount.invalid', userMessage, {
    message: `Unreadable amount ${JSON.stringify(shown(raw))}`,
    details: { value: shown(raw) },
  });
}

/** Reads an integer part, plain or grouped by thousands with spaces or (if allowed) dots. */
function integerDigits(part: string, dotsAllowed: boolean): string | null {
  if (DIGITS.test(part)) {
    return part;
  }
  if (SPACE_GROUPED.test(part) || (dotsAllowed && DOT_GROUPED.test(part))) {
    return part.replace(/\D/g, '');
  }
  return null;
}

/** Splits the body of a positive amount into integer and decimal digits, or null when unreadable. */
function splitDigits(body: string, raw: string): { integer: string; decimals: string } | null {
  const commas = body.split(',');
  if (commas.length > 2) {
    return null;
  }
  if (commas.length === 2) {
    const [integerPart = '', decimals = ''] = commas;
    const integer = integerDigits(integerPart, true);
    return integer !== null && DIGITS.test(decimals) ? { integer, decimals } : null;
  }
  const dots = body.split('.');
  if (dots.length > 2) {
    const integer = integerDigits(body, true);
    return integer === null ? null : { integer, decimals: '' };
  }
  if (dots.length === 2) {
    if (AMBIGUOUS_DOT.test(body)) {
      const [head = '', tail = ''] = dots;
      throw invalid(
        raw,
        ` : il est ambigu (${head} ${tail} € ou ${head},${tail} € ?). ` +
          `Écrivez ${head}${tail} ou ${head},${tail}.`,
      );
    }
    const [integerPart = '', decimals = ''] = dots;
    const integer = integerDigits(integerPart, false);
    return integer !== null && DIGITS.test(decimals) ? { integer, decimals } : null;
  }
  const integer = integerDigits(body, false);
  return integer === null ? null : { integer, decimals: '' };
}

/** Euros from digit strings, rounded half up to the cent without going through a binary fraction. */
function toEuros(integer: string, decimals: string, negative: boolean): number {
  const cents =
    Number(integer) * 100 + Number(`${decimals}00`.slice(0, 2)) + ((decimals[2] ?? '0') >= '5' ? 1 : 0);
  if (cents === 0) {
    return 0;
  }
  return (negative ? -cents : cents) / 100;
}

/**
 * Reads an amount in euros written the French way or the machine way.
 * @param raw text (« 1 234,56 € », « 1.234,56 », « 1234.56 », « 1 234,56 EUR ») or a number (DECP `montant`)
 * @returns the amount in euros rounded to the cent, e.g. 1234.56
 * @throws DomainError `amount.invalid` for empty, garbage (« NC »), non-finite, ambiguous (« 1.234 ») or
 *   malformed (« 1,234,56 », « 12 34 ») values
 * @example parseFrenchAmount('1 234,56 €') // 1234.56
 */
export function parseFrenchAmount(raw: string | number): number {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || Math.abs(raw) >= 10 ** MAX_INTEGER_DIGITS) {
      throw invalid(String(raw));
    }
    const text = String(Math.abs(raw));
    // String() only switches to exponent notation below 1e-6 here: such amounts round to 0 €.
    if (text.includes('e')) {
      return 0;
    }
    const [integer = '0', decimals = ''] = text.split('.');
    return toEuros(integer, decimals, raw < 0);
  }
  let body = raw.trim().replace(CURRENCY_SUFFIX, '');
  let negative = false;
  if (body.startsWith('-') || body.startsWith('\u2212')) {
    negative = true;
    body = body.slice(1);
  }
  const parts = splitDigits(body, raw);
  if (parts === null) {
    throw invalid(raw);
  }
  if (parts.integer.replace(/^0+/, '').length > MAX_INTEGER_DIGITS) {
    throw invalid(raw, ' : il est trop grand.');
  }
  return toEuros(parts.integer, parts.decimals, negative);
}

let euroFormat: Intl.NumberFormat | undefined;

/**
 * Formats euros for display, French style. `Intl` groups thousands with a narrow no-break space (U+202F)
 * and puts a no-break space (U+00A0) before « € », so the amount never wraps across lines.
 * @param amount euros
 * @returns e.g. '1 234,56 €' (with U+202F and U+00A0)
 * @throws DomainError `amount.invalid` when the amount is not a finite number
 * @example formatEuros(1234.56) // '1\u202f234,56\u00a0€'
 */
export function formatEuros(amount: number): string {
  if (!Number.isFinite(amount)) {
    throw invalid(String(amount));
  }
  euroFormat ??= new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
  return euroFormat.format(amount);
}
