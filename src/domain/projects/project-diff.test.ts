import { describe, expect, it } from 'vitest';
import { readLotFields } from './lot-input.ts';
import { describeChange, diffLot, diffProjectFields } from './project-diff.ts';
import { readProjectFields } from './project-input.ts';

/** French number formatting uses no-break spaces; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const base = readProjectFields(
  {
    title: 'Projet',
    need: 'Un besoin.',
    cpvCodes: '72000000',
    procedure: 'AOO',
    estimatedValue: '120000',
    placeKind: 'departement',
    placeCode: '35',
  },
  null,
);

describe('project diff', () => {
  it('lists only the fields that changed, milestone by milestone for buyer-set dates', () => {
    const after = readProjectFields(
      {
        estimatedValue: '150000',
        procedure: 'AOO',
        placeKind: 'commune',
        placeCode: '35238',
        targetDates: { offersDeadline: '2027-03-01 12:00' },
      },
      base,
    );
    expect(diffProjectFields(base, after)).toEqual({
      estimatedValue: { before: 120000, after: 150000 },
      place: {
        before: { kind: 'departement', code: '35', department: '35', region: '53' },
        after: { kind: 'commune', code: '35238', department: '35', region: '53' },
      },
      'targetDates.offersDeadline': { before: null, after: '2027-03-01T12:00:00+01:00' },
    });
    expect(diffProjectFields(base, { ...base })).toEqual({});
  });

  it('says each change in French', () => {
    const texts = Object.entries(
      diffProjectFields(
        base,
        readProjectFields(
          {
            estimatedValue: '150000',
            procedure: 'PCN',
            placeKind: 'commune',
            placeCode: '35238',
            greenProcurement: 'circ-econ',
            reservedParticipation: 'res-ws',
            reservedArticle: 'L2113-13',
            innovativePurchase: 'oui',
            targetNotificationDate: '2027-06-30',
          },
          base,
        ),
      ),
    ).map(([path, change]) => plain(describeChange(path, change)));
    expect(texts).toEqual([
      'valeur estimée : 120 000 € HT → 150 000 € HT',
      'lieu d’exécution : Ille-et-Vilaine (35) → Rennes (35)',
      'procédure : Appel d’offres ouvert → Procédure concurrentielle avec négociation',
      'achat innovant : non → oui',
      'date de notification visée : non renseigné → 30 juin 2027',
      'objectifs stratégiques (BT-06) : non renseigné → Réduction des incidences sur l’environnement ; Achat innovant',
      'objectifs environnementaux (BT-774) : non renseigné → La transition vers une économie circulaire',
      'participation réservée (BT-71) : non renseigné → res-ws, art. L2113-13',
    ]);
    expect(
      describeChange('targetDates.offersDeadline', { before: null, after: '2027-03-01T12:00:00+01:00' }),
    ).toBe('jalon « Date limite de réception des offres » : non renseigné → lundi 1er mars 2027 à 12 h 00');
    expect(describeChange('status', { before: 'published', after: 'tender_launched' })).toBe(
      'statut : publié → consultation lancée',
    );
    expect(
      describeChange('documents.4', {
        before: { title: 'Étude', version: 1, fileName: 'a.pdf' },
        after: { title: 'Étude', version: 2, fileName: 'b.pdf' },
      }),
    ).toBe('étude « Étude » : version 1 (a.pdf) → version 2 (b.pdf)');
  });

  it('describes lots added, removed and changed', () => {
    const lot = readLotFields(
      { title: 'Maintenance', awardCriteria: { price: 60, environmental: 40 } },
      null,
      'AOO',
      2,
    );
    const changed = readLotFields(
      { variants: 'allowed', awardCriteria: { price: 50, environmental: 50 } },
      lot,
      'AOO',
      2,
    );
    expect(Object.entries(diffLot(2, lot, changed)).map(([p, c]) => describeChange(p, c))).toEqual([
      'lot 2, variantes (BT-63) : non renseigné → Autorisée',
      'lot 2, critères d’attribution : Prix 60 %, Performance environnementale 40 % → Prix 50 %, Performance environnementale 50 %',
    ]);
    expect(Object.entries(diffLot(2, null, lot)).map(([p, c]) => describeChange(p, c))).toEqual([
      'lot 2 ajouté : Maintenance',
    ]);
    expect(Object.entries(diffLot(2, lot, null)).map(([p, c]) => describeChange(p, c))).toEqual([
      'lot 2 retiré : Maintenance',
    ]);
  });
});
