import {
  analysis,
  applications,
  formalisedNotice,
  invitedOffers,
  opening,
  priorInformation,
  questions,
  selection,
  sourcing,
  standstill,
} from './delays.ts';
import type { MilestoneCode } from './milestones.ts';

/**
 * The minimum delays of each procedure, as data, with the article of the code de la commande publique
 * (CCP, partie réglementaire, version in force on 1 January 2026) that sets them.
 *
 * How to read a rule:
 * - Every delay is in **calendar days** (« jours calendaires »), counted from the day after the event
 *   (the day of sending is not counted: « délai franc »), so a 35-day delay after a notice sent on
 *   2 March ends on 6 April. When that last day is a Saturday, a Sunday or a public holiday, the period
 *   runs to the next working day (règlement (CEE, Euratom) n° 1182/71, art. 3 § 4; see holidays.ts).
 *   Assumption: the deadline may be set on that last day (at noon by default), as the DAJ's guides do.
 * - A link lists the delays that may apply; each has an optional condition. The CCP writes reductions as
 *   « le délai peut être ramené à N jours » (not cumulative), so the delay used is the **shortest**
 *   applicable one: AOO = 35 days, 30 with electronic submission, 15 with a prior information notice or
 *   in a duly justified urgency.
 * - `basis: 'legal'` delays are minimums of the code; `basis: 'recommendation'` are Amont's default
 *   durations (analysis, selection, dialogue, MAPA « délai raisonnable »), shown as recommendations and
 *   never as legal minimums.
 * - `electronic` means candidatures and offers are received electronically (mandatory above 40 000 € HT
 *   since 1 October 2018, CCP art. R2132-7) and rejection letters are sent electronically (R2182-1).
 */

/** Procedure codes: MAPA, appel d'offres ouvert / restreint, procédure concurrentielle avec négociation,
 * dialogue compétitif, partenariat d'innovation, marché sans publicité ni mise en concurrence préalables. */
export const PROCEDURE_CODES = ['MAPA', 'AOO', 'AOR', 'PCN', 'DC', 'PI', 'PNSPMC'] as const;

/** A procedure code, e.g. `AOO`. */
export type ProcedureCode = (typeof PROCEDURE_CODES)[number];

/** A condition under which a delay applies. */
export type Condition = 'electronic' | 'paper' | 'pin' | 'urgency';

/** Whether a delay is a legal minimum or Amont's recommended default. */
export type Basis = 'legal' | 'recommendation';

/** One delay between two milestones. */
export interface Delay {
  /** calendar days */
  days: number;
  /** when it applies; absent: always */
  when?: Condition;
  basis: Basis;
  /** CCP article (partie réglementaire), e.g. 'R2161-3 2°'; null for a pure recommendation */
  article: string | null;
  /** the rule in French, as shown beside the milestone */
  rule: string;
}

/** A link of the main chain: the milestone `to` comes `delays` after the previous one. */
export interface Link {
  to: MilestoneCode;
  /** procedure-specific label of `to` */
  label?: string;
  delays: readonly Delay[];
}

/** A milestone placed `delays` before another one (`before`), never the other way round. */
export interface Satellite {
  code: MilestoneCode;
  before: MilestoneCode;
  label?: string;
  delays: readonly Delay[];
}

/** Everything the engine needs to plan one procedure. */
export interface ProcedureRules {
  code: ProcedureCode;
  /** French name */
  label: string;
  /** formalised procedure (above EU thresholds): standstill and R2132-6 apply */
  formalised: boolean;
  /** first milestone of the chain and its rule */
  start: { code: MilestoneCode; label?: string; rule: string; article: string | null };
  links: readonly Link[];
  satellites: readonly Satellite[];
  /** a prior information notice shortens a delay of this procedure */
  pinReduces: boolean;
  /** urgency shortens a delay of this procedure */
  urgencyReduces: boolean;
}

