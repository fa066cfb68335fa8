import { describe, expect, it } from 'vitest';
import { checkPlanning, type MilestoneDates } from './check-planning.ts';
import { isoWithOffset } from './format.ts';
import type { Planning, PlanningOptions } from './planning.ts';
import { computePlanning } from './retro-planning.ts';
import { PROCEDURE_CODES, type ProcedureCode } from './rules.ts';

/**
 * Expected dates are worked out by hand from rules.ts (calendar days, the day of the event not counted,
 * backwards: latest working day; forwards: next working day), with the 2026–2027 holidays: Easter
 * Monday 6 April 2026 and 29 March 2027, 1 May, Ascension 14 May 2026, Whit Monday 25 May 2026, 14 July,
 * Toussaint 1 November, 11 November, Christmas, 1 January; Alsace-Moselle adds Good Friday and 26 December.
 * Paris is +01:00 in winter and +02:00 from the last Sunday of March (29 March 2026, 28 March 2027) to the
 * last Sunday of October (25 October 2026).
 */

const options = (procedure: ProcedureCode, extra: Partial<PlanningOptions> = {}): PlanningOptions => ({
  procedure,
  departement: null,
  electronic: true,
  pin: false,
  urgency: false,
  ...extra,
});

const datesOf = (plan: Planning) =>
  Object.fromEntries(plan.milestones.map((m) => [m.code, isoWithOffset(m.at)]));

