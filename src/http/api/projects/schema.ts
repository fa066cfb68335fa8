import { Type } from '@fastify/type-provider-typebox';
import { PROCEDURE_CODES } from '../../../domain/planning/index.ts';
import {
  PROJECT_SORTS,
  PROJECT_STATUSES,
  PROJECTS_MAX_PER_PAGE,
  PROJECTS_PER_PAGE,
  VALUE_BANDS,
} from '../../../domain/projects/index.ts';
import { ErrorSchema, Nullable, pagingProperties, StringEnum } from '../schema.ts';

/** Schemas of `/api/v1/projects…`: the public list and page of purchase projects, their OCDS export, writes. */

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Code = Type.Object({ code: Type.String(), label: Type.String() });
const Reservation = Nullable(
  Type.Object({
    code: Type.String({ description: 'eForms BT-71 : res-ws ou res-pub-ser' }),
    label: Type.String(),
    article: Type.String({ description: 'Article du CCP : L2113-12, L2113-13 ou L2113-15' }),
    articleLabel: Type.String(),
  }),
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
const Euros = (description: string) => Nullable(Type.Number({ description: `${description}, euros HT` }));

/** Path parameters of a project. */
export const ProjectParams = Type.Object({ id: Id });
/** Path parameters of a lot. */
export const LotParams = Type.Object({ id: Id, number: Type.Integer({ minimum: 1, maximum: 999 }) });
/** Path parameters of a study version. */
export const StudyParams = Type.Object({ id: Id, documentId: Id });

const summaryProperties = {
  id: Type.Integer(),
  reference: Nullable(Type.String({ description: 'Référence interne de l’acheteur' })),
  title: Type.String(),
  status: StringEnum(PROJECT_STATUSES, {
    description: 'draft, published, tender_launched, awarded, abandoned',
  }),
  statusLabel: Type.String(),
  buyer: Type.Object({ organisationId: Type.Integer(), name: Type.String() }),
  cpvCodes: Type.Array(Type.String({ description: 'Code CPV 2008, 8 chiffres' })),
  estimatedValue: Euros('Valeur estimée (tous lots)'),
  place: Nullable(
    Type.Object({
      kind: StringEnum(['commune', 'departement', 'region'] as const),
      code: Type.String({ description: 'Code COG' }),
      label: Type.String(),
    }),
  ),
  procedure: Code,
  innovative: Type.Boolean({ description: 'Achat innovant (BT-06 inn-pur, BT-776, ou déclaré)' }),
  reserved: Type.Boolean({ description: 'Participation réservée (projet ou lot, BT-71)' }),
  lotCount: Type.Integer(),
  offersDeadline: Nullable(
    Type.String({ format: 'date-time', description: 'Date limite de réception des offres prévue' }),
  ),
  publishedAt: Nullable(Type.String({ format: 'date-time' })),
  url: Type.String({ description: 'Page du projet sur Amont' }),
};

/** A project in the list. */
export const ProjectSummarySchema = Type.Object(summaryProperties, { title: 'Projet d’achat (liste)' });

const Lot = Type.Object(
  {
    number: Type.Integer(),
    title: Type.String(),
    cpvCodes: Type.Array(Type.String()),
    estimatedValue: Euros('Valeur estimée du lot'),
    variants: Type.Object({
      policy: StringEnum(['allowed', 'not-allowed', 'required'] as const, { description: 'eForms BT-63' }),
      label: Type.String(),
      stated: Type.Boolean({ description: 'false : valeur par défaut de la procédure (R2151-8)' }),
      minimumRequirements: Nullable(Type.String()),
      withoutBaseOffer: Type.Boolean(),
    }),
    reserved: Reservation,
    awardCriteria: Type.Array(
      Type.Object({ key: Type.String(), label: Type.String(), weight: Type.Integer() }),
    ),
  },
  { title: 'Lot' },
);

/** A project with everything around it. */
export const ProjectSchema = Type.Object(
  {
    ...summaryProperties,
    need: Type.String({ description: 'Le besoin, exprimé comme un problème' }),
    nature: StringEnum(['works', 'supplies', 'services'] as const),
    buyerType: StringEnum(['central', 'local', 'utility'] as const),
    budget: Euros('Budget'),
    innovativePurchase: Type.Boolean(),
    targetNotificationDate: Nullable(Type.String({ format: 'date' })),
    targetStartDate: Nullable(Type.String({ format: 'date' })),
    contact: Type.Object({ name: Nullable(Type.String()), email: Nullable(Type.String()) }),
    sustainability: Type.Object({
      strategicProcurement: Type.Array(Code, { description: 'eForms BT-06' }),
      greenProcurement: Type.Array(Code, { description: 'eForms BT-774' }),
      socialProcurement: Type.Array(Code, { description: 'eForms BT-775' }),
      innovationProcurement: Type.Array(Code, { description: 'eForms BT-776' }),
      reserved: Reservation,
      decp: Type.Object(
        { social: Type.Array(Type.String()), environmental: Type.Array(Type.String()) },
        { description: 'Considérations sociales et environnementales au sens des DECP 2022' },
      ),
    }),
    lots: Type.Array(Lot),
    documents: Type.Array(
      Type.Object({
        id: Type.Integer(),
        title: Type.String(),
        version: Type.Integer(),
        fileName: Type.String(),
        mediaType: Type.String(),
        sizeBytes: Type.Integer(),
        sha256: Type.String(),
        visibility: StringEnum(['public', 'suppliers'] as const),
        createdAt: Type.String({ format: 'date-time' }),
        current: Type.Boolean(),
        url: Type.String(),
      }),
    ),
    planning: Nullable(
      Type.Object(
        { milestones: Type.Array(Type.Any()), warnings: Type.Array(Type.Any()) },
        {
          description:
            'Rétroplanning du moteur de planification (jalons comme GET /api/v1/planning, plus buyerSet)',
        },
      ),
    ),
    history: Type.Array(
      Type.Object({
        version: Type.Integer(),
        changedAt: Type.String({ format: 'date-time' }),
        changes: Type.Array(
          Type.Object({ path: Type.String(), before: Type.Any(), after: Type.Any(), text: Type.String() }),
        ),
      }),
      { description: 'Modifications depuis la publication, de la plus récente à la plus ancienne' },
    ),
    reminders: Type.Array(
      Type.Object({
        code: Type.String(),
        severity: StringEnum(['warning', 'info'] as const),
        message: Type.String(),
        legalBasis: Type.String(),
      }),
      {
        description: 'Rappels des obligations sociales et environnementales (pour les membres de l’acheteur)',
      },
    ),
    advice: Nullable(
      Type.Object(
        {
          recommended: Type.Array(Code, {
            description: 'Procédures adaptées à la valeur, la plus courante d’abord',
          }),
          euThreshold: Threshold,
          noPublicityThreshold: Threshold,
          items: Type.Array(
            Type.Object({
              code: Type.String(),
              severity: StringEnum(['warning', 'info'] as const),
              message: Type.String(),
              article: Nullable(Type.String({ description: 'Article du CCP' })),
            }),
          ),
        },
        {
          title: 'Conseil de procédure',
          description:
            'Seuils européens 2026–2027, dispense de publicité, exemption des achats innovants, adéquation de la ' +
            'procédure choisie : un conseil, jamais un blocage. Pour les membres de l’acheteur, projet ouvert avec ' +
            'une valeur estimée ; null sinon.',
        },
      ),
    ),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
    abilities: Type.Object({ edit: Type.Boolean(), readReservedDocuments: Type.Boolean() }),
  },
  { title: 'Projet d’achat' },
);

/** Query string of the list. */
export const ListProjectsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Mots du titre ou du besoin' })),
  cpv: Type.Optional(Type.String({ maxLength: 20, description: 'Code CPV : ce code et ceux qu’il englobe' })),
  department: Type.Optional(Type.String({ maxLength: 3, description: 'Département (code COG)' })),
  region: Type.Optional(Type.String({ maxLength: 3, description: 'Région (code COG)' })),
  procedure: Type.Optional(
    Type.Array(StringEnum(PROCEDURE_CODES), {
      maxItems: PROCEDURE_CODES.length,
      description: 'Procédure ; répétez le paramètre pour plusieurs (procedure=AOO&procedure=MAPA)',
    }),
  ),
  status: Type.Optional(
    StringEnum(
      PROJECT_STATUSES.filter((s) => s !== 'draft'),
      { description: 'Statut : published, tender_launched, awarded, abandoned' },
    ),
  ),
  valueBand: Type.Optional(StringEnum(VALUE_BANDS.map((b) => b.code))),
  deadlineFrom: Type.Optional(
    Type.String({ format: 'date', description: 'Date limite des offres à partir du' }),
  ),
  deadlineTo: Type.Optional(
    Type.String({ format: 'date', description: 'Date limite des offres jusqu’au (pas avant deadlineFrom)' }),
  ),
  reserved: Type.Optional(Type.Boolean({ description: 'Seulement les participations réservées' })),
  innovation: Type.Optional(Type.Boolean({ description: 'Seulement les achats innovants' })),
  sort: Type.Optional(StringEnum(PROJECT_SORTS, { default: 'published' })),
  ...pagingProperties(PROJECTS_PER_PAGE, PROJECTS_MAX_PER_PAGE),
});