/** The rules of every procedure, by code. */
export const PROCEDURES: Readonly<Record<ProcedureCode, ProcedureRules>> = {
  MAPA: {
    code: 'MAPA',
    label: 'Procédure adaptée (MAPA)',
    formalised: false,
    start: {
      code: 'publication',
      rule: 'Publicité adaptée ; au BOAMP ou dans un journal d’annonces légales à partir de 90 000 € HT',
      article: 'R2131-12',
    },
    links: [
      {
        to: 'offersDeadline',
        delays: [
          {
            days: 21,
            basis: 'recommendation',
            article: 'R2151-1',
            rule: 'Pas de minimum légal, un délai raisonnable : 21 jours (recommandation Amont)',
          },
          {
            days: 10,
            when: 'urgency',
            basis: 'recommendation',
            article: 'R2151-1',
            rule: 'Pas de minimum légal, un délai raisonnable : 10 jours en cas d’urgence (recommandation Amont)',
          },
        ],
      },
      opening,
      analysis(15),
      {
        to: 'notification',
        delays: [
          {
            days: 11,
            when: 'electronic',
            basis: 'recommendation',
            article: null,
            rule: '11 jours après les lettres de rejet, comme le délai de suspension de R2182-1 (recommandation Amont)',
          },
          {
            days: 16,
            when: 'paper',
            basis: 'recommendation',
            article: null,
            rule: '16 jours après des lettres de rejet non électroniques, comme R2182-1 (recommandation Amont)',
          },
        ],
      },
    ],
    satellites: [questions('recommendation'), sourcing(30)],
    pinReduces: false,
    urgencyReduces: true,
  },

  AOO: {
    code: 'AOO',
    label: 'Appel d’offres ouvert',
    formalised: true,
    start: formalisedNotice,
    links: [
      {
        to: 'offersDeadline',
        delays: [
          {
            days: 35,
            basis: 'legal',
            article: 'R2161-2',
            rule: '35 jours au moins après l’envoi de l’avis de marché',
          },
          {
            days: 30,
            when: 'electronic',
            basis: 'legal',
            article: 'R2161-3 2°',
            rule: '30 jours au moins après l’envoi de l’avis, candidatures et offres étant transmises par voie électronique',
          },
          {
            days: 15,
            when: 'pin',
            basis: 'legal',
            article: 'R2161-3 1°',
            rule: '15 jours au moins après l’envoi de l’avis, un avis de préinformation ayant été publié',
          },
          {
            days: 15,
            when: 'urgency',
            basis: 'legal',
            article: 'R2161-3 3°',
            rule: '15 jours au moins après l’envoi de l’avis, en cas d’urgence dûment justifiée',
          },
        ],
      },
      opening,
      analysis(21),
      standstill,
    ],
    satellites: [questions('legal'), priorInformation, sourcing(60)],
    pinReduces: true,
    urgencyReduces: true,
  },

  AOR: {
    code: 'AOR',
    label: 'Appel d’offres restreint',
    formalised: true,
    start: formalisedNotice,
    // Assumption: numbering R2161-6 (candidatures), R2161-7 (offers), R2161-8 (reductions), whose wording
    // mirrors R2161-12, R2161-14 and R2161-15 of the negotiated procedure (checked).
    links: [
      applications('R2161-6', true),
      selection,
      invitedOffers('R2161-7', 'R2161-8'),
      opening,
      analysis(21),
      standstill,
    ],
    satellites: [questions('legal'), priorInformation, sourcing(60)],
    pinReduces: true,
    urgencyReduces: true,
  },

  PCN: {
    code: 'PCN',
    label: 'Procédure concurrentielle avec négociation',
    formalised: true,
    start: formalisedNotice,
    links: [
      applications('R2161-12', true),
      selection,
      invitedOffers('R2161-14', 'R2161-15', 'Date limite de réception des offres initiales'),
      opening,
      analysis(45, 'Analyse, négociation et offres finales'),
      standstill,
    ],
    satellites: [questions('legal'), priorInformation, sourcing(60)],
    pinReduces: true,
    urgencyReduces: true,
  },

  DC: {
    code: 'DC',
    label: 'Dialogue compétitif',
    formalised: true,
    start: formalisedNotice,
    // R2161-24: 30 days for candidatures; the code sets no reduction for a PIN or urgency, and no minimum
    // for the dialogue or the final offers (Amont's recommendations below).
    links: [
      applications('R2161-24', false),
      { ...selection, label: 'Envoi de l’invitation à participer au dialogue' },
      {
        to: 'dialogueEnd',
        delays: [
          {
            days: 60,
            basis: 'recommendation',
            article: null,
            rule: 'Phases de dialogue : 60 jours (recommandation Amont)',
          },
        ],
      },
      {
        to: 'offersDeadline',
        label: 'Date limite de réception des offres finales',
        delays: [
          {
            days: 21,
            basis: 'recommendation',
            article: null,
            rule: 'Remise des offres finales : 21 jours après la fin du dialogue (recommandation Amont)',
          },
        ],
      },
      opening,
      analysis(30),
      standstill,
    ],
    satellites: [questions('legal'), sourcing(60)],
    pinReduces: false,
    urgencyReduces: false,
  },

  PI: {
    code: 'PI',
    label: 'Partenariat d’innovation',
    formalised: true,
    start: formalisedNotice,
    // R2172-28: the candidature delay of R2161-12 cannot be reduced. Assumption: the initial offers follow
    // the negotiated procedure's delays (R2161-14 and R2161-15), the partnership being awarded by it.
    links: [
      {
        to: 'applicationsDeadline',
        delays: [
          {
            days: 30,
            basis: 'legal',
            article: 'R2161-12, R2172-28',
            rule: '30 jours au moins après l’envoi de l’avis de marché, sans réduction possible',
          },
        ],
      },
      selection,
      invitedOffers('R2161-14', 'R2161-15', 'Date limite de réception des offres initiales'),
      opening,
      analysis(45, 'Analyse, négociation et offres finales'),
      standstill,
    ],
    satellites: [questions('legal'), priorInformation, sourcing(90)],
    pinReduces: true,
    urgencyReduces: true,
  },

  PNSPMC: {
    code: 'PNSPMC',
    label: 'Marché sans publicité ni mise en concurrence préalables',
    formalised: false,
    start: {
      code: 'quoteRequest',
      rule:
        'Sans publicité ni mise en concurrence : besoin inférieur à 60 000 € HT (fournitures, services) ou ' +
        '100 000 € HT (travaux), ou achat innovant inférieur à 100 000 € HT',
      article: 'R2122-8, R2122-9-1',
    },
    links: [
      {
        to: 'offersDeadline',
        label: 'Date limite de réception des devis',
        delays: [
          {
            days: 10,
            basis: 'recommendation',
            article: null,
            rule: 'Réponse au devis : 10 jours (recommandation Amont)',
          },
          {
            days: 5,
            when: 'urgency',
            basis: 'recommendation',
            article: null,
            rule: 'Réponse au devis : 5 jours en cas d’urgence (recommandation Amont)',
          },
        ],
      },
      {
        to: 'notification',
        delays: [
          {
            days: 7,
            basis: 'recommendation',
            article: null,
            rule: 'Analyse du devis et notification : 7 jours (recommandation Amont)',
          },
        ],
      },
    ],
    satellites: [sourcing(30, 'quoteRequest')],
    pinReduces: false,
    urgencyReduces: true,
  },
};

