import { describe, expect, it } from 'vitest';
import { planningToIcs } from './ical.ts';
import { computePlanning } from './retro-planning.ts';

/** Unfolds RFC 5545 content lines (a CRLF followed by a space continues the previous line). */
function unfold(text: string): string[] {
  return text
    .replace(/\r\n /g, '')
    .split('\r\n')
    .filter((line) => line !== '');
}

/** The VEVENTs of a calendar as property maps (parameters kept in the name, e.g. `DTSTART;TZID=…`). */
function events(text: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of unfold(text)) {
    if (line === 'BEGIN:VEVENT') {
      current = {};
    } else if (line === 'END:VEVENT' && current !== null) {
      found.push(current);
      current = null;
    } else if (current !== null) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return found;
}

describe('planningToIcs', () => {
  // AOO on paper from 2 March 2026: offers deadline Tuesday 7 April at noon (see retro-planning.test.ts).
  const plan = computePlanning(
    { procedure: 'AOO', departement: null, electronic: false, pin: false, urgency: false },
    { from: 'start', date: '2026-03-02' },
  );
  const text = planningToIcs(plan, new Date('2026-02-01T08:30:00Z'));

  it('writes a calendar with the Europe/Paris time zone and CRLF lines of at most 75 octets', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n');
    expect(text.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(text.indexOf('BEGIN:VEVENT'));
    for (const line of text.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    }
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('writes one event per milestone at its Paris wall-clock time, summer and winter alike', () => {
    const found = events(text);
    expect(found).toHaveLength(plan.milestones.length);
    const byUid = Object.fromEntries(found.map((e) => [e.UID, e]));
    const offers = byUid['AOO-offersDeadline-20260407T1200@amont']!;
    expect(offers['DTSTART;TZID=Europe/Paris']).toBe('20260407T120000');
    expect(offers['DTEND;TZID=Europe/Paris']).toBe('20260407T123000');
    expect(offers.SUMMARY).toBe('AOO – Date limite de réception des offres');
    expect(offers.DESCRIPTION).toContain('art. R2161-2');
    expect(offers.DTSTAMP).toBe('20260201T083000Z');
    expect(byUid['AOO-publication-20260302T0900@amont']!['DTSTART;TZID=Europe/Paris']).toBe(
      '20260302T090000',
    );
    for (const event of found) {
      expect(Object.keys(event)).toContain('DTSTART;TZID=Europe/Paris');
    }
  });
});
