import { DateTime } from 'luxon';
import { DomainError, tryParse, type ParseResult } from './domain-error.ts';

/**
 * Calendar dates of French procurement (notification, publication, deadlines), read from files and forms
 * and shown in French. « The day » of an instant is its day in Europe/Paris (metropolitan legal time, the
 * platform's reference), whatever the server's time zone: every luxon call below names its zone, nothing
 * reads the machine's local zone.
 *
 * Accepted inputs, and the day each one means:
 * - `2018-12-03`: that day.
 * - `2018-12-03+01:00`, `2018-11-29-04:00`, `2018-12-03Z`: an XML Schema `xs:date` with a time-zone
 *   suffix, as DECP 2019 writes `dateNotification` (the arrêté of 2019 uses XSD types; the -04:00 comes
 *   from buyers in the Antilles). It is still a date, so the day as written, never shifted.
 * - `2018-12-03T00:00:00+02:00`: a date that some producer serialised as its local midnight (often with
 *   the wrong offset, +02:00 in December). Midnight exactly means "a date": the day as written. Converting
 *   it to Paris (2018-12-02 23:00) would move a notification to the day before.
 * - `2018-12-03T23:30:00Z` (any other time, with an offset): a real instant, converted to its day in
 *   Paris, here 2018-12-04. Without an offset, the wall time is taken as Paris time: the day as written.
 * - `03/12/2018` (JJ/MM/AAAA, as typed in France; `3/12/2018` too).
 *
 * Years outside 1990–2100 are rejected with their own code: DECP holds typos such as 0218-10-29 (for
 * 2018) or 2918, which the importer stores as null with a flag rather than as a date nine centuries off.
 */

/** Error codes of this module. */
export type DateErrorCode = 'date.invalid' | 'date.out_of_range';

/** A calendar date written `YYYY-MM-DD`, with no time and no zone. */
export type IsoDate = string & { readonly __brand: 'IsoDate' };

/** The platform's reference zone: legal time of metropolitan France. */
export const PARIS_ZONE = 'Europe/Paris';
/** Earliest accepted year: DECP and the platform have nothing older. */
export const MIN_YEAR = 1990;
/** Latest accepted year: contracts and frameworks do not run further. */
export const MAX_YEAR = 2100;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:?\d{2})?$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const FRENCH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const MAX_SHOWN = 40;

function shown(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length > MAX_SHOWN ? `${trimmed.slice(0, MAX_SHOWN)}…` : trimmed;
}

function invalid(raw: string, reason: string): DomainError {
  return new DomainError('date.invalid', `« ${shown(raw)} » n'est pas une date valide : ${reason}`, {
    message: `Unreadable date ${JSON.stringify(shown(raw))}`,
    details: { value: shown(raw) },
  });
}

const SHAPE_REASON = 'écrivez-la JJ/MM/AAAA (03/12/2018) ou AAAA-MM-JJ (2018-12-03).';
const NO_SUCH_DAY = "ce jour n'existe pas dans le calendrier.";

/** Builds a calendar day (UTC is only a neutral container here: no time, so no shift). */
function calendarDay(raw: string, year: string, month: string, day: string): DateTime {
  const date = DateTime.fromObject(
    { year: Number(year), month: Number(month), day: Number(day) },
    { zone: 'utc' },
  );
  if (!date.isValid) {
    throw invalid(raw, NO_SUCH_DAY);
  }
  return date;
}

function inRange(raw: string, date: DateTime): IsoDate {
  if (date.year < MIN_YEAR || date.year > MAX_YEAR) {
    throw new DomainError(
      'date.out_of_range',
      `La date « ${shown(raw)} » est hors de la période acceptée (années ${MIN_YEAR} à ${MAX_YEAR}).`,
      {
        message: `Date ${JSON.stringify(shown(raw))} out of range`,
        details: { value: shown(raw), year: date.year },
      },
    );
  }
  return date.toFormat('yyyy-MM-dd') as IsoDate;
}

function isMidnight(hour: string, minute: string, second: string | undefined, fraction: string | undefined) {
  return hour === '00' && minute === '00' && (second ?? '00') === '00' && /^0*$/.test(fraction ?? '');
}

