import ical from 'ical-generator';
import type { DateTime } from 'luxon';
import { PARIS_ZONE } from '../shared/index.ts';
import type { Planning } from './planning.ts';
import { PROCEDURES } from './rules.ts';

/**
 * iCalendar export (RFC 5545) of a plan, one VEVENT per milestone, with `DTSTART;TZID=Europe/Paris`
 * so that calendars show the legal Paris time whatever their own zone.
 *
 * ical-generator writes the events; the VTIMEZONE component that RFC 5545 § 3.6.5 requires for the
 * TZID is added here (the library only writes one through a calendar-wide time zone, which also writes
 * DTSTAMP in local time, while § 3.8.7.2 wants it in UTC). Its rules are France's since 1996: summer time
 * from the last Sunday of March at 02:00 to the last Sunday of October at 03:00.
 */

const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** Duration given to each milestone's event, in minutes. */
export const EVENT_MINUTES = 30;

/** What the calendar is about, when it is a purchase project's plan. */
export interface IcsSubject {
  /** the calendar's name and each event's summary prefix, e.g. the project's title */
  title: string;
  /** stable part of each event's UID, e.g. 'projet-42': importing the file again updates the events */
  uid: string;
  /** SEQUENCE of every event (RFC 5545 § 3.8.7.4), growing with each change of the plan, so that calendars
   *  apply an update of an event they already hold */
  sequence: number;
}

/**
 * The plan as an iCalendar file.
 * @param planning a computed plan
 * @param now the DTSTAMP instant (pass one in tests); defaults to the current time
 * @param subject a project's title and UID stem; without it, the calculator's (procedure code and dates)
 * @returns the `text/calendar` content, CRLF line endings
 */
export function planningToIcs(planning: Planning, now: Date = new Date(), subject?: IcsSubject): string {
  const procedure = PROCEDURES[planning.options.procedure];
  const calendar = ical({
    prodId: { company: 'Amont', product: 'retroplanning', language: 'FR' },
    name: subject ? `Rétroplanning – ${subject.title}` : `Rétroplanning – ${procedure.label}`,
  });
  for (const milestone of planning.milestones) {
    const source =
      milestone.article !== null
        ? ` Code de la commande publique, art. ${milestone.article}.`
        : /recommandation Amont/i.test(milestone.rule)
          ? ''
          : ' Recommandation Amont.';
    calendar.createEvent({
      id: subject
        ? `${subject.uid}-${milestone.code}@amont`
        : `${procedure.code}-${milestone.code}-${stamp(milestone.at)}@amont`,
      start: milestone.at.setZone(PARIS_ZONE),
      end: milestone.at.setZone(PARIS_ZONE).plus({ minutes: EVENT_MINUTES }),
      timezone: PARIS_ZONE,
      stamp: now,
      summary: `${subject ? subject.title : procedure.code} – ${milestone.label}`,
      description: `${milestone.rule}.${source}`,
      ...(subject ? { sequence: subject.sequence } : {}),
    });
  }
  const text = calendar.toString();
  const firstEvent = text.indexOf('BEGIN:VEVENT');
  const at = firstEvent === -1 ? text.indexOf('END:VCALENDAR') : firstEvent;
  return `${text.slice(0, at)}${PARIS_VTIMEZONE}\r\n${text.slice(at)}`;
}

function stamp(at: DateTime): string {
  return at.setZone(PARIS_ZONE).toFormat("yyyyMMdd'T'HHmm");
}
