import type { DateTime } from 'luxon';
import { formatFrenchDate, PARIS_ZONE } from '../shared/index.ts';

/**
 * How planning instants are written: ISO 8601 with the Paris offset for machines, French for people.
 */

/**
 * An instant as ISO 8601 with its Europe/Paris offset, seconds, no milliseconds.
 * @param at any instant
 * @returns e.g. '2026-04-07T12:00:00+02:00' (summer time) or '2026-03-02T09:00:00+01:00'
 */
export function isoWithOffset(at: DateTime): string {
  return at.setZone(PARIS_ZONE).toISO({ suppressMilliseconds: true }) ?? '';
}

/**
 * An instant in French, weekday first, with the time as French typography writes it.
 * @param at any instant (shown in Europe/Paris)
 * @returns e.g. 'lundi 6 avril 2026 à 12 h 00', 'mercredi 1er juillet 2026 à 9 h 00'
 */
export function formatFrenchDateTime(at: DateTime): string {
  const paris = at.setZone(PARIS_ZONE).setLocale('fr');
  return `${formatFrenchDay(paris)} à ${paris.hour} h ${paris.toFormat('mm')}`;
}

/**
 * A day in French, weekday first.
 * @param at any instant (its day in Europe/Paris)
 * @returns e.g. 'mardi 14 juillet 2026', 'vendredi 1er mai 2026'
 */
export function formatFrenchDay(at: DateTime): string {
  const paris = at.setZone(PARIS_ZONE).setLocale('fr');
  return `${paris.toFormat('cccc')} ${formatFrenchDate(paris.toFormat('yyyy-MM-dd'))}`;
}

/**
 * Calendar days between the days of two instants in Paris (not 24-hour periods, so a daylight-saving
 * change in between does not round a day away).
 * @param from the earlier instant
 * @param to the later instant
 * @returns e.g. 35 from 2 March to 6 April 2026; negative when `to` is earlier
 */
export function calendarDaysBetween(from: DateTime, to: DateTime): number {
  const a = from.setZone(PARIS_ZONE).startOf('day');
  const b = to.setZone(PARIS_ZONE).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}
