import joursFeries from '@socialgouv/jours-feries';
import type { DateTime } from 'luxon';

/**
 * French public holidays and the working-day rule used to place procurement deadlines.
 *
 * - Holidays come from `@socialgouv/jours-feries` (the eleven national holidays of code du travail
 *   art. L3133-1, Easter-based ones computed). In the three départements of Alsace-Moselle (Moselle 57,
 *   Bas-Rhin 67, Haut-Rhin 68) Vendredi saint and the 26 December are holidays too (code du travail
 *   art. L3134-13): the package's `alsace` option adds exactly those two.
 * - A working day (« jour ouvré ») is a Monday to Friday that is not a public holiday.
 * - Next-working-day rule: a period expressed in days whose last day is a Saturday, a Sunday or a public
 *   holiday ends at the end of the following working day (règlement (CEE, Euratom) n° 1182/71 of 3 June
 *   1971, art. 3 § 4, which governs the time limits of the procurement directives).
 * - Assumption: overseas départements keep the metropolitan list here (their own abolition-of-slavery
 *   holiday is not in the package) and dates stay in Europe/Paris time.
 *
 * Days are luxon `DateTime`s in Europe/Paris; only their calendar day matters in this module.
 */

/** Départements of Alsace-Moselle, where Vendredi saint and the 26 December are public holidays. */
export const ALSACE_MOSELLE_DEPARTEMENTS: readonly string[] = ['57', '67', '68'];

/** A public holiday: its day (`YYYY-MM-DD`) and its French name as the package spells it. */
export interface PublicHoliday {
  date: string;
  name: string;
}

const cache = new Map<string, Map<string, string>>();

/**
 * Whether a département follows the local law of Alsace-Moselle.
 * @param departement a COG département code, or null/undefined when unknown
 * @returns true for 57, 67 and 68
 */
export function isAlsaceMoselle(departement: string | null | undefined): boolean {
  return departement != null && ALSACE_MOSELLE_DEPARTEMENTS.includes(departement);
}

function holidaysOf(year: number, alsace: boolean): Map<string, string> {
  const key = `${year}:${alsace}`;
  let days = cache.get(key);
  if (days === undefined) {
    days = new Map();
    for (const [name, date] of Object.entries(joursFeries(year, { alsace }))) {
      // The package builds each Date with the local-time constructor: local getters give the day back
      // whatever the machine's time zone.
      const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
      days.set(day, name);
    }
    cache.set(key, days);
  }
  return days;
}

/**
 * The public holidays of a year, in date order.
 * @param year e.g. 2026
 * @param departement COG code of the buyer's département; 57, 67 and 68 add Alsace-Moselle's two days
 * @returns e.g. `[{ date: '2026-01-01', name: "Jour de l'an" }, …]` (11 days, or 13 in Alsace-Moselle)
 */
export function publicHolidays(year: number, departement?: string | null): PublicHoliday[] {
  return [...holidaysOf(year, isAlsaceMoselle(departement)).entries()]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * The holiday falling on a day, if any.
 * @param day any instant; its calendar day in its own zone is used
 * @param departement COG code (Alsace-Moselle adds two days)
 * @returns the holiday's name, e.g. 'Fête Nationale', or null
 */
export function holidayOn(day: DateTime, departement?: string | null): string | null {
  return holidaysOf(day.year, isAlsaceMoselle(departement)).get(day.toFormat('yyyy-MM-dd')) ?? null;
}

/**
 * Why a day is not worked, in French, or null for a working day.
 * @param day any instant (its calendar day is used)
 * @param departement COG code
 * @returns e.g. 'samedi', 'dimanche', 'jour férié : Lundi de Pâques', or null
 */
export function nonWorkingReason(day: DateTime, departement?: string | null): string | null {
  const holiday = holidayOn(day, departement);
  if (holiday !== null) {
    return `jour férié : ${holiday}`;
  }
  if (day.weekday === 6) {
    return 'samedi';
  }
  return day.weekday === 7 ? 'dimanche' : null;
}

/**
 * Whether a day is a working day: Monday to Friday and not a public holiday.
 * @param day any instant (its calendar day is used)
 * @param departement COG code
 * @returns true for a « jour ouvré »
 */
export function isWorkingDay(day: DateTime, departement?: string | null): boolean {
  return nonWorkingReason(day, departement) === null;
}

/**
 * The day itself when it is worked, otherwise the next working day (same time of day, in calendar days
 * so the wall-clock time survives a daylight-saving change). Used for deadlines computed forward.
 * @param day the computed last day of a period
 * @param departement COG code
 * @returns the same or a later day
 */
export function nextWorkingDay(day: DateTime, departement?: string | null): DateTime {
  let current = day;
  while (!isWorkingDay(current, departement)) {
    current = current.plus({ days: 1 });
  }
  return current;
}

/**
 * The day itself when it is worked, otherwise the previous working day. Used when planning backwards:
 * moving a milestone earlier keeps every minimum delay that follows it.
 * @param day the latest acceptable day
 * @param departement COG code
 * @returns the same or an earlier day
 */
export function previousWorkingDay(day: DateTime, departement?: string | null): DateTime {
  let current = day;
  while (!isWorkingDay(current, departement)) {
    current = current.minus({ days: 1 });
  }
  return current;
}
