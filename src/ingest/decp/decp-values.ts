import { decodeHTMLStrict } from 'entities';
import { parseDateOnly, parseFrenchAmount, tryParse } from '../../domain/shared/index.ts';
import { canonicalLabel, type LabelList } from './decp-labels.ts';

/**
 * Readers of DECP field values, shared by the normaliser: each turns a value as found in a file (either
 * format, JSON or XML) into a typed value, or into null plus a quality flag naming the field. A value is
 * repaired only when it has one possible reading; nothing is guessed.
 */

/**
 * Values that mean "not given" in DECP files: « NC » (non communiqué), spreadsheet and Python leftovers.
 * In a typed field (amount, date…) they are unreadable like any other garbage; in a text field they are
 * blanked instead of being kept as if they were a real name or object.
 */
const PLACEHOLDERS = new Set(['', 'nc', 'n/c', 'nan', 'null', 'undefined', 'none', 'n/a', 'true', 'false']);

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** NUL cannot be stored in PostgreSQL text or jsonb; it is never meaningful in DECP. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/** The quality flags of one record, deduplicated and sorted. */
export class Flags {
  private readonly set = new Set<string>();
  add(flag: string): void {
    this.set.add(flag);
  }
  sorted(): string[] {
    return [...this.set].sort();
  }
}

/** `<br>`, `<br/>`, `<br />` in any case. */
const BR_TAG = /<br\s*\/?>/gi;

/**
 * Decodes HTML in a DECP free text: `<br>` tags become a newline, character references (named with their
 * semicolon, decimal, hexadecimal) are decoded. Other tags and lone `<`, `&` are kept as written.
 * @returns the text, and whether anything was decoded
 */
export function decodeHtmlText(text: string): { text: string; decoded: boolean } {
  if (!text.includes('&') && !text.includes('<')) {
    return { text, decoded: false };
  }
  const decoded = decodeHTMLStrict(text.replace(BR_TAG, '\n'));
  return { text: decoded, decoded: decoded !== text };
}

/** A free text (`textOf`) with its HTML decoded (`decodeHtmlText`, flag `html_decoded`). */
export function htmlTextOf(value: unknown, flags: Flags, flag?: string): string | null {
  const text = textOf(value, flags, flag);
  if (text === null) {
    return null;
  }
  const html = decodeHtmlText(text);
  if (!html.decoded) {
    return text;
  }
  flags.add('html_decoded');
  return textOf(html.text, flags, flag);
}

/**
 * A free text: trimmed, placeholders blanked (flagged when `flag` is given), numbers turned into text.
 * Objects and arrays are not text: null + flag.
 */
export function textOf(value: unknown, flags: Flags, flag?: string): string | null {
  if (!isGiven(value)) {
    return null;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value !== 'string') {
    if (flag) {
      flags.add(flag);
    }
    return null;
  }
  const text = withoutNul(value).trim();
  if (PLACEHOLDERS.has(text.toLowerCase())) {
    if (flag && text !== '') {
      flags.add(flag);
    }
    return null;
  }
  return text;
}

/** An identifier: like `textOf`, with every whitespace removed (« 282 850 001 00013 »). */
export function identifierOf(value: unknown, flags: Flags, flag?: string): string | null {
  const text = textOf(value, flags, flag);
  if (text === null) {
    return null;
  }
  const compact = text.replace(/\s+/g, '');
  return compact === '' ? null : compact;
}

/** Euros from a number, a numeric string or a French-formatted string; negative or unreadable → null + flag. */
export function amountOf(value: unknown, flags: Flags, flag: string): number | null {
  if (!isGiven(value)) {
    return null;
  }
  if (typeof value !== 'number' && typeof value !== 'string') {
    flags.add(flag);
    return null;
  }
  const parsed = tryParse(() => parseFrenchAmount(value));
  if (!parsed.ok || parsed.value < 0) {
    flags.add(flag);
    return null;
  }
  return parsed.value;
}

/** A whole number in [0, max]: a number or digits (« 12 », « 12 mois »); anything else → null + flag. */
export function integerOf(value: unknown, flags: Flags, flag: string, max: number): number | null {
  if (!isGiven(value)) {
    return null;
  }
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && /^\s*\d+(?:[.,]0+)?(?:\s*mois)?\s*$/i.test(value)) {
    n = Number(value.replace(/mois/i, '').trim().replace(',', '.'));
  } else {
    flags.add(flag);
    return null;
  }
  if (!Number.isInteger(n) || n < 0 || n > max) {
    flags.add(flag);
    return null;
  }
  return n;
}

/**
 * A calendar date through `parseDateOnly` (which also reads the 2019 `2019-01-15+01:00` shape).
 * A year outside 1990–2100 gives `<prefix>_out_of_range`, anything else unreadable `<prefix>_invalid`.
 */
export function dateOf(value: unknown, flags: Flags, prefix: string): string | null {
  if (!isGiven(value)) {
    return null;
  }
  if (typeof value !== 'string') {
    flags.add(`${prefix}_invalid`);
    return null;
  }
  const parsed = tryParse(() => parseDateOnly(value));
  if (parsed.ok) {
    return parsed.value;
  }
  flags.add(parsed.error.code === 'date.out_of_range' ? `${prefix}_out_of_range` : `${prefix}_invalid`);
  return null;
}

const TRUE_WORDS = new Set(['true', 'oui', '1', 'vrai', 'yes', 'o']);
const FALSE_WORDS = new Set(['false', 'non', '0', 'faux', 'no', 'n']);

/** A boolean: JSON true/false, 1/0, or 'true'/'false'/'oui'/'non'/'1'/'0' in any case; else null + flag. */
export function booleanOf(value: unknown, flags: Flags, flag: string): boolean | null {
  if (!isGiven(value)) {
    return null;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 1 || value === 0) {
    return value === 1;
  }
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) {
      return true;
    }
    if (FALSE_WORDS.has(word)) {
      return false;
    }
  }
  flags.add(flag);
  return null;
}

/** A value of a closed list, repaired to its canonical label; unknown → null + flag. */
export function labelOf(list: LabelList, value: unknown, flags: Flags, flag: string): string | null {
  if (!isGiven(value)) {
    return null;
  }
  if (typeof value !== 'string') {
    flags.add(flag);
    return null;
  }
  if (value.trim() === '') {
    return null;
  }
  const label = canonicalLabel(list, value);
  if (label === null) {
    flags.add(flag);
  }
  return label;
}
