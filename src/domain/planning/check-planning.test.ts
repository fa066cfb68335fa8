import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkPlanning } from './check-planning.ts';
import type { PlanningOptions } from './planning.ts';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });
const aoo: PlanningOptions = {
  procedure: 'AOO',
  departement: null,
  electronic: true,
  pin: false,
  urgency: false,
};

describe('checkPlanning (buyer-set dates)', () => {
  it('warns when questions close after the offers deadline and the opening comes before it on the same day', () => {
    const warnings = checkPlanning(aoo, {
      publication: at('2026-04-29T09:00'),
      questionsDeadline: at('2026-05-29T13:00'),
      offersDeadline: at('2026-05-29T12:00'),
      offersOpening: at('2026-05-29T11:00'),
    });
    expect(warnings.map((w) => [w.code, w.milestone])).toEqual([
      ['order', 'offersOpening'],
      ['order', 'questionsDeadline'],
    ]);
    expect(warnings[0]!.message).toBe(
      '« Ouverture des plis » (vendredi 29 mai 2026 à 11 h 00) doit venir après « Date limite de réception ' +
        'des offres » (vendredi 29 mai 2026 à 12 h 00) : même jour, mais à une heure antérieure ou égale.',
    );
    expect(warnings[1]).toMatchObject({ severity: 'warning', article: 'R2132-6' });
  });

  it('notes a notice sent on a Sunday, as it does for deadlines', () => {
    const warnings = checkPlanning(aoo, {
      publication: at('2026-05-03T09:00'),
      offersDeadline: at('2026-06-03T12:00'),
    });
    expect(warnings.map((w) => [w.code, w.severity, w.milestone])).toEqual([
      ['non_working_day', 'info', 'publication'],
    ]);
  });

  it('says the delay runs on to the next working day when 30 full days end on a Saturday', () => {
    // Notice Thursday 21 May 2026 + 30 days = Saturday 20 June: the delay runs on to Monday 22 June.
    const warnings = checkPlanning(aoo, {
      publication: at('2026-05-21T09:00'),
      offersDeadline: at('2026-06-20T12:00'),
    });
    expect(warnings.find((w) => w.code === 'legal_minimum')?.message).toBe(
      '« Date limite de réception des offres » (samedi 20 juin 2026 à 12 h 00) : le délai de 30 jours depuis ' +
        'l’étape précédente expire un jour non ouvré et court jusqu’au jour ouvré suivant. Au plus tôt : ' +
        'lundi 22 juin 2026 à 12 h 00.',
    );
  });

  it('accepts an opening one minute after the deadline, and flags one at the very same minute', () => {
    const base = { offersDeadline: at('2026-05-29T12:00') };
    expect(checkPlanning(aoo, { ...base, offersOpening: at('2026-05-29T12:01') })).toEqual([]);
    expect(checkPlanning(aoo, { ...base, offersOpening: at('2026-05-29T12:00') }).map((w) => w.code)).toEqual(
      ['order'],
    );
  });

  it('names the legal minimum and its article when the offers deadline is too close to the notice', () => {
    // 29 April + 28 days = 27 May: 2 days short of the 30 days of R2161-3 2°.
    const [warning, ...rest] = checkPlanning(aoo, {
      publication: at('2026-04-29T09:00'),
      offersDeadline: at('2026-05-27T12:00'),
    });
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({
      code: 'legal_minimum',
      milestone: 'offersDeadline',
      article: 'R2161-3 2°',
    });
    expect(warning!.message).toContain('est à 28 jours');
    expect(warning!.message).toContain('le minimum légal est de 30 jours');
    expect(warning!.message).toContain('Au plus tôt : vendredi 29 mai 2026 à 12 h 00');
  });

  it('applies the next-working-day rule: a deadline on 1 May cuts a 30-day period ending that day', () => {
    // Notice Wednesday 1 April + 30 = Friday 1 May (holiday) → the period runs to Monday 4 May.
    const warnings = checkPlanning(aoo, {
      publication: at('2026-04-01T09:00'),
      offersDeadline: at('2026-05-01T12:00'),
    });
    expect(warnings.map((w) => w.code)).toEqual(['legal_minimum', 'non_working_day']);
    expect(warnings[0]!.message).toContain('Au plus tôt : lundi 4 mai 2026 à 12 h 00');
    expect(warnings[1]!.message).toContain('jour férié : Fête du travail');
    expect(
      checkPlanning(aoo, { publication: at('2026-04-01T09:00'), offersDeadline: at('2026-05-04T12:00') }),
    ).toEqual([]);
  });

  it('wants answers to questions 6 days before the offers deadline, 4 in urgency (R2132-6)', () => {
    const dates = { questionsDeadline: at('2026-05-22T12:00'), offersDeadline: at('2026-05-27T12:00') };
    const [warning] = checkPlanning(aoo, dates);
    expect(warning).toMatchObject({
      code: 'legal_minimum',
      milestone: 'questionsDeadline',
      article: 'R2132-6',
    });
    expect(warning!.message).toContain('est à 5 jours');
    expect(checkPlanning({ ...aoo, urgency: true }, dates)).toEqual([]);
  });

  it('wants 16 days of standstill when rejections are not sent electronically (R2182-1)', () => {
    const dates = { standstillStart: at('2026-06-01T09:00'), notification: at('2026-06-15T09:00') };
    expect(checkPlanning(aoo, dates)).toEqual([]);
    const [warning] = checkPlanning({ ...aoo, electronic: false }, dates);
    expect(warning).toMatchObject({ code: 'legal_minimum', article: 'R2182-1' });
    expect(warning!.message).toContain('le minimum légal est de 16 jours');
  });

  it('reports a MAPA delay below the recommendation as information, not as a legal breach', () => {
    const mapa: PlanningOptions = { ...aoo, procedure: 'MAPA' };
    const [warning] = checkPlanning(mapa, {
      publication: at('2026-05-04T09:00'),
      offersDeadline: at('2026-05-18T12:00'),
    });
    expect(warning).toMatchObject({ code: 'below_recommendation', severity: 'info' });
    expect(warning!.message).toContain('Amont recommande 21 jours');
  });

  it('checks the order of milestones that are not adjacent, and the PIN window of 12 months', () => {
    const pin: PlanningOptions = { ...aoo, pin: true };
    const warnings = checkPlanning(pin, {
      priorInformationNotice: at('2025-03-02T09:00'),
      publication: at('2026-04-29T09:00'),
      notification: at('2026-04-20T09:00'),
    });
    expect(warnings.map((w) => w.code)).toEqual(['order', 'pin_window']);
  });
});
