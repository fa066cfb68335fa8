import { describe, expect, it } from 'vitest';
import { EU_THRESHOLDS, INNOVATIVE_THRESHOLD } from '../planning/index.ts';
import { decpConsiderations } from './decp-considerations.ts';
import { readLotFields } from './lot-input.ts';
import { readProjectFields, type RawProjectInput } from './project-input.ts';
import type { ProjectLot, PurchaseProject } from './purchase-project.ts';
import { checkSustainability, CLIMATE_LAW_EFFECTIVE_DATE } from './sustainability-check.ts';

/** A saved-looking project from raw fields (the check is pure: no store needed). */
function project(raw: RawProjectInput): PurchaseProject {
  const fields = readProjectFields(
    { title: 'Projet', need: 'Un besoin.', cpvCodes: '72000000', procedure: 'AOO', ...raw },
    null,
  );
  const at = new Date('2026-11-30T10:00:00Z');
  return {
    ...fields,
    id: 1,
    organisationId: 1,
    status: 'draft',
    offersDeadline: null,
    publishedAt: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

function lot(number: number, raw: Parameters<typeof readLotFields>[0]): ProjectLot {
  return {
    ...readLotFields({ title: `Lot ${number}`, ...raw }, null, 'AOO', number),
    id: number,
    projectId: 1,
  };
}

const codes = (reminders: { code: string; severity: string }[]) =>
  reminders.map((r) => `${r.code}:${r.severity}`);

// Services of a local buyer: the EU threshold of the planning engine's data, on a 2027 launch.
const EU = EU_THRESHOLDS.suppliesServices.local[0]!.amount;

describe('checkSustainability', () => {
  it('warns when the lots add up to more than the project’s estimated value, not when they fit', () => {
    const p = project({ estimatedValue: '150000' });
    const over = checkSustainability(
      p,
      [lot(1, { estimatedValue: '100000' }), lot(2, { estimatedValue: '80 000,50' })],
      '2027-01-04',
    ).find((r) => r.code === 'lots_above_estimated_value');
    // French amounts: narrow no-break spaces between thousands, no-break space before €.
    expect({ ...over, message: over?.message.replace(/[\u00a0\u202f]/g, ' ') }).toEqual({
      code: 'lots_above_estimated_value',
      severity: 'warning',
      message:
        'Les lots valent ensemble 180 000,50 € HT, plus que la valeur estimée du projet (150 000 € HT) : la ' +
        'valeur estimée du besoin compte tous les lots, c’est elle qui fixe la procédure et les seuils.',
      legalBasis: 'CCP R2121-1 et R2121-4',
    });
    const fit = checkSustainability(
      p,
      [lot(1, { estimatedValue: '100000' }), lot(2, { estimatedValue: '50000' })],
      '2027-01-04',
    );
    expect(codes(fit)).not.toContain('lots_above_estimated_value:warning');
    // Exactly equal once counted in cents (0.1 + 0.2 is not 0.3 in floating point).
    const cents = checkSustainability(
      project({ estimatedValue: '300 000,30' }),
      [lot(1, { estimatedValue: '100 000,10' }), lot(2, { estimatedValue: '200 000,20' })],
      '2027-01-04',
    );
    expect(codes(cents)).not.toContain('lots_above_estimated_value:warning');
  });

  it('recalls the climate-law obligations as warnings for a consultation launched from 21 August 2026', () => {
    const p = project({ estimatedValue: EU });
    const reminders = checkSustainability(
      p,
      [lot(1, { awardCriteria: { price: 60, technical: 40 } })],
      '2027-01-04',
    );
    expect(codes(reminders)).toEqual([
      'environmental_criterion:warning',
      'environmental_conditions:info',
      'social_above_eu_threshold:warning',
    ]);
    expect(reminders[0]).toEqual({
      code: 'environmental_criterion',
      severity: 'warning',
      message:
        'Depuis le 21 août 2026, au moins un critère d’attribution prend en compte les caractéristiques environnementales de l’offre : lot 1 sans critère environnemental.',
      legalBasis: 'CCP L2152-7 ; loi n° 2021-1104 du 22 août 2021, art. 35 ; décret n° 2022-767',
    });
    expect(reminders[2]!.legalBasis).toBe(
      'CCP L2112-2-1 ; loi n° 2021-1104 du 22 août 2021, art. 35 ; décret n° 2022-767',
    );
    // Flat: the pages put it in brackets, without brackets inside.
    expect(reminders.filter((r) => /[()]/.test(r.legalBasis))).toEqual([]);
  });

  it('only informs before the date, and says nothing once the project meets the obligations', () => {
    const before = checkSustainability(project({ estimatedValue: EU }), [], '2026-08-20');
    expect(codes(before)).toEqual([
      'environmental_criterion:info',
      'environmental_conditions:info',
      'social_above_eu_threshold:info',
    ]);
    expect(before[0]!.message).toMatch(/^Pour les consultations lancées à partir du 21 août 2026, /);
    expect(CLIMATE_LAW_EFFECTIVE_DATE).toBe('2026-08-21');

    const green = project({ estimatedValue: EU, greenProcurement: 'clim-mitig', socialProcurement: 'opp' });
    const lots = [lot(1, { awardCriteria: { price: 60, environmental: 40 } })];
    expect(checkSustainability(green, lots, '2027-01-04')).toEqual([]);
    // Below the EU threshold, no social consideration is required.
    expect(
      codes(
        checkSustainability(
          project({ estimatedValue: EU - 1, greenProcurement: 'other' }),
          lots,
          '2027-01-04',
        ),
      ),
    ).toEqual([]);
    // A social criterion or a reservation counts as a social consideration too.
    const reserved = [
      lot(1, {
        awardCriteria: { price: 60, environmental: 40 },
        reservedParticipation: 'res-ws',
        reservedArticle: 'L2113-13',
      }),
    ];
    expect(
      checkSustainability(project({ estimatedValue: EU, greenProcurement: 'other' }), reserved, '2027-01-04'),
    ).toEqual([]);
  });

  it('warns when an innovative purchase without publicity reaches the R2122-9-1 threshold', () => {
    const at = INNOVATIVE_THRESHOLD.amount;
    const innovative = (value: number) =>
      project({
        procedure: 'PNSPMC',
        innovativePurchase: true,
        estimatedValue: value,
        greenProcurement: 'other',
      });
    expect(codes(checkSustainability(innovative(at - 1), [], '2027-01-04'))).toEqual([]);
    const reminders = checkSustainability(innovative(at), [], '2027-01-04');
    expect(codes(reminders)).toEqual(['innovative_exemption_threshold:warning']);
    expect(reminders[0]!.legalBasis).toBe('CCP R2122-9-1 ; décret n° 2021-1634 du 13 décembre 2021');
  });

  it('recalls the scope of a reservation to social-economy companies (L2113-15)', () => {
    const p = project({ greenProcurement: 'other', reservedParticipation: 'res-pub-ser' });
    const reminders = checkSustainability(
      p,
      [lot(1, { awardCriteria: { price: 50, environmental: 50 } })],
      '2027-01-04',
    );
    expect(codes(reminders)).toEqual(['ess_reservation_scope:info']);
    expect(reminders[0]!.legalBasis).toBe('CCP L2113-15 et L2113-16');
  });
});

describe('decpConsiderations', () => {
  it('maps the eForms aspects to the DECP 2022 considerations', () => {
    expect(decpConsiderations(project({}), [])).toEqual({
      social: ['Pas de considération sociale'],
      environmental: ['Pas de considération environnementale'],
    });
    const p = project({ socialProcurement: 'work-cond', greenProcurement: 'circ-econ' });
    const lots = [
      lot(1, { awardCriteria: { price: 50, social: 20, environmental: 30 } }),
      lot(2, { reservedParticipation: 'res-ws', reservedArticle: 'L2113-12' }),
    ];
    expect(decpConsiderations(p, lots)).toEqual({
      social: ['Clause sociale', 'Critère social', 'Marché réservé'],
      environmental: ['Clause environnementale', 'Critère environnemental'],
    });
  });
});