/** Answer of the list. */
export const ProjectListSchema = Type.Object(
  {
    total: Type.Integer(),
    page: Type.Integer(),
    perPage: Type.Integer(),
    results: Type.Array(ProjectSummarySchema),
  },
  { title: 'Page de projets d’achat' },
);

const Text = Type.Union([Type.String(), Type.Null()]);
const Amount = Type.Union([Type.Number(), Type.String(), Type.Null()]);
const Codes = Type.Union([Type.Array(Type.String()), Type.String()]);
const Flag = Type.Union([Type.Boolean(), Type.String()]);

/** Fields of a project, as the API writes them (checked by the domain, French errors naming the field). */
export const projectFieldsProperties = {
  reference: Type.Optional(Text),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  need: Type.Optional(Type.String({ maxLength: 20_000 })),
  nature: Type.Optional(Text),
  buyerType: Type.Optional(Text),
  cpvCodes: Type.Optional(Codes),
  estimatedValue: Type.Optional(Amount),
  budget: Type.Optional(Amount),
  placeKind: Type.Optional(Text),
  placeCode: Type.Optional(Text),
  procedure: Type.Optional(Type.String({ maxLength: 10 })),
  innovativePurchase: Type.Optional(Flag),
  targetNotificationDate: Type.Optional(Text),
  targetStartDate: Type.Optional(Text),
  targetDates: Type.Optional(
    Type.Record(Type.String(), Text, {
      description:
        'Jalon → date (et heure) fixées par l’acheteur ; remplace toutes les dates fixées (une valeur vide ou absente : date calculée)',
    }),
  ),
  contactName: Type.Optional(Text),
  contactEmail: Type.Optional(Text),
  strategicProcurement: Type.Optional(Codes),
  greenProcurement: Type.Optional(Codes),
  socialProcurement: Type.Optional(Codes),
  innovationProcurement: Type.Optional(Codes),
  reservedParticipation: Type.Optional(Text),
  reservedArticle: Type.Optional(Text),
};

