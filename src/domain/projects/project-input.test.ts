import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/index.ts';
import { readLotFields } from './lot-input.ts';
import { readProjectFields, type RawProjectInput } from './project-input.ts';

/** The field errors a reading throws. */
function fieldErrors(read: () => unknown): Record<string, string> {
  try {
    read();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'project.invalid') {
      return error.details?.fields as Record<string, string>;
    }
    throw error;
  }
  throw new Error('expected project.invalid');
}

const minimal: RawProjectInput = {
  title: '  Accueil des usagers  ',
  need: 'Les usagers attendent trop longtemps au guichet.',
  procedure: 'mapa',
};

describe('readProjectFields', () => {
  it('reads a minimal project with its defaults, the nature from the CPV code', () => {
    const fields = readProjectFields({ ...minimal, cpvCodes: '45233140-2, 71000000' }, null);
    expect(fields).toMatchObject({
      title: 'Accueil des usagers',
      procedure: 'MAPA',
      cpvCodes: ['45233140', '71000000'],
      nature: 'works',
      buyerType: 'local',
      estimatedValue: null,
      place: null,
      innovativePurchase: false,
      reserved: null,
      strategicProcurement: [],
      targetDates: {},
    });
  });

  it('lists every bad field at once, in French, under its name', () => {
    const errors = fieldErrors(() =>
      readProjectFields(
        {
          title: '',
          need: ' ',
          procedure: 'AO',
          cpvCodes: '1234',
          estimatedValue: 'beaucoup',
          placeKind: 'commune',
          placeCode: '20004',
          targetNotificationDate: '31/02/2027',
          contactEmail: 'pas-une-adresse',
          greenProcurement: ['clim-mitig', 'verdure'],
          reservedParticipation: 'res-ws',
          reservedArticle: 'L2113-15',
        },
        null,
      ),
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'contactEmail',
        'cpvCodes',
        'estimatedValue',
        'greenProcurement',
        'nature',
        'need',
        'placeCode',
        'procedure',
        'reservedArticle',
        'targetNotificationDate',
        'title',
      ].sort(),
    );
    expect(errors.title).toBe('Donnez un titre au projet.');
    // French only: no code of the API in the message.
    expect(errors.nature).toBe(
      'Choisissez la nature du marché : travaux, fournitures ou services, ou indiquez un code CPV.',
    );
    expect(errors.placeCode).toContain('2A (Corse-du-Sud) ou 2B (Haute-Corse)');
    expect(errors.reservedArticle).toBe(
      'Cette réservation repose sur l’article L2113-12 ou l’article L2113-13 du code de la commande publique : choisissez-le.',
    );
    expect(errors.greenProcurement).toContain('« verdure » n’est pas un code de la liste BT-774');
  });

  it('refuses negative amounts of the project and of a lot, the message agreeing with its subject', () => {
    expect(
      fieldErrors(() =>
        readProjectFields({ ...minimal, cpvCodes: '72000000', estimatedValue: '-5', budget: '-1,50' }, null),
      ),
    ).toEqual({
      estimatedValue: 'Le montant estimé ne peut pas être en dessous de zéro.',
      budget: 'Le budget ne peut pas être en dessous de zéro.',
    });
    expect(
      fieldErrors(() => readLotFields({ title: 'Bancs', estimatedValue: '-10' }, null, 'MAPA', 1)),
    ).toEqual({ estimatedValue: 'Le montant estimé du lot ne peut pas être en dessous de zéro.' });
    expect(
      fieldErrors(() => readProjectFields({ ...minimal, cpvCodes: '72000000', buyerType: 'commune' }, null)),
    ).toEqual({
      buyerType:
        'Choisissez le type d’acheteur : État ou autorité centrale, collectivité ou autre pouvoir adjudicateur, ou entité adjudicatrice.',
    });
  });

  it('derives the département and région of a commune, and BT-06 from the detailed objectives', () => {
    const fields = readProjectFields(
      {
        ...minimal,
        cpvCodes: ['72000000'],
        placeKind: 'commune',
        placeCode: '67482',
        greenProcurement: 'circ-econ',
        socialProcurement: ['opp'],
        innovativePurchase: 'oui',
        reservedParticipation: 'res-pub-ser',
      },
      null,
    );
    expect(fields.place).toEqual({ kind: 'commune', code: '67482', department: '67', region: '44' });
    expect(fields.strategicProcurement).toEqual(['env-imp', 'soc-obj', 'inn-pur']);
    // L2113-15 is the only basis of res-pub-ser: it is filled in.
    expect(fields.reserved).toEqual({ code: 'res-pub-ser', article: 'L2113-15' });
    expect(
      fieldErrors(() =>
        readProjectFields(
          { ...minimal, cpvCodes: '72000000', strategicProcurement: 'none', greenProcurement: 'other' },
          null,
        ),
      ),
    ).toEqual({
      strategicProcurement:
        '« Pas de passation de marché stratégique » ne peut pas aller avec un objectif social, environnemental ou d’innovation.',
    });
  });

  it('keeps absent fields on an update and drops milestones of another procedure', () => {
    const created = readProjectFields(
      {
        ...minimal,
        procedure: 'AOO',
        cpvCodes: '72000000',
        estimatedValue: '120 000',
        targetDates: { offersDeadline: '2027-03-01' },
      },
      null,
    );
    expect(created.estimatedValue).toBe(120000);
    // No time given: the milestone's usual noon, with the winter offset of Paris.
    expect(created.targetDates).toEqual({ offersDeadline: '2027-03-01T12:00:00+01:00' });
    const updated = readProjectFields({ estimatedValue: '150 000,50 €' }, created);
    expect(updated).toEqual({ ...created, estimatedValue: 150000.5 });
    expect(readProjectFields({ procedure: 'MAPA' }, created).targetDates).toEqual({});
  });

  it('reads buyer-set times in Paris time on both sides of the daylight-saving change', () => {
    const fields = readProjectFields(
      {
        ...minimal,
        procedure: 'AOO',
        cpvCodes: '72000000',
        targetDates: {
          publication: '27/03/2027 10h30',
          offersDeadline: '2027-05-03 14:00',
          questionsDeadline: '',
        },
      },
      null,
    );
    // 28 March 2027 is the last Sunday of March: winter time before (+01:00), summer time after (+02:00).
    expect(fields.targetDates).toEqual({
      publication: '2027-03-27T10:30:00+01:00',
      offersDeadline: '2027-05-03T14:00:00+02:00',
    });
    expect(
      fieldErrors(() =>
        readProjectFields(
          {
            ...minimal,
            cpvCodes: '72000000',
            targetDates: { dialogueEnd: '2027-05-03', offersDeadline: '2027-05-03 25:00' },
          },
          null,
        ),
      ),
    ).toEqual({
      'targetDates.dialogueEnd': 'Le jalon « dialogueEnd » n’existe pas dans cette procédure.',
      'targetDates.offersDeadline':
        'Date limite de réception des offres : l’heure « 25:00 » n’est pas lisible : écrivez par exemple 12:00 ou 12h00.',
    });
  });
});

