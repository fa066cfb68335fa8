import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { cpvListProblem } from '../cpv/cpv-list-check.ts';
import { CpvCode, DomainError, parseFrenchAmount } from '../shared/index.ts';
import { entryOf, RESERVED_PARTICIPATION, type EformsCode, type ReservedArticle } from './eforms-codes.ts';
import { invalidProject, type FieldErrors } from './project.errors.ts';
import type { Reservation } from './purchase-project.ts';

/**
 * Readers of form and API values for projects and lots: each reads one field, records a French error under
 * the field's name in an error bag and returns a fallback, so that a form shows every error at once.
 * Values arrive as strings (forms), or as numbers, booleans and arrays (the typed API).
 */

/** A raw value: text from a form, or a typed JSON value. */
export type Raw = string | number | boolean | null | undefined | readonly string[];

/** Collects the field errors of one request. */
export class FieldErrorBag {
  readonly fields: FieldErrors = {};

  /** Records the first error of a field. */
  add(field: string, message: string): void {
    this.fields[field] ??= message;
  }

  /** Whether any error was recorded. */
  get empty(): boolean {
    return Object.keys(this.fields).length === 0;
  }
}

/**
 * Whether a raw value is blank (absent, null, empty or spaces).
 * @param value a raw value
 */
export function isBlank(value: Raw): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Optional text, trimmed, at most `max` characters.
 * @returns the text, or null when blank
 */
export function readText(
  errors: FieldErrorBag,
  field: string,
  value: Raw,
  label: string,
  max: number,
): string | null {
  if (isBlank(value)) {
    return null;
  }
  const text = String(value).trim();
  if (text.length > max) {
    errors.add(field, `${label} ne doit pas dépasser ${max} caractères.`);
  }
  return text;
}

/**
 * Required text.
 * @returns the text, or '' (with an error) when blank
 */
export function readRequiredText(
  errors: FieldErrorBag,
  field: string,
  value: Raw,
  label: string,
  max: number,
  missing: string,
): string {
  const text = readText(errors, field, value, label, max);
  if (text === null) {
    errors.add(field, missing);
    return '';
  }
  return text;
}

/**
 * An optional amount in euros HT, French or machine writing, not negative.
 * @returns euros rounded to the cent, or null when blank
 */
export function readAmount(errors: FieldErrorBag, field: string, value: Raw, label: string): number | null {
  if (isBlank(value)) {
    return null;
  }
  try {
    const amount = parseFrenchAmount(typeof value === 'number' ? value : String(value));
    if (amount < 0) {
      errors.add(field, `${label} ne peut pas être en dessous de zéro.`);
    }
    return amount;
  } catch (error) {
    if (error instanceof DomainError) {
      errors.add(field, `${label} : ${error.userMessage}`);
      return null;
    }
    throw error;
  }
}

const TRUE = new Set(['true', '1', 'oui', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'non', 'off', 'no']);

/**
 * A yes/no value (`oui`/`non`, `true`/`false`, a checkbox's `on`); blank is the fallback.
 */
export function readBoolean(errors: FieldErrorBag, field: string, value: Raw, fallback: boolean): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (isBlank(value)) {
    return fallback;
  }
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text) || FALSE.has(text)) {
    return TRUE.has(text);
  }
  errors.add(field, `« ${field} » doit valoir oui ou non.`);
  return fallback;
}

/**
 * A list given as an array or as text separated by commas, semicolons, spaces or new lines.
 * @returns the trimmed, non-empty items, duplicates removed, in order
 */
export function splitList(value: Raw): string[] {
  if (isBlank(value)) {
    return [];
  }
  const items = Array.isArray(value) ? value : String(value).split(/[\s,;]+/);
  return [...new Set(items.map((item) => String(item).trim()).filter((item) => item !== ''))];
}

/**
 * CPV 2008 codes, with or without check digit.
 * @returns the 8-digit codes, in order
 */