describe('computePlanning backwards from a target notification', () => {
  it('plans an open call for tenders (AOO), electronic, notified Tuesday 30 June 2026', () => {
    const plan = computePlanning(options('AOO'), { from: 'notification', date: '2026-06-30' });
    expect(plan.mode).toBe('backward');
    expect(datesOf(plan)).toEqual({
      // publication − 60 = Saturday 28 February → Friday 27 February (winter time)
      sourcingStart: '2026-02-27T09:00:00+01:00',
      // offers deadline − 30 days (35 − 5 for electronic submission, R2161-3 2°) = Wednesday 29 April
      publication: '2026-04-29T09:00:00+02:00',
      // offers deadline − 6 (R2132-6) = Saturday 23 May → Friday 22 May
      questionsDeadline: '2026-05-22T12:00:00+02:00',
      // standstill start − 21 (analysis, recommendation) = Friday 29 May, noon
      offersDeadline: '2026-05-29T12:00:00+02:00',
      offersOpening: '2026-05-29T14:00:00+02:00',
      // notification − 11 (R2182-1, electronic) = Friday 19 June
      standstillStart: '2026-06-19T09:00:00+02:00',
      notification: '2026-06-30T09:00:00+02:00',
    });
    const offers = plan.milestones.find((m) => m.code === 'offersDeadline')!;
    expect(offers).toMatchObject({
      article: 'R2161-3 2°',
      basis: 'legal',
      days: 30,
      reference: 'publication',
    });
    expect(plan.milestones.find((m) => m.code === 'questionsDeadline')!.shiftedFrom).toEqual({
      date: '2026-05-23',
      reason: 'samedi',
    });
    expect(plan.warnings).toEqual([]);
  });

  it('crosses the end of summer time: AOO notified Monday 16 November 2026', () => {
    const plan = computePlanning(options('AOO'), { from: 'notification', date: '2026-11-16' });
    expect(datesOf(plan)).toEqual({
      sourcingStart: '2026-07-17T09:00:00+02:00', // 15 September − 60 (15 + 31 + 14) = Friday 17 July
      publication: '2026-09-15T09:00:00+02:00', // 15 October − 30
      questionsDeadline: '2026-10-09T12:00:00+02:00', // 15 October − 6
      offersDeadline: '2026-10-15T12:00:00+02:00', // 5 November − 21, before 25 October: +02:00
      offersOpening: '2026-10-15T14:00:00+02:00',
      standstillStart: '2026-11-05T09:00:00+01:00', // 16 November − 11, after 25 October: +01:00
      notification: '2026-11-16T09:00:00+01:00',
    });
  });

  it('plans a restricted call for tenders (AOR) notified Monday 14 December 2026', () => {
    const plan = computePlanning(options('AOR'), { from: 'notification', date: '2026-12-14' });
    expect(datesOf(plan)).toEqual({
      sourcingStart: '2026-07-06T09:00:00+02:00', // 4 September − 60 (4 + 31 + 25) = Monday 6 July
      publication: '2026-09-04T09:00:00+02:00', // 6 October − 30 (R2161-6) = Sunday 6 September → Friday 4
      applicationsDeadline: '2026-10-06T12:00:00+02:00', // 16 October − 10 (selection, recommendation)
      invitationToTender: '2026-10-16T09:00:00+02:00', // 12 November − 25 (R2161-8 2°) = Sunday 18 → Friday 16
      questionsDeadline: '2026-11-06T12:00:00+01:00', // 12 November − 6
      offersDeadline: '2026-11-12T12:00:00+01:00', // 3 December − 21
      offersOpening: '2026-11-12T14:00:00+01:00',
      standstillStart: '2026-12-03T09:00:00+01:00', // 14 December − 11
      notification: '2026-12-14T09:00:00+01:00',
    });
  });

  it('plans a competitive procedure with negotiation (PCN) notified Monday 15 March 2027', () => {
    const plan = computePlanning(options('PCN'), { from: 'notification', date: '2027-03-15' });
    expect(datesOf(plan)).toEqual({
      sourcingStart: '2026-09-14T09:00:00+02:00', // 13 November − 60
      publication: '2026-11-13T09:00:00+01:00', // 14 December − 30 (R2161-12) = Saturday 14 November → Friday 13
      applicationsDeadline: '2026-12-14T12:00:00+01:00', // 24 December − 10
      invitationToTender: '2026-12-24T09:00:00+01:00', // 18 January − 25 (R2161-15 2°)
      questionsDeadline: '2027-01-12T12:00:00+01:00', // 18 January − 6
      offersDeadline: '2027-01-18T12:00:00+01:00', // 4 March − 45 (negotiation, recommendation)
      offersOpening: '2027-01-18T14:00:00+01:00',
      standstillStart: '2027-03-04T09:00:00+01:00', // 15 March − 11
      notification: '2027-03-15T09:00:00+01:00',
    });
    expect(plan.milestones.find((m) => m.code === 'offersDeadline')!.label).toBe(
      'Date limite de réception des offres initiales',
    );
  });

  it('plans a competitive dialogue (DC) notified Monday 14 June 2027, skipping Toussaint and New Year', () => {
    const plan = computePlanning(options('DC'), { from: 'notification', date: '2027-06-14' });
    expect(datesOf(plan)).toEqual({
      // 31 December − 60 = Sunday 1 November (Toussaint) → Saturday → Friday 30 October
      sourcingStart: '2026-10-30T09:00:00+01:00',
      // 2 February − 30 (R2161-24) = Sunday 3 January → Saturday 2 → Friday 1 (Jour de l'an) → Thursday 31 December
      publication: '2026-12-31T09:00:00+01:00',
      applicationsDeadline: '2027-02-02T12:00:00+01:00', // 12 February − 10
      invitationToTender: '2027-02-12T09:00:00+01:00', // 13 April − 60 (dialogue, recommendation)
      dialogueEnd: '2027-04-13T09:00:00+02:00', // 4 May − 21 (final offers, recommendation)
      questionsDeadline: '2027-04-28T12:00:00+02:00', // 4 May − 6
      offersDeadline: '2027-05-04T12:00:00+02:00', // 3 June − 30 (analysis, recommendation)
      offersOpening: '2027-05-04T14:00:00+02:00',
      standstillStart: '2027-06-03T09:00:00+02:00', // 14 June − 11
      notification: '2027-06-14T09:00:00+02:00',
    });
  });

  it('plans an innovation partnership (PI) notified Monday 14 June 2027', () => {
    const plan = computePlanning(options('PI'), { from: 'notification', date: '2027-06-14' });
    expect(datesOf(plan)).toEqual({
      sourcingStart: '2026-11-13T09:00:00+01:00', // 12 February − 90 = Saturday 14 November → Friday 13
      publication: '2027-02-12T09:00:00+01:00', // 15 March − 30 = Saturday 13 February → Friday 12
      applicationsDeadline: '2027-03-15T12:00:00+01:00', // 25 March − 10
      invitationToTender: '2027-03-25T09:00:00+01:00', // 19 April − 25
      questionsDeadline: '2027-04-13T12:00:00+02:00', // 19 April − 6
      offersDeadline: '2027-04-19T12:00:00+02:00', // 3 June − 45
      offersOpening: '2027-04-19T14:00:00+02:00',
      standstillStart: '2027-06-03T09:00:00+02:00',
      notification: '2027-06-14T09:00:00+02:00',
    });
  });

  it('plans a MAPA notified Wednesday 1 July 2026 with recommended durations only', () => {
    const plan = computePlanning(options('MAPA'), { from: 'notification', date: '2026-07-01' });
    expect(datesOf(plan)).toEqual({
      sourcingStart: '2026-04-13T09:00:00+02:00', // 13 May − 30
      publication: '2026-05-13T09:00:00+02:00', // 4 June − 21 = Thursday 14 May (Ascension) → Wednesday 13
      questionsDeadline: '2026-05-29T12:00:00+02:00', // 4 June − 6
      offersDeadline: '2026-06-04T12:00:00+02:00', // 19 June − 15
      offersOpening: '2026-06-04T14:00:00+02:00',
      standstillStart: '2026-06-19T09:00:00+02:00', // 1 July − 11 = Saturday 20 June → Friday 19
      notification: '2026-07-01T09:00:00+02:00',
    });
    expect(plan.milestones.filter((m) => m.basis === 'legal')).toEqual([]);
    expect(plan.warnings.map((w) => [w.code, w.article])).toEqual([['no_legal_minimum', 'R2151-1']]);
  });

  it('plans a purchase without publicity (PNSPMC) notified Friday 29 May 2026', () => {
    const plan = computePlanning(options('PNSPMC'), { from: 'notification', date: '2026-05-29' });
    expect(datesOf(plan)).toEqual({
      sourcingStart: '2026-04-10T09:00:00+02:00', // 12 May − 30 = Sunday 12 April → Friday 10
      quoteRequest: '2026-05-12T09:00:00+02:00', // 22 May − 10
      offersDeadline: '2026-05-22T12:00:00+02:00', // 29 May − 7
      notification: '2026-05-29T09:00:00+02:00',
    });
    expect(plan.milestones[1]).toMatchObject({ basis: 'start', article: 'R2122-8, R2122-9-1' });
  });

  it('moves a target notification on a holiday to the previous working day, with a notice', () => {
    // Tuesday 14 July 2026 → Monday 13 July.
    const plan = computePlanning(options('AOO'), { from: 'notification', date: '2026-07-14' });
    expect(datesOf(plan).notification).toBe('2026-07-13T09:00:00+02:00');
    expect(plan.warnings[0]).toMatchObject({ code: 'target_moved', milestone: 'notification' });
    expect(plan.warnings[0]!.message).toContain('mardi 14 juillet 2026');
  });

  it('warns when the computed launch is already past', () => {
    const plan = computePlanning(options('AOO'), { from: 'notification', date: '2026-06-30' }, '2026-05-01');
    expect(plan.warnings.map((w) => w.code)).toEqual(['start_in_past']);
    expect(plan.warnings[0]!.message).toContain('mercredi 29 avril 2026 à 9 h 00');
    const inTime = computePlanning(
      options('AOO'),
      { from: 'notification', date: '2026-06-30' },
      '2026-04-29',
    );
    expect(inTime.warnings).toEqual([]);
  });
});