/**
 * Reads a calendar date from any of the shapes listed in the module comment.
 * @param raw e.g. '2018-12-03', '2018-12-03+01:00', '2018-12-03T23:30:00Z', '03/12/2018'
 * @returns the day as `YYYY-MM-DD`, e.g. '2018-12-04' for '2018-12-03T23:30:00Z'
 * @throws DomainError `date.invalid` (unreadable, or no such day: 30/02/2019), `date.out_of_range`
 *   (year outside 1990–2100, e.g. DECP's 0218-10-29)
 * @example parseDateOnly('2018-12-03+01:00') // '2018-12-03'
 */
export function parseDateOnly(raw: string): IsoDate {
  const text = raw.trim();
  if (text === '') {
    throw new DomainError('date.invalid', 'La date est vide.', { message: 'Empty date' });
  }

  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    const [, year = '', month = '', day = ''] = dateOnly;
    return inRange(raw, calendarDay(raw, year, month, day));
  }

  const french = FRENCH.exec(text);
  if (french) {
    const [, day = '', month = '', year = ''] = french;
    return inRange(raw, calendarDay(raw, year, month, day));
  }

  const dateTime = DATE_TIME.exec(text);
  if (dateTime) {
    const [, year = '', month = '', day = '', hour = '', minute = '', second, fraction, offset] = dateTime;
    const calendar = calendarDay(raw, year, month, day);
    // Reading it with luxon checks the time too (25:00 is refused), in Paris when no offset is given.
    const instant = DateTime.fromISO(text.replace(' ', 'T').replace(',', '.'), { zone: PARIS_ZONE });
    if (!instant.isValid) {
      throw invalid(raw, "l'heure n'existe pas.");
    }
    if (offset === undefined || isMidnight(hour, minute, second, fraction)) {
      return inRange(raw, calendar);
    }
    return inRange(raw, instant);
  }

  throw invalid(raw, SHAPE_REASON);
}

/** Calendar date value object; `IsoDate.parse` is `parseDateOnly`. */
export const IsoDate = {
  /**
   * Same as `parseDateOnly`.
   * @param raw the value to read
   * @returns the day as `YYYY-MM-DD`
   * @throws DomainError `date.invalid`, `date.out_of_range`
   */
  parse(raw: string): IsoDate {
    return parseDateOnly(raw);
  },

  /**
   * Non-throwing `parse`.
   * @param raw the value to read
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with the codes of `parse`
   */
  tryParse(raw: string): ParseResult<IsoDate> {
    return tryParse(() => parseDateOnly(raw));
  },
};

/** Reads an `YYYY-MM-DD` value given to a formatter; anything else is a programming error. */
function isoDay(date: string): DateTime {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) {
    throw invalid(date, 'une date AAAA-MM-JJ est attendue.');
  }
  const [, year = '', month = '', day = ''] = match;
  return calendarDay(date, year, month, day).setLocale('fr');
}

/**
 * Writes a date in full, French style, with « 1er » for the first of the month (Lexique des règles
 * typographiques en usage à l'Imprimerie nationale).
 * @param date a day `YYYY-MM-DD` (an `IsoDate`)
 * @returns e.g. '3 décembre 2018', '1er janvier 2019'
 * @throws DomainError `date.invalid` when `date` is not a `YYYY-MM-DD` day
 */
export function formatFrenchDate(date: string): string {
  const day = isoDay(date);
  return day.day === 1 ? `1er ${day.toFormat('MMMM yyyy')}` : day.toFormat('d MMMM yyyy');
}

/**
 * Writes a date as JJ/MM/AAAA.
 * @param date a day `YYYY-MM-DD` (an `IsoDate`)
 * @returns e.g. '03/12/2018'
 * @throws DomainError `date.invalid` when `date` is not a `YYYY-MM-DD` day
 */
export function formatFrenchDateShort(date: string): string {
  return isoDay(date).toFormat('dd/MM/yyyy');
}

/**
 * Today's date in Paris, e.g. to date a publication or compare with a deadline.
 * @param now the instant to take the day of; defaults to the current time (pass one in tests)
 * @returns the day `YYYY-MM-DD` in Europe/Paris
 */
export function todayInParis(now: Date = new Date()): IsoDate {
  return DateTime.fromJSDate(now, { zone: PARIS_ZONE }).toFormat('yyyy-MM-dd') as IsoDate;
}
