import { describe, expect, it } from 'vitest';
import { readProjectFields } from './project-input.ts';
import { previewTargetDates } from './preview-target-dates.ts';

/**
 * Moving a date of a project's retro-planning: what moves with it, shown before saving. Dates checked by
 * hand on the 2027 calendar (AOO in Rennes, target notification Wednesday 30 June 2027, electronic: 30 days
 * from the notice to the offers deadline, questions answered 6 days before it, 21 days of analysis
 * recommended, 11 days of standstill; Easter Monday 29 March 2027, Good Friday 26 March worked outside
 * Alsace-Moselle).
 */

const aoo = readProjectFields(
  {
    title: 'Capteurs',
    need: 'Mesurer la qualité de l’air.',
    cpvCodes: '38000000',
    procedure: 'AOO',
    targetNotificationDate: '2027-06-30',
    placeKind: 'commune',
    placeCode: '35238',
  },
  null,
);

const rows = (preview: ReturnType<typeof previewTargetDates>) =>
  preview!.changes.map((c) => [c.code, c.before, c.after, c.days, c.typed]);

describe('previewTargetDates', () => {
  it('pulls the earlier milestones back when the offers deadline comes earlier, and leaves the later ones', () => {
    const preview = previewTargetDates(aoo, { offersDeadline: '2027-05-05T12:00:00+02:00' });
    expect(rows(preview)).toEqual([
      // 60 days of sourcing before the notice: 5 April − 60 days = 4 February 2027
      ['sourcingStart', '2027-02-26T09:00:00+01:00', '2027-02-04T09:00:00+01:00', -22, false],
      // 30 days before 5 May: Monday 5 April 2027 (Easter Monday was 29 March)
      ['publication', '2027-04-28T09:00:00+02:00', '2027-04-05T09:00:00+02:00', -23, false],
      // 6 days before 5 May: Thursday 29 April
      ['questionsDeadline', '2027-05-21T12:00:00+02:00', '2027-04-29T12:00:00+02:00', -22, false],
      ['offersDeadline', '2027-05-28T12:00:00+02:00', '2027-05-05T12:00:00+02:00', -23, true],
    ]);
    expect(preview!.warnings).toEqual([]);
    // Only what differs from the engine's plan is stored; opening, standstill and notification stay computed.
    expect(preview!.targetDates).toEqual({
      sourcingStart: '2027-02-04T09:00:00+01:00',
      publication: '2027-04-05T09:00:00+02:00',
      questionsDeadline: '2027-04-29T12:00:00+02:00',
      offersDeadline: '2027-05-05T12:00:00+02:00',
    });
  });

  it('pushes analysis, standstill and notification when the offers deadline comes later', () => {
    const preview = previewTargetDates(aoo, { offersDeadline: '2027-06-15T12:00:00+02:00' });
    expect(rows(preview)).toEqual([
      ['questionsDeadline', '2027-05-21T12:00:00+02:00', '2027-06-09T12:00:00+02:00', 19, false],
      ['offersDeadline', '2027-05-28T12:00:00+02:00', '2027-06-15T12:00:00+02:00', 18, true],
      ['offersOpening', '2027-05-28T14:00:00+02:00', '2027-06-15T14:00:00+02:00', 18, false],
      // 15 June + 21 days of analysis = Tuesday 6 July
      ['standstillStart', '2027-06-18T09:00:00+02:00', '2027-07-06T09:00:00+02:00', 18, false],
      // 6 July + 11 days = Saturday 17 July: next working day, Monday 19 July
      ['notification', '2027-06-30T09:00:00+02:00', '2027-07-19T09:00:00+02:00', 19, false],
    ]);
    // The pushed notification is stored; the target day, and the milestones that follow it, stay as they were.
    expect(preview!.targetDates).toEqual({
      questionsDeadline: '2027-06-09T12:00:00+02:00',
      offersDeadline: '2027-06-15T12:00:00+02:00',
      offersOpening: '2027-06-15T14:00:00+02:00',
      standstillStart: '2027-07-06T09:00:00+02:00',
      notification: '2027-07-19T09:00:00+02:00',
    });
    expect(preview!.warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'target_moved',
        'La notification passerait au lundi 19 juillet 2027 à 9 h 00, après la date visée du mercredi 30 juin 2027 : ' +
          'changez la date visée si ce nouveau calendrier vous convient.',
      ],
    ]);
  });

  it('sends a cleared date back to the computed one; the dates still in the form stay as typed', () => {
    const moved = previewTargetDates(aoo, { offersDeadline: '2027-05-05T12:00:00+02:00' })!;
    const saved = { ...aoo, targetDates: moved.targetDates };
    const rest = { ...moved.targetDates };
    delete rest.offersDeadline;
    const preview = previewTargetDates(saved, rest);
    // Back to 28 May; the notice, sourcing and questions, still in the form, keep their days.
    expect(rows(preview)).toEqual([
      ['offersDeadline', '2027-05-05T12:00:00+02:00', '2027-05-28T12:00:00+02:00', 23, false],
    ]);
    expect(preview!.warnings).toEqual([]);
    // Everything cleared: the engine's plan again, nothing stored.
    const cleared = previewTargetDates(saved, {})!;
    expect(cleared.targetDates).toEqual({});
    expect(rows(cleared).map((r) => r[0])).toEqual([
      'sourcingStart',
      'publication',
      'questionsDeadline',
      'offersDeadline',
    ]);
  });

  it('changes nothing for a date already in the plan but keeps it as the buyer’s, and has no preview without a target day', () => {
    const same = previewTargetDates(aoo, { publication: '2027-04-28T09:00:00+02:00' });
    // Typed, the computed date becomes the buyer's: it no longer follows the target day.
    expect(same).toEqual({
      changes: [],
      warnings: [],
      targetDates: { publication: '2027-04-28T09:00:00+02:00' },
    });
    expect(
      previewTargetDates({ ...aoo, targetNotificationDate: null, targetStartDate: null }, {}),
    ).toBeNull();
  });

  it('moves from a new deadline typed alone after dates were saved, the cleared fields following the engine', () => {
    const first = previewTargetDates(aoo, { offersDeadline: '2027-05-05T12:00:00+02:00' })!;
    const saved = { ...aoo, targetDates: first.targetDates };
    // The buyer clears the other fields and types only a deadline one week later.
    const preview = previewTargetDates(saved, { offersDeadline: '2027-05-12T12:00:00+02:00' });
    expect(rows(preview)).toEqual([
      // 12 April − 60 days = Thursday 11 February
      ['sourcingStart', '2027-02-04T09:00:00+01:00', '2027-02-11T09:00:00+01:00', 7, false],
      // 12 May − 30 days = Monday 12 April
      ['publication', '2027-04-05T09:00:00+02:00', '2027-04-12T09:00:00+02:00', 7, false],
      // 12 May − 6 = Thursday 6 May 2027, Ascension: Wednesday 5 May
      ['questionsDeadline', '2027-04-29T12:00:00+02:00', '2027-05-05T12:00:00+02:00', 6, false],
      ['offersDeadline', '2027-05-05T12:00:00+02:00', '2027-05-12T12:00:00+02:00', 7, true],
    ]);
    expect(preview!.warnings).toEqual([]);
  });

  it('never moves a typed date to satisfy another: the check warns about the order instead', () => {
    const preview = previewTargetDates(aoo, {
      offersDeadline: '2027-05-28T12:00:00+02:00',
      offersOpening: '2027-05-28T11:00:00+02:00',
    });
    expect(rows(preview)).toEqual([
      ['offersOpening', '2027-05-28T14:00:00+02:00', '2027-05-28T11:00:00+02:00', 0, true],
    ]);
    expect(preview!.warnings.map((w) => [w.code, w.milestone])).toEqual([['order', 'offersOpening']]);
  });

  it('warns when a move sends earlier milestones into the past', () => {
    // Offers on Tuesday 20 April 2027 seen on 1 April: the notice goes back to 21 March, a Sunday, so Friday
    // 19 March; the sourcing 60 days before it, Monday 18 January.
    const preview = previewTargetDates(aoo, { offersDeadline: '2027-04-20T12:00:00+02:00' }, '2027-04-01');
    expect(preview!.warnings.filter((w) => w.code === 'start_in_past').map((w) => w.message)).toEqual([
      '« Début du sourçage » passerait au lundi 18 janvier 2027 à 9 h 00, date déjà passée.',
      '« Envoi de l’avis d’appel à la concurrence » passerait au vendredi 19 mars 2027 à 9 h 00, date déjà passée.',
    ]);
  });

  it('warns when a notice typed before the target launch day of a forward plan would go out earlier', () => {
    const forward = readProjectFields(
      {
        title: 'Capteurs',
        need: 'Mesurer.',
        cpvCodes: '38000000',
        procedure: 'AOO',
        targetStartDate: '01/03/2027',
      },
      null,
    );
    const preview = previewTargetDates(forward, { publication: '2027-02-22T09:00:00+01:00' });
    expect(rows(preview)).toEqual([
      ['sourcingStart', '2026-12-31T09:00:00+01:00', '2026-12-24T09:00:00+01:00', -7, false],
      ['publication', '2027-03-01T09:00:00+01:00', '2027-02-22T09:00:00+01:00', -7, true],
    ]);
    expect(preview!.warnings.map((w) => w.message)).toEqual([
      '« Envoi de l’avis d’appel à la concurrence » passerait au lundi 22 février 2027 à 9 h 00, avant la date ' +
        'de lancement visée du lundi 1er mars 2027 : changez la date visée si ce nouveau calendrier vous convient.',
    ]);
  });

  it('keeps a typed notice on Good Friday in Strasbourg exactly, and the sourcing follows it', () => {
    const strasbourg = {
      ...aoo,
      place: { kind: 'commune' as const, code: '67482', department: '67', region: '44' },
    };
    const preview = previewTargetDates(strasbourg, { publication: '2027-03-26T09:00:00+01:00' });
    const publication = preview!.changes.find((c) => c.code === 'publication')!;
    expect([publication.after, publication.typed]).toEqual(['2027-03-26T09:00:00+01:00', true]);
    // Good Friday is not worked in the Bas-Rhin: the 60 days must end on Thursday 25 March, so they start on
    // 24 January 2027, a Sunday: Friday 22 January.
    expect(preview!.targetDates.sourcingStart).toBe('2027-01-22T09:00:00+01:00');
  });
});