describe('computePlanning forwards from a start date', () => {
  it('crosses the start of summer time and Easter Monday: AOO on paper from Monday 2 March 2026', () => {
    const plan = computePlanning(options('AOO', { electronic: false }), {
      from: 'start',
      date: '2026-03-02',
    });
    expect(plan.mode).toBe('forward');
    expect(datesOf(plan)).toEqual({
      sourcingStart: '2025-12-31T09:00:00+01:00', // 2 March − 60 = 1 January (holiday) → 31 December
      publication: '2026-03-02T09:00:00+01:00',
      questionsDeadline: '2026-04-01T12:00:00+02:00', // 7 April − 6
      // 2 March + 35 (R2161-2, no electronic reduction) = Monday 6 April, Easter Monday → Tuesday 7
      offersDeadline: '2026-04-07T12:00:00+02:00',
      offersOpening: '2026-04-07T14:00:00+02:00',
      standstillStart: '2026-04-28T09:00:00+02:00', // 7 April + 21
      notification: '2026-05-15T09:00:00+02:00', // 28 April + 16 (paper, R2182-1) = 14 May (Ascension) → 15
    });
    const offers = plan.milestones.find((m) => m.code === 'offersDeadline')!;
    expect(offers).toMatchObject({ article: 'R2161-2', days: 35 });
    expect(offers.shiftedFrom).toEqual({ date: '2026-04-06', reason: 'jour férié : Lundi de Pâques' });
    expect(plan.warnings.map((w) => [w.code, w.article])).toEqual([['not_electronic', 'R2132-7']]);
  });

  it('moves a deadline on 14 July to 15 July (AOO on paper from Tuesday 9 June 2026: + 35)', () => {
    const plan = computePlanning(options('AOO', { electronic: false }), {
      from: 'start',
      date: '2026-06-09',
    });
    expect(datesOf(plan).offersDeadline).toBe('2026-07-15T12:00:00+02:00');
  });

  it('moves a deadline on Friday 1 May past the weekend (AOO electronic from Wednesday 1 April: + 30)', () => {
    const plan = computePlanning(options('AOO'), { from: 'start', date: '2026-04-01' });
    expect(datesOf(plan).offersDeadline).toBe('2026-05-04T12:00:00+02:00');
  });

  it('treats Good Friday as a holiday only in Alsace-Moselle (AOO electronic from 4 March 2026: + 30)', () => {
    const elsewhere = computePlanning(options('AOO', { departement: '75' }), {
      from: 'start',
      date: '2026-03-04',
    });
    expect(datesOf(elsewhere).offersDeadline).toBe('2026-04-03T12:00:00+02:00');
    // In Bas-Rhin: Good Friday 3, weekend, Easter Monday 6 → Tuesday 7 April.
    const alsace = computePlanning(options('AOO', { departement: '67' }), {
      from: 'start',
      date: '2026-03-04',
    });
    expect(datesOf(alsace).offersDeadline).toBe('2026-04-07T12:00:00+02:00');
  });

  it('treats 26 December as a holiday only in Alsace-Moselle (AOO electronic from 26 November 2025: + 30)', () => {
    const elsewhere = computePlanning(options('AOO'), { from: 'start', date: '2025-11-26' });
    expect(datesOf(elsewhere).offersDeadline).toBe('2025-12-26T12:00:00+01:00');
    const moselle = computePlanning(options('AOO', { departement: '57' }), {
      from: 'start',
      date: '2025-11-26',
    });
    expect(datesOf(moselle).offersDeadline).toBe('2025-12-29T12:00:00+01:00');
  });

  it('shortens an AOO to 15 days with a PIN, and places the PIN 35 days before the notice', () => {
    const plan = computePlanning(options('AOO', { pin: true }), { from: 'start', date: '2026-09-07' });
    const dates = datesOf(plan);
    expect(dates.priorInformationNotice).toBe('2026-08-03T09:00:00+02:00'); // 7 September − 35
    expect(dates.offersDeadline).toBe('2026-09-22T12:00:00+02:00'); // 7 September + 15 (R2161-3 1°)
    expect(dates.questionsDeadline).toBe('2026-09-16T12:00:00+02:00'); // 22 − 6
    expect(plan.milestones.find((m) => m.code === 'offersDeadline')!.article).toBe('R2161-3 1°');
  });

  it('shortens an AOO to 15 days in urgency, with answers 4 days before (R2132-6)', () => {
    const plan = computePlanning(options('AOO', { urgency: true }), { from: 'start', date: '2026-09-07' });
    const dates = datesOf(plan);
    expect(dates.offersDeadline).toBe('2026-09-22T12:00:00+02:00'); // 7 + 15 (R2161-3 3°)
    expect(dates.questionsDeadline).toBe('2026-09-18T12:00:00+02:00'); // 22 − 4
    expect(plan.warnings.find((w) => w.code === 'urgency_justification')!.article).toBe('R2161-3 3°');
  });

  it('shortens an AOR in urgency: candidatures 15 days, offers 10 days', () => {
    const plan = computePlanning(options('AOR', { urgency: true }), { from: 'start', date: '2026-09-07' });
    const dates = datesOf(plan);
    expect(dates.applicationsDeadline).toBe('2026-09-22T12:00:00+02:00'); // 7 + 15 (R2161-6)
    expect(dates.invitationToTender).toBe('2026-10-02T09:00:00+02:00'); // 22 + 10
    expect(dates.offersDeadline).toBe('2026-10-12T12:00:00+02:00'); // 2 October + 10 (R2161-8 3°)
    expect(dates.questionsDeadline).toBe('2026-10-08T12:00:00+02:00'); // 12 − 4
  });

  it('shortens AOR offers to 10 days with a PIN, not the candidatures', () => {
    const plan = computePlanning(options('AOR', { pin: true }), { from: 'start', date: '2026-09-07' });
    const dates = datesOf(plan);
    expect(dates.applicationsDeadline).toBe('2026-10-07T12:00:00+02:00'); // 7 September + 30
    expect(dates.invitationToTender).toBe('2026-10-19T09:00:00+02:00'); // 7 October + 10 = Saturday 17 → Monday 19
    expect(dates.offersDeadline).toBe('2026-10-29T12:00:00+01:00'); // 19 + 10 (R2161-8 1°)
  });

  it('keeps 30 days for PI candidatures in urgency but shortens its offers to 10', () => {
    const plan = computePlanning(options('PI', { urgency: true }), { from: 'start', date: '2026-09-07' });
    const dates = datesOf(plan);
    expect(dates.applicationsDeadline).toBe('2026-10-07T12:00:00+02:00'); // + 30, R2172-28
    expect(dates.offersDeadline).toBe('2026-10-29T12:00:00+01:00'); // 19 October + 10
    expect(dates.questionsDeadline).toBe('2026-10-23T12:00:00+02:00'); // 29 − 4 = Sunday 25 → Friday 23
  });

  it('says a PIN or urgency changes nothing in a competitive dialogue', () => {
    const plan = computePlanning(options('DC', { pin: true, urgency: true }), {
      from: 'start',
      date: '2026-09-07',
    });
    expect(plan.warnings.map((w) => w.code)).toEqual(['urgency_not_applicable', 'pin_not_applicable']);
    expect(datesOf(plan).applicationsDeadline).toBe('2026-10-07T12:00:00+02:00');
  });
});

describe('computed plans pass the check mode', () => {
  it('breaks no minimum and no order, for every procedure and situation, backwards and forwards', () => {
    for (const procedure of PROCEDURE_CODES) {
      for (const electronic of [true, false]) {
        for (const pin of [true, false]) {
          for (const urgency of [true, false]) {
            const situation = options(procedure, { electronic, pin, urgency, departement: '68' });
            for (const anchor of [
              { from: 'notification' as const, date: '2026-12-28' },
              { from: 'start' as const, date: '2026-03-27' },
            ]) {
              const plan = computePlanning(situation, anchor);
              const dates: MilestoneDates = Object.fromEntries(plan.milestones.map((m) => [m.code, m.at]));
              const label = `${procedure} ${anchor.from} e=${electronic} p=${pin} u=${urgency}`;
              expect(checkPlanning(situation, dates), label).toEqual([]);
              const instants = plan.milestones.map((m) => m.at.toMillis());
              expect(instants, label).toEqual([...instants].sort((a, b) => a - b));
            }
          }
        }
      }
    }
  });
});
