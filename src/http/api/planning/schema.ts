import { Type } from '@fastify/type-provider-typebox';
import {
  BUYER_TYPES,
  MILESTONE_CODES,
  PROCEDURE_CODES,
  PURCHASE_NATURES,
} from '../../../domain/planning/index.ts';
import { errorResponses, Nullable, StringEnum } from '../schema.ts';

/** Schemas of `GET /api/v1/planning`, `/planning.ics` and `/planning/ocds`: the public retro-planning calculator. */

/** Query string shared by the three routes. */
export const PlanningQuery = Type.Object({
  procedure: StringEnum(PROCEDURE_CODES, {
    description:
      'Procédure : MAPA, AOO (appel d’offres ouvert), AOR (restreint), PCN (concurrentielle avec négociation), ' +
      'DC (dialogue compétitif), PI (partenariat d’innovation), PNSPMC (sans publicité ni mise en concurrence)',
  }),
  notificationDate: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'Date de notification visée (AAAA-MM-JJ ou JJ/MM/AAAA), du 2019-04-01 au 2100-12-31 : plan à rebours',
      examples: ['2026-06-30'],
    }),
  ),
  startDate: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'À la place de notificationDate : date de lancement (envoi de l’avis ou de la demande de devis)',
      examples: ['2026-03-02'],
    }),
  ),
  department: Type.Optional(
    Type.String({
      maxLength: 3,
      description: 'Département de l’acheteur (code COG) ; 57, 67, 68 : Vendredi saint et 26 décembre fériés',
      examples: ['67'],
    }),
  ),
  electronic: Type.Optional(
    Type.Boolean({
      default: true,
      description: 'Réception électronique des candidatures et offres, lettres de rejet électroniques',
    }),
  ),
  pin: Type.Optional(Type.Boolean({ default: false, description: 'Un avis de préinformation a été publié' })),
  urgency: Type.Optional(Type.Boolean({ default: false, description: 'Urgence dûment justifiée' })),
  estimatedValue: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      description: 'Valeur estimée du besoin en euros HT, pour le conseil de procédure',
    }),
  ),
  buyerType: Type.Optional(
    StringEnum(BUYER_TYPES, {
      description:
        'Acheteur : central (État), local (collectivité, autre pouvoir adjudicateur), utility (entité adjudicatrice)',
    }),
  ),
  nature: Type.Optional(StringEnum(PURCHASE_NATURES, { description: 'Nature : works, supplies, services' })),
  innovative: Type.Optional(Type.Boolean({ default: false, description: 'Achat innovant (art. L2172-3)' })),
});

const Milestone = Type.Object(
  {
    code: StringEnum(MILESTONE_CODES, { description: 'Code stable du jalon' }),
    label: Type.String({ description: 'Libellé en français' }),
    date: Type.String({
      format: 'date-time',
      description: 'ISO 8601 avec le décalage de Paris (+01:00 ou +02:00)',
      examples: ['2026-04-07T12:00:00+02:00'],
    }),
    rule: Type.String({ description: 'La règle qui place le jalon' }),
    article: Nullable(
      Type.String({ description: 'Article du code de la commande publique ; null : recommandation Amont' }),
    ),
    basis: StringEnum(['legal', 'recommendation', 'start'] as const, {
      description: 'Minimum légal, recommandation Amont, ou premier jalon de la procédure',
    }),
    days: Nullable(Type.Integer({ description: 'Délai appliqué, en jours calendaires' })),
    reference: Nullable(
      Type.String({ description: 'Jalon à partir duquel (ou avant lequel) le délai compte' }),
    ),
    shiftedFrom: Nullable(
      Type.Object({
        date: Type.String({ format: 'date', description: 'Jour calculé, non ouvré' }),
        reason: Type.String({ description: 'samedi, dimanche ou jour férié' }),
      }),
    ),
  },
  { title: 'Jalon' },
);

