import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { holidayOn, isWorkingDay, nextWorkingDay, previousWorkingDay, publicHolidays } from './holidays.ts';

const day = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });

describe('French public holidays', () => {
  it('lists the eleven national holidays of 2026, Easter-based ones included', () => {
    // Easter 2026 is Sunday 5 April: Easter Monday +1 day, Ascension +39, Whit Monday +50.
    expect(publicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: "Jour de l'an" },
      { date: '2026-04-06', name: 'Lundi de Pâques' },
      { date: '2026-05-01', name: 'Fête du travail' },
      { date: '2026-05-08', name: 'Victoire des alliés' },
      { date: '2026-05-14', name: 'Ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte' },
      { date: '2026-07-14', name: 'Fête Nationale' },
      { date: '2026-08-15', name: 'Assomption' },
      { date: '2026-11-01', name: 'Toussaint' },
      { date: '2026-11-11', name: 'Armistice' },
      { date: '2026-12-25', name: 'Noël' },
    ]);
  });

  it('adds Vendredi saint (Easter − 2 days) and 26 December in Moselle, Bas-Rhin and Haut-Rhin only', () => {
    for (const departement of ['57', '67', '68']) {
      const dates = publicHolidays(2026, departement).map((h) => h.date);
      expect(dates, departement).toHaveLength(13);
      expect(dates).toContain('2026-04-03');
      expect(dates).toContain('2026-12-26');
    }
    for (const departement of [null, '75', '54', '88', '974']) {
      expect(holidayOn(day('2026-04-03'), departement), String(departement)).toBeNull();
      expect(holidayOn(day('2026-12-26'), departement)).toBeNull();
    }
    expect(holidayOn(day('2026-04-03'), '67')).toBe('Vendredi Saint');
  });

  it('tells working days from weekends and holidays', () => {
    expect(isWorkingDay(day('2026-07-13'))).toBe(true); // Monday
    expect(isWorkingDay(day('2026-07-14'))).toBe(false); // Fête nationale, a Tuesday
    expect(isWorkingDay(day('2026-07-18'))).toBe(false); // Saturday
    expect(isWorkingDay(day('2025-12-26'))).toBe(true); // Friday, outside Alsace-Moselle
    expect(isWorkingDay(day('2025-12-26'), '68')).toBe(false);
  });

  it('moves a deadline to the next working day, and a backward date to the previous one', () => {
    // Friday 1 May 2026 is a holiday, then a weekend: Monday 4 May.
    expect(nextWorkingDay(day('2026-05-01')).toISODate()).toBe('2026-05-04');
    // In Alsace, Good Friday 3 April, the weekend and Easter Monday 6 April: Tuesday 7 April.
    expect(nextWorkingDay(day('2026-04-03'), '57').toISODate()).toBe('2026-04-07');
    expect(nextWorkingDay(day('2026-04-03'), '75').toISODate()).toBe('2026-04-03');
    // Backwards from Sunday 3 January 2027: Saturday 2, Friday 1 (Jour de l'an), Thursday 31 December.
    expect(previousWorkingDay(day('2027-01-03')).toISODate()).toBe('2026-12-31');
  });

  it('keeps the wall-clock time when it moves across a daylight-saving change', () => {
    // Saturday 28 March 2026, noon in winter time; Monday 30 March is in summer time.
    const moved = nextWorkingDay(day('2026-03-28T12:00'));
    expect(moved.toISO({ suppressMilliseconds: true })).toBe('2026-03-30T12:00:00+02:00');
  });
});
