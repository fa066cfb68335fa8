import type { MilestoneCode } from './milestones.ts';
import type { Basis, Link, Satellite } from './rules.ts';

/**
 * The delays several procedures share, as data with their article (CCP, partie réglementaire, 2026): the
 * standstill, the answers to questions, the prior information notice, the candidatures and invited offers
 * of restricted procedures, and Amont's recommended durations (opening, analysis, selection, sourcing).
 * rules.ts assembles them into each procedure.
 */

/** Opening of the offers: the same day, after the deadline (recommendation). */
export const opening: Link = {
  to: 'offersOpening',
  delays: [
    {
      days: 0,
      basis: 'recommendation',
      article: null,
      rule: 'Le jour même, après l’heure limite de réception des offres (recommandation Amont)',
    },
  ],
};

/**
 * Analysis up to the choice and the rejection letters (recommendation).
 * @param days calendar days
 * @param what what the period covers, in French
 * @returns the link to `standstillStart`
 */
export const analysis = (days: number, what = 'Analyse des offres'): Link => ({
  to: 'standstillStart',
  delays: [
    { days, basis: 'recommendation', article: null, rule: `${what} : ${days} jours (recommandation Amont)` },
  ],
});

/** R2182-1: no signature before 11 days (16 when the rejection was not sent electronically). */
export const standstill: Link = {
  to: 'notification',
  delays: [
    {
      days: 11,
      when: 'electronic',
      basis: 'legal',
      article: 'R2182-1',
      rule: '11 jours au moins après l’envoi électronique des lettres de rejet (délai de suspension)',
    },
    {
      days: 16,
      when: 'paper',
      basis: 'legal',
      article: 'R2182-1',
      rule: '16 jours au moins après l’envoi des lettres de rejet par une autre voie qu’électronique',
    },
  ],
};

/** R2132-6: answers to questions sent 6 days at the latest before the offers deadline, 4 in urgency. */
export const questions = (basis: Basis): Satellite => ({
  code: 'questionsDeadline',
  before: 'offersDeadline',
  delays:
    basis === 'legal'
      ? [
          {
            days: 6,
            basis,
            article: 'R2132-6',
            rule: 'Renseignements complémentaires envoyés 6 jours au plus tard avant la date limite des offres',
          },
          {
            days: 4,
            when: 'urgency',
            basis,
            article: 'R2132-6',
            rule: 'Renseignements complémentaires envoyés 4 jours au plus tard avant la date limite (urgence)',
          },
        ]
      : [
          {
            days: 6,
            basis,
            article: null,
            rule: 'Réponses 6 jours avant la date limite, comme en procédure formalisée (recommandation Amont)',
          },
          {
            days: 4,
            when: 'urgency',
            basis,
            article: null,
            rule: 'Réponses 4 jours avant la date limite en cas d’urgence (recommandation Amont)',
          },
        ],
});

/** R2161-3 1° a): the PIN must have been sent 35 days to 12 months before the contract notice. */
export const priorInformation: Satellite = {
  code: 'priorInformationNotice',
  before: 'publication',
  delays: [
    {
      days: 35,
      when: 'pin',
      basis: 'legal',
      article: 'R2161-3 1° a)',
      rule: 'Avis de préinformation envoyé 35 jours au moins et 12 mois au plus avant l’avis de marché',
    },
  ],
};

/**
 * Sourcing before the launch (recommendation; sourcing itself is allowed by R2111-1).
 * @param days calendar days before `before`
 * @param before the launch milestone
 * @returns the satellite
 */
export const sourcing = (days: number, before: MilestoneCode = 'publication'): Satellite => ({
  code: 'sourcingStart',
  before,
  delays: [
    {
      days,
      basis: 'recommendation',
      article: 'R2111-1',
      rule: `Sourçage (études et échanges préalables avec les entreprises) : ${days} jours avant (recommandation Amont)`,
    },
  ],
});

/** Launch of a formalised procedure: a contract notice in the BOAMP and the OJEU (R2131-16). */
export const formalisedNotice = {
  code: 'publication' as const,
  rule: 'Avis de marché envoyé au BOAMP et au Journal officiel de l’Union européenne',
  article: 'R2131-16',
};

/** Candidatures of restricted procedures: 30 days, 15 in urgency (R2161-6 AOR, R2161-12 PCN). */
export const applications = (article: string, urgency: boolean): Link => ({
  to: 'applicationsDeadline',
  delays: [
    { days: 30, basis: 'legal', article, rule: '30 jours au moins après l’envoi de l’avis de marché' },
    ...(urgency
      ? [
          {
            days: 15,
            when: 'urgency' as const,
            basis: 'legal' as const,
            article,
            rule: '15 jours au moins après l’envoi de l’avis, en cas d’urgence dûment justifiée',
          },
        ]
      : []),
  ],
});

/** Analysis and selection of the candidatures before the invitation (recommendation). */
export const selection: Link = {
  to: 'invitationToTender',
  delays: [
    {
      days: 10,
      basis: 'recommendation',
      article: null,
      rule: 'Analyse et sélection des candidatures : 10 jours (recommandation Amont)',
    },
  ],
};

/** Offers after an invitation: 30 days, 25 electronic, 10 with a PIN or in urgency. */
export const invitedOffers = (base: string, reduced: string, label?: string): Link => ({
  to: 'offersDeadline',
  ...(label === undefined ? {} : { label }),
  delays: [
    {
      days: 30,
      basis: 'legal',
      article: base,
      rule: '30 jours au moins après l’envoi de l’invitation à soumissionner',
    },
    {
      days: 25,
      when: 'electronic',
      basis: 'legal',
      article: `${reduced} 2°`,
      rule: '25 jours au moins après l’invitation, les offres étant transmises par voie électronique',
    },
    {
      days: 10,
      when: 'pin',
      basis: 'legal',
      article: `${reduced} 1°`,
      rule: '10 jours au moins après l’invitation, un avis de préinformation ayant été publié',
    },
    {
      days: 10,
      when: 'urgency',
      basis: 'legal',
      article: `${reduced} 3°`,
      rule: '10 jours au moins après l’invitation, en cas d’urgence dûment justifiée',
    },
  ],
});