describe('readLotFields', () => {
  it('numbers a new lot and reads its criteria', () => {
    const lot = readLotFields(
      {
        title: 'Maintenance',
        awardCriteria: { price: '40', technical: '40 %', environmental: 20, social: '' },
      },
      null,
      'AOO',
      3,
    );
    expect(lot).toMatchObject({
      number: 3,
      title: 'Maintenance',
      variants: null,
      awardCriteria: { price: 40, technical: 40, environmental: 20 },
    });
  });

  it('refuses weights that do not add up to 100 and conditions of variants that are not allowed', () => {
    expect(
      fieldErrors(() =>
        readLotFields(
          {
            title: 'Lot',
            awardCriteria: { price: 70, technical: 20, esthetique: 10 },
            variantMinimumRequirements: 'Au moins…',
            variantWithoutBaseOffer: 'oui',
          },
          null,
          'AOR',
          1,
        ),
      ),
    ).toEqual({
      'awardCriteria.esthetique':
        '« esthetique » n’est pas un critère connu : price, technical, social, environmental, innovation.',
      awardCriteria: 'Les pondérations des critères doivent totaliser 100 % (total actuel : 90 %).',
      variantMinimumRequirements:
        'Les variantes ne sont pas autorisées sur ce lot : il n’y a pas d’exigences minimales à indiquer.',
      variantWithoutBaseOffer:
        'Les variantes ne sont pas autorisées sur ce lot : une variante sans offre de base ne peut pas être admise.',
    });
    // The same conditions are fine where variants are allowed: by default in a MAPA, or when stated.
    expect(
      readLotFields(
        { title: 'Lot', variantMinimumRequirements: 'Au moins…', variantWithoutBaseOffer: 'oui' },
        null,
        'MAPA',
        1,
      ).variantWithoutBaseOffer,
    ).toBe(true);
    expect(
      readLotFields(
        { title: 'Lot', variants: 'allowed', variantMinimumRequirements: 'Au moins…' },
        null,
        'AOR',
        1,
      ).variants,
    ).toBe('allowed');
  });
});