/** Body of `POST /projects`. */
export const ProjectCreateBody = Type.Object({ organisationId: Id, ...projectFieldsProperties });
/** Body of `PATCH /projects/:id`. */
export const ProjectPatchBody = Type.Object(projectFieldsProperties);
/** Body of `POST /projects/:id/status`. */
export const TransitionBody = Type.Object({
  transition: StringEnum(['publish', 'launchTender', 'award', 'abandon'] as const, {
    description: 'publish (brouillon → publié), launchTender, award, abandon',
  }),
});

/** Fields of a lot. */
export const LotBody = Type.Object({
  number: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  cpvCodes: Type.Optional(Codes),
  estimatedValue: Type.Optional(Amount),
  variants: Type.Optional(Text),
  variantMinimumRequirements: Type.Optional(Text),
  variantWithoutBaseOffer: Type.Optional(Flag),
  reservedParticipation: Type.Optional(Text),
  reservedArticle: Type.Optional(Text),
  awardCriteria: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()])),
  ),
});
/** A saved lot. */
export const LotSchema = Lot;

/** Body of `PATCH /projects/:id/studies/:documentId`. */
export const VisibilityBody = Type.Object({ visibility: StringEnum(['public', 'suppliers'] as const) });

/** The OCDS release package: validated by the tests against the OCDS 1.1 schemas and five extensions. */
export const OcdsPackageSchema = Type.Object(
  {},
  {
    additionalProperties: true,
    title: 'Paquet de publications OCDS 1.1',
    description: 'release-package-schema.json',
  },
);

/** Errors of a read. */
export const readErrors = {
  400: ErrorSchema,
  404: { ...ErrorSchema, description: 'Projet inconnu, ou brouillon d’une autre organisation' },
  500: ErrorSchema,
};

/** Errors of a write. */
export const writeErrors = {
  ...readErrors,
  401: { ...ErrorSchema, description: 'Pas de session ni de jeton (`auth.unauthenticated`)' },
  403: { ...ErrorSchema, description: 'Non membre de l’organisation acheteuse, ou jeton anti-CSRF absent' },
};

/** Who may call the writes: a session (with `X-CSRF-Token`) or an organisation's API token. */
export const writeSecurity: { [scheme: string]: string[] }[] = [{ session: [] }, { apiToken: [] }];