/** The situation a plan is computed for. */
export interface DelayConditions {
  electronic: boolean;
  pin: boolean;
  urgency: boolean;
}

/**
 * Whether a delay's condition holds.
 * @param delay a delay of the rules
 * @param conditions electronic submission, prior information notice, urgency
 * @returns true when it applies
 */
export function delayApplies(delay: Delay, conditions: DelayConditions): boolean {
  switch (delay.when) {
    case undefined:
      return true;
    case 'electronic':
      return conditions.electronic;
    case 'paper':
      return !conditions.electronic;
    case 'pin':
      return conditions.pin;
    case 'urgency':
      return conditions.urgency;
  }
}

/**
 * The delay that applies: the shortest applicable one (the CCP's reductions are « ramené à », not
 * cumulative); the first listed wins a tie.
 * @param delays the delays of a link or satellite
 * @param conditions the situation
 * @returns the delay, or null when none applies (a satellite that only exists with a PIN)
 */
export function applicableDelay(delays: readonly Delay[], conditions: DelayConditions): Delay | null {
  let best: Delay | null = null;
  for (const delay of delays) {
    if (delayApplies(delay, conditions) && (best === null || delay.days < best.days)) {
      best = delay;
    }
  }
  return best;
}

/**
 * The milestones of a procedure's main chain, in order.
 * @param rules a procedure's rules
 * @returns e.g. ['publication', 'offersDeadline', 'offersOpening', 'standstillStart', 'notification']
 */
export function chainOf(rules: ProcedureRules): MilestoneCode[] {
  return [rules.start.code, ...rules.links.map((link) => link.to)];
}