const Warning = Type.Object(
  {
    code: Type.String({ description: 'p. ex. legal_minimum, order, start_in_past, urgency_justification' }),
    severity: StringEnum(['warning', 'info'] as const),
    milestone: Nullable(Type.String()),
    message: Type.String({ description: 'En français' }),
    article: Nullable(Type.String()),
  },
  { title: 'Avertissement' },
);

const Threshold = Nullable(
  Type.Object({
    amount: Type.Number({ description: 'Euros HT' }),
    validFrom: Type.String({ format: 'date' }),
    validUntil: Nullable(Type.String({ format: 'date' })),
    source: Type.String(),
    article: Type.String(),
  }),
);

const Advice = Nullable(
  Type.Object(
    {
      recommended: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
      euThreshold: Threshold,
      noPublicityThreshold: Threshold,
      items: Type.Array(
        Type.Object({
          code: Type.String(),
          severity: StringEnum(['warning', 'info'] as const),
          message: Type.String(),
          article: Nullable(Type.String()),
        }),
      ),
    },
    {
      title: 'Conseil de procédure',
      description: 'Conseil seulement, jamais bloquant ; null sans valeur estimée',
    },
  ),
);

/** Answer of `GET /api/v1/planning`. */
export const PlanSchema = Type.Object(
  {
    procedure: Type.Object({ code: Type.String(), label: Type.String() }),
    mode: StringEnum(['backward', 'forward'] as const, {
      description: 'backward : à rebours de la notification ; forward : à partir du lancement',
    }),
    departement: Nullable(Type.String()),
    electronic: Type.Boolean(),
    pin: Type.Boolean(),
    urgency: Type.Boolean(),
    milestones: Type.Array(Milestone),
    warnings: Type.Array(Warning),
    advice: Advice,
  },
  { title: 'Rétroplanning' },
);

/** Answer of `GET /api/v1/planning/ocds`: an OCDS 1.1 `planning` block. */
export const OcdsPlanningSchema = Type.Object(
  {
    planning: Type.Object({
      milestones: Type.Array(
        Type.Object({
          id: Type.String(),
          title: Type.String(),
          type: Type.String({ description: 'Liste OCDS milestoneType' }),
          code: Type.String(),
          description: Type.String(),
          dueDate: Type.String({ format: 'date-time' }),
          status: Type.String({ description: 'scheduled' }),
        }),
      ),
    }),
  },
  { title: 'Jalons OCDS' },
);

const description =
  'Délais minimaux du code de la commande publique (valeurs 2026), jours fériés (y compris Alsace-Moselle), ' +
  'report au jour ouvré suivant, heure de Paris. 400 avec le paramètre en cause (procédure inconnue, date ' +
  'invalide ou hors période).';

/** Route schema of `GET /api/v1/planning`. */
export const getPlanningSchema = {
  tags: ['planification'],
  summary: 'Calculer un rétroplanning',
  description,
  querystring: PlanningQuery,
  response: { 200: PlanSchema, 400: errorResponses[400], 500: errorResponses[500] },
};

/** Route schema of `GET /api/v1/planning.ics`. */
export const getPlanningIcsSchema = {
  tags: ['planification'],
  summary: 'Rétroplanning au format iCalendar',
  description: `${description} Un événement par jalon, heures de Paris (TZID=Europe/Paris).`,
  produces: ['text/calendar'],
  querystring: PlanningQuery,
  response: {
    200: {
      description: 'Fichier iCalendar (text/calendar)',
      content: { 'text/calendar': { schema: { type: 'string' } } },
    },
    400: errorResponses[400],
    500: errorResponses[500],
  },
};

/** Route schema of `GET /api/v1/planning/ocds`. */
export const getPlanningOcdsSchema = {
  tags: ['planification'],
  summary: 'Rétroplanning en jalons OCDS (planning.milestones)',
  description,
  querystring: PlanningQuery,
  response: { 200: OcdsPlanningSchema, 400: errorResponses[400], 500: errorResponses[500] },
};