export function readCpvCodes(errors: FieldErrorBag, field: string, value: Raw): string[] {
  const codes: string[] = [];
  for (const item of splitList(value)) {
    const parsed = CpvCode.tryParse(item);
    if (parsed.ok) {
      codes.push(parsed.value.code);
    } else {
      errors.add(field, parsed.error.userMessage);
    }
  }
  if (codes.length > 20) {
    errors.add(field, 'Indiquez au plus 20 codes CPV.');
  }
  return [...new Set(codes)];
}

/**
 * Codes of an eForms code list.
 * @returns the codes the list holds, in the list's order
 */
export function readCodes<E extends EformsCode>(
  errors: FieldErrorBag,
  field: string,
  value: Raw,
  list: readonly E[],
  label: string,
): E['code'][] {
  const given = splitList(value);
  for (const code of given) {
    if (entryOf(list, code) === undefined) {
      errors.add(
        field,
        `« ${code.slice(0, 40)} » n’est pas un code de la liste ${label} : ${list.map((e) => e.code).join(', ')}.`,
      );
    }
  }
  return list.filter((entry) => given.includes(entry.code)).map((entry) => entry.code);
}

/**
 * A reservation (BT-71) and its article: `res-ws` rests on L2113-12 or L2113-13, `res-pub-ser` on L2113-15;
 * `none` or blank means no reservation.
 * @returns the reservation, or null
 */
export function readReservation(
  errors: FieldErrorBag,
  prefix: string,
  code: Raw,
  article: Raw,
): Reservation | null {
  const codeField = `${prefix}reservedParticipation`;
  const articleField = `${prefix}reservedArticle`;
  if (isBlank(code) || code === 'none') {
    if (!isBlank(article)) {
      errors.add(articleField, 'Un article de réservation n’a de sens que pour une participation réservée.');
    }
    return null;
  }
  const entry = entryOf(RESERVED_PARTICIPATION, String(code).trim());
  if (entry === undefined || entry.code === 'none') {
    errors.add(codeField, 'Choisissez une réservation de la liste : none, res-ws ou res-pub-ser (BT-71).');
    return null;
  }
  const allowed = entry.articles as readonly string[];
  const chosen = isBlank(article) ? (allowed.length === 1 ? allowed[0] : undefined) : String(article).trim();
  if (chosen === undefined || !allowed.includes(chosen)) {
    errors.add(
      articleField,
      `Cette réservation repose sur ${allowed.map((a) => `l’article ${a}`).join(' ou ')} du code de la commande publique : choisissez-le.`,
    );
    return null;
  }
  return { code: entry.code, article: chosen as ReservedArticle };
}

/**
 * Reads fields with a synchronous reader, adding the CPV 2008 list's verdict on the `cpvCodes` field (the
 * code exists, its check digit is right): the list lives in the store, the readers are pure.
 * @param db the store (or a transaction)
 * @param cpvCodes the raw `cpvCodes` field (undefined: not changed, nothing to check)
 * @param read the reader (throws `project.invalid` with `details.fields`)
 * @returns what the reader returns
 * @throws DomainError `project.invalid` with the reader's field errors and, on `cpvCodes`, its syntax error
 *   or else the list's (« Le code CPV 12345678 n’existe pas dans la nomenclature CPV 2008. »)
 */
export async function readWithCpvList<T>(
  db: Kysely<Database> | Transaction<Database>,
  cpvCodes: Raw,
  read: () => T,
): Promise<T> {
  const problem = cpvCodes === undefined ? null : await cpvListProblem(db, splitList(cpvCodes));
  let fields: T;
  try {
    fields = read();
  } catch (error) {
    if (problem !== null && error instanceof DomainError && error.code === 'project.invalid') {
      const given = (error.details?.fields ?? {}) as FieldErrors;
      throw invalidProject({ ...given, cpvCodes: given.cpvCodes ?? problem });
    }
    throw error;
  }
  if (problem !== null) {
    throw invalidProject({ cpvCodes: problem });
  }
  return fields;
}
