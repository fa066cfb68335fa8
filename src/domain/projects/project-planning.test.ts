import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { computePlanning, MILESTONES, PROCEDURE_CODES, PROCEDURES } from '../planning/index.ts';
import { readProjectFields, type RawProjectInput } from './project-input.ts';
import { milestoneCodesOf, planProject } from './project-planning.ts';

/**
 * The project's retro-planning is the planning engine's (its own tests hold every procedure's dates);
 * here: the project's situation reaches the engine (procedure, target day, département holidays), the
 * buyer's dates replace the computed ones and are checked, Paris wall-clock times survive daylight saving.
 */

const fieldsOf = (raw: RawProjectInput) =>
  readProjectFields({ title: 'Projet', need: 'Un besoin.', cpvCodes: '72000000', ...raw }, null);

const offsetOf = (iso: string) => iso.slice(-6);
const dayOf = (iso: string) => iso.slice(0, 10);

describe('planProject', () => {
  it('has no plan without a target notification day', () => {
    expect(planProject(fieldsOf({ procedure: 'AOO' }))).toBeNull();
  });

  it.each(PROCEDURE_CODES)(
    'plans a %s backwards from its target notification day, as the engine does',
    (procedure) => {
      const fields = fieldsOf({
        procedure,
        targetNotificationDate: '2027-06-30',
        placeKind: 'departement',
        placeCode: '35',
      });
      const plan = planProject(fields)!;
      const engine = computePlanning(
        { procedure, departement: '35', electronic: true, pin: false, urgency: false },
        { from: 'notification', date: '2027-06-30' },
      );
      expect(plan.planning.milestones.map((m) => [m.code, m.at.toISO()])).toEqual(
        engine.milestones.map((m) => [m.code, m.at.toISO()]),
      );
      expect(plan.planning.milestones.at(-1)!.code).toBe('notification');
      // Wednesday 30 June 2027 is a working day: the notification stays on it, at its usual time, summer time.
      const notification = plan.planning.milestones.at(-1)!.at;
      expect(notification.toISO()).toBe(`2027-06-30T${MILESTONES.notification.time}:00.000+02:00`);
      expect(milestoneCodesOf(procedure)).toEqual(engine.milestones.map((m) => m.code));
      const deadline = plan.planning.milestones.find((m) => m.code === 'offersDeadline');
      expect(plan.offersDeadline?.toISO() ?? null).toBe(deadline?.at.toISO() ?? null);
      if (!PROCEDURES[procedure].formalised) {
        expect(plan.warnings.map((w) => w.code)).toContain('no_legal_minimum');
      }
    },
  );

  it('plans forwards from the target launch day without a notification day, across the change to summer time', () => {
    const plan = planProject(fieldsOf({ procedure: 'AOO', targetStartDate: '01/03/2027' }))!;
    expect(plan.planning.milestones.map((m) => [m.code, m.at.toISO()])).toEqual([
      // 60 days of sourcing before Monday 1 March 2027: Thursday 31 December 2026
      ['sourcingStart', '2026-12-31T09:00:00.000+01:00'],
      ['publication', '2027-03-01T09:00:00.000+01:00'],
      // 31 March − 6 days
      ['questionsDeadline', '2027-03-25T12:00:00.000+01:00'],
      // 1 March + 30 days, after the change to summer time on 28 March
      ['offersDeadline', '2027-03-31T12:00:00.000+02:00'],
      ['offersOpening', '2027-03-31T14:00:00.000+02:00'],
      // + 21 days of analysis
      ['standstillStart', '2027-04-21T09:00:00.000+02:00'],
      // + 11 days = Sunday 2 May: Monday 3 May
      ['notification', '2027-05-03T09:00:00.000+02:00'],
    ]);
    // With both days, the notification day wins.
    const both = planProject(
      fieldsOf({ procedure: 'AOO', targetStartDate: '01/03/2027', targetNotificationDate: '30/06/2027' }),
    )!;
    expect(both.planning.milestones.at(-1)!.at.toISODate()).toBe('2027-06-30');
  });

  it('says which target day the plan follows when both are given', () => {
    const both = planProject(
      fieldsOf({ procedure: 'AOO', targetStartDate: '01/03/2027', targetNotificationDate: '30/06/2027' }),
    )!;
    expect(
      both.warnings.filter((w) => w.code === 'target_moved').map((w) => [w.severity, w.message]),
    ).toEqual([
      [
        'info',
        'Le rétroplanning part de la date de notification visée (mercredi 30 juin 2027) : la date de lancement ' +
          'visée (lundi 1er mars 2027) n’est pas utilisée. Effacez l’une des deux pour lever l’ambiguïté.',
      ],
    ]);
  });

  it('warns on the saved plan when the buyer’s dates send the notice before the target launch day', () => {
    const plan = planProject({
      ...fieldsOf({ procedure: 'AOO', targetStartDate: '01/03/2027' }),
      targetDates: { publication: '2026-12-28T09:00:00+01:00' },
    })!;
    expect(plan.warnings.find((w) => w.code === 'target_moved')?.message).toBe(
      '« Envoi de l’avis d’appel à la concurrence » passerait au lundi 28 décembre 2026 à 9 h 00, avant la date ' +
        'de lancement visée du lundi 1er mars 2027 : changez la date visée si ce nouveau calendrier vous convient.',
    );
  });

  it('uses the holidays of the place: Good Friday 26 March 2027 is worked in Rennes, not in Strasbourg', () => {
    const at = (placeCode: string) =>
      planProject(
        fieldsOf({ procedure: 'AOO', targetNotificationDate: '2027-03-26', placeKind: 'commune', placeCode }),
      )!;
    const rennes = at('35238');
    expect(rennes.planning.milestones.at(-1)!.at.toISODate()).toBe('2027-03-26');
    expect(rennes.warnings.map((w) => w.code)).not.toContain('target_moved');
    const strasbourg = at('67482');
    expect(strasbourg.planning.milestones.at(-1)!.at.toISODate()).toBe('2027-03-25');
    expect(strasbourg.warnings.find((w) => w.code === 'target_moved')?.message).toBe(
      'Le vendredi 26 mars 2027 n’est pas un jour ouvré : Amont propose le jeudi 25 mars 2027, jour ouvré précédent.',
    );
  });

  it('keeps each milestone at its Paris wall-clock time on both sides of the daylight-saving change of 28 March 2027', () => {
    const plan = planProject(fieldsOf({ procedure: 'AOR', targetNotificationDate: '2027-05-18' }))!;
    const milestones = plan.planning.milestones.map((m) => ({ code: m.code, iso: m.at.toISO()! }));
    expect(milestones.some((m) => dayOf(m.iso) < '2027-03-28')).toBe(true);
    for (const m of milestones) {
      expect(offsetOf(m.iso)).toBe(dayOf(m.iso) < '2027-03-28' ? '+01:00' : '+02:00');
      expect(m.iso.slice(11, 16)).toBe(MILESTONES[m.code].time);
    }
  });

  it('puts the buyer’s dates in place of the computed ones and warns about a delay below the legal minimum', () => {
    const computed = planProject(fieldsOf({ procedure: 'AOO', targetNotificationDate: '2027-06-30' }))!;
    const publication = computed.planning.milestones.find((m) => m.code === 'publication')!.at;
    // Ten days after the notice instead of 30 (R2161-3): the buyer may, Amont warns.
    const early = publication.plus({ days: 10 }).set({ hour: 12, minute: 0 });
    const fields = fieldsOf({
      procedure: 'AOO',
      targetNotificationDate: '2027-06-30',
      targetDates: { offersDeadline: early.toFormat('yyyy-MM-dd HH:mm') },
    });
    const plan = planProject(fields)!;
    expect(plan.buyerSet).toEqual(['offersDeadline']);
    expect(plan.offersDeadline!.toMillis()).toBe(early.toMillis());
    const warning = plan.warnings.find((w) => w.code === 'legal_minimum' && w.milestone === 'offersDeadline');
    expect(warning?.article).toBe(
      computePlanning(
        { procedure: 'AOO', departement: null, electronic: true, pin: false, urgency: false },
        { from: 'notification', date: '2027-06-30' },
      ).milestones.find((m) => m.code === 'offersDeadline')!.article,
    );
    expect(warning?.message).toContain('est à 10 jours de l’étape précédente');
    // The other milestones keep the engine's dates.
    const unchanged = (p: typeof plan) =>
      p.planning.milestones.filter((m) => m.code !== 'offersDeadline').map((m) => m.at.toISO());
    expect(unchanged(plan)).toEqual(unchanged(computed));
    expect(DateTime.isDateTime(plan.planning.milestones[0]!.at)).toBe(true);
  });
});
