import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MilestoneDates } from './check-planning.ts';
import { isoWithOffset } from './format.ts';
import type { PlanningOptions } from './planning.ts';
import { recomputePlanning } from './recompute-planning.ts';
import { computePlanning } from './retro-planning.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });
const aoo: PlanningOptions = {
  procedure: 'AOO',
  departement: null,
  electronic: true,
  pin: false,
  urgency: false,
};

/** The AOO plan notified 30 June 2026 (see retro-planning.test.ts for its arithmetic). */
function currentDates(): MilestoneDates {
  const plan = computePlanning(aoo, { from: 'notification', date: '2026-06-30' });
  return Object.fromEntries(plan.milestones.map((m) => [m.code, m.at]));
}

const summary = (changes: ReturnType<typeof recomputePlanning>['changes']) =>
  changes.map((c) => [
    c.code,
    c.before === null ? null : isoWithOffset(c.before),
    isoWithOffset(c.after),
    c.days,
  ]);

describe('recomputePlanning', () => {
  it('pushes the later milestones when the offers deadline moves a week later, and keeps the notice', () => {
    const result = recomputePlanning(aoo, currentDates(), {
      code: 'offersDeadline',
      at: at('2026-06-05T12:00'),
    });
    expect(summary(result.changes)).toEqual([
      ['offersDeadline', '2026-05-29T12:00:00+02:00', '2026-06-05T12:00:00+02:00', 7],
      // derived: 5 June − 6 = Saturday 30 May → Friday 29 May
      ['questionsDeadline', '2026-05-22T12:00:00+02:00', '2026-05-29T12:00:00+02:00', 7],
      ['offersOpening', '2026-05-29T14:00:00+02:00', '2026-06-05T14:00:00+02:00', 7],
      // 5 June + 21 = Friday 26 June; + 11 = Tuesday 7 July
      ['standstillStart', '2026-06-19T09:00:00+02:00', '2026-06-26T09:00:00+02:00', 7],
      ['notification', '2026-06-30T09:00:00+02:00', '2026-07-07T09:00:00+02:00', 7],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('pulls the notice back when the offers deadline moves earlier, and leaves the later milestones', () => {
    const result = recomputePlanning(aoo, currentDates(), {
      code: 'offersDeadline',
      at: at('2026-05-20T12:00'),
    });
    expect(summary(result.changes)).toEqual([
      ['offersDeadline', '2026-05-29T12:00:00+02:00', '2026-05-20T12:00:00+02:00', -9],
      ['sourcingStart', '2026-02-27T09:00:00+01:00', '2026-02-19T09:00:00+01:00', -8], // 20 April − 60
      ['publication', '2026-04-29T09:00:00+02:00', '2026-04-20T09:00:00+02:00', -9], // 20 May − 30
      // 20 May − 6 = Thursday 14 May (Ascension) → Wednesday 13 May
      ['questionsDeadline', '2026-05-22T12:00:00+02:00', '2026-05-13T12:00:00+02:00', -9],
    ]);
  });

  it('moves the offers deadline when a buyer gives later answers to questions than 6 days before it', () => {
    // Questions on Tuesday 26 May: the deadline must be on 1 June at the earliest, and what follows moves.
    const result = recomputePlanning(aoo, currentDates(), {
      code: 'questionsDeadline',
      at: at('2026-05-26T12:00'),
    });
    expect(summary(result.changes)).toEqual([
      ['questionsDeadline', '2026-05-22T12:00:00+02:00', '2026-05-26T12:00:00+02:00', 4],
      ['offersDeadline', '2026-05-29T12:00:00+02:00', '2026-06-01T12:00:00+02:00', 3],
      ['offersOpening', '2026-05-29T14:00:00+02:00', '2026-06-01T14:00:00+02:00', 3],
      ['standstillStart', '2026-06-19T09:00:00+02:00', '2026-06-22T09:00:00+02:00', 3], // 1 June + 21
      ['notification', '2026-06-30T09:00:00+02:00', '2026-07-03T09:00:00+02:00', 3], // 22 June + 11
    ]);
  });

  it('keeps a moved milestone where the buyer put it, and warns when it falls on a day not worked', () => {
    const result = recomputePlanning(aoo, currentDates(), {
      code: 'notification',
      at: at('2026-07-14T10:00'),
    });
    expect(summary(result.changes)).toEqual([
      ['notification', '2026-06-30T09:00:00+02:00', '2026-07-14T10:00:00+02:00', 14],
    ]);
    expect(result.warnings.map((w) => [w.code, w.milestone])).toEqual([['non_working_day', 'notification']]);
  });

  it('pulls the notice back far enough for a deadline set on a Saturday, and agrees with the check', () => {
    // Offers on Saturday 16 May 2026: 30 days counted from the notice must end on a working day no later than
    // that, Friday 15 May, so the notice goes back to Wednesday 15 April, not Thursday 16 April (whose 30 days
    // would end on the Saturday and run on to Monday 18 May, after the deadline).
    const result = recomputePlanning(aoo, currentDates(), {
      code: 'offersDeadline',
      at: at('2026-05-16T12:00'),
    });
    expect(isoWithOffset(result.milestones.find((m) => m.code === 'publication')!.at)).toBe(
      '2026-04-15T09:00:00+02:00',
    );
    expect(result.warnings.map((w) => [w.code, w.milestone])).toEqual([
      ['non_working_day', 'offersDeadline'],
    ]);
  });

  it('refuses a milestone the procedure does not have', () => {
    expect(() =>
      recomputePlanning(aoo, currentDates(), { code: 'applicationsDeadline', at: at('2026-05-01T12:00') }),
    ).toThrow(
      expect.objectContaining({
        code: 'planning.invalid_milestone',
        details: { field: 'move', value: 'applicationsDeadline' },
      }),
    );
  });
});
