import { Type } from '@fastify/type-provider-typebox';
import { SOLUTION_LIMITS } from '../../../domain/solutions/index.ts';
import { ErrorSchema, Nullable, StringEnum } from '../schema.ts';

/**
 * Schemas of `/api/v1/solutions`. Bodies are checked loosely here (types only) and fully by the domain,
 * which answers every bad field at once with its French message (`solution.invalid`, `details.fields`),
 * after authorization: an anonymous write is 401 before anything else is judged.
 */

const ListOrText = Type.Union([
  Type.Array(Type.String({ maxLength: 20 }), { maxItems: 120 }),
  Type.String({ maxLength: 2000 }),
]);
const NumberOrText = Nullable(Type.Union([Type.Number(), Type.String({ maxLength: 40 })]));

/** The editable fields (`SolutionInput`). */
const fieldProperties = {
  title: Type.Optional(
    Type.String({ maxLength: 1000, description: `Titre (${SOLUTION_LIMITS.title} caractères au plus)` }),
  ),
  summary: Type.Optional(Type.String({ maxLength: 2000, description: 'Résumé ; obligatoire pour publier' })),
  description: Type.Optional(Type.String({ maxLength: 20_000 })),
  cpvCodes: Type.Optional({
    ...ListOrText,
    description: 'Codes CPV 2008 (avec ou sans chiffre de contrôle) ; au moins un pour publier',
    examples: [['38430000', '72000000-5']],
  }),
  trl: Type.Optional({
    ...NumberOrText,
    description: 'Niveau de maturité technologique, 1 à 9 ; obligatoire pour publier',
  }),
  perimeterKind: Type.Optional(
    StringEnum(['national', 'radius', 'departements', 'regions'] as const, {
      description: 'Périmètre d’intervention (défaut : national)',
    }),
  ),
  commune: Type.Optional(
    Nullable(Type.String({ maxLength: 100, description: 'Pour `radius` : code INSEE ou nom de la commune' })),
  ),
  radiusKm: Type.Optional({ ...NumberOrText, description: 'Pour `radius` : rayon en km, 1 à 1000' }),
  departements: Type.Optional({
    ...ListOrText,
    description: 'Pour `departements` : codes COG (35, 2A, 974)',
  }),
  regions: Type.Optional({ ...ListOrText, description: 'Pour `regions` : codes COG (53)' }),
  priceMin: Type.Optional({ ...NumberOrText, description: 'Prix indicatif minimum, euros HT' }),
  priceMax: Type.Optional({ ...NumberOrText, description: 'Prix indicatif maximum, euros HT (≥ minimum)' }),
  priceUnit: Type.Optional(
    Nullable(Type.String({ maxLength: 200, description: 'Unité : « par an », « par licence »…' })),
  ),
};

export const SolutionPatchBody = Type.Object(fieldProperties, {
  additionalProperties: false,
  title: 'Modification de solution',
});

export const SolutionCreateBody = Type.Object(
  {
    organisation: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'SIRET de l’organisation fournisseur (14 chiffres) ; obligatoire',
      }),
    ),
    ...fieldProperties,
  },
  { additionalProperties: false, title: 'Nouvelle solution' },
);

const Place = Type.Object({ code: Type.String(), name: Type.String() });

/** A solution (`presentSolution`). */
export const SolutionSchema = Type.Object(
  {
    id: Type.Integer(),
    organisation: Type.Object({ siret: Type.String(), siren: Type.String(), name: Type.String() }),
    title: Type.String(),
    summary: Type.String(),
    description: Type.String(),
    cpv: Type.Array(Type.Object({ code: Type.String(), label: Nullable(Type.String()) })),
    trl: Nullable(Type.Object({ level: Type.Integer({ minimum: 1, maximum: 9 }), label: Type.String() })),
    perimeter: Type.Object({
      kind: StringEnum(['national', 'radius', 'departements', 'regions'] as const),
      label: Type.String({ description: 'En toutes lettres' }),
      commune: Nullable(Place),
      radiusKm: Nullable(Type.Integer()),
      departements: Type.Array(Place),
      regions: Type.Array(Place),
    }),
    price: Type.Object({
      min: Nullable(Type.Number({ description: 'Euros HT' })),
      max: Nullable(Type.Number({ description: 'Euros HT' })),
      unit: Nullable(Type.String()),
      label: Nullable(
        Type.String({ description: 'En toutes lettres, p. ex. « de 1 000 € à 5 000 € HT par an »' }),
      ),
    }),
    status: StringEnum(['draft', 'published', 'suspended'] as const, {
      description: '`draft` (visible de l’organisation seule), `published`, `suspended` (par la modération)',
    }),
    statusLabel: Type.String(),
    publishedAt: Nullable(Type.String({ format: 'date-time' })),
    updatedAt: Type.String({ format: 'date-time' }),
    documents: Type.Array(
      Type.Object({
        id: Type.Integer(),
        fileName: Type.String(),
        mediaType: Type.String(),
        sizeBytes: Type.Integer(),
        href: Type.String({ description: 'Téléchargement (page, pas l’API)' }),
      }),
    ),
    abilities: Type.Object(
      { edit: Type.Boolean(), publish: Type.Boolean(), moderate: Type.Boolean() },
      { description: 'Ce que l’appelant peut faire de cette solution' },
    ),
  },
  { title: 'Solution' },
);

export const SolutionParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** Answers of the writes: 401 anonymous, 403 not allowed (or CSRF), 404 unknown or a draft of others. */
export const writeErrors = {
  400: ErrorSchema,
  401: { ...ErrorSchema, description: 'Pas de session ni de jeton (`auth.unauthenticated`)' },
  403: { ...ErrorSchema, description: 'Non membre de l’organisation, ou jeton anti-CSRF absent (`auth.*`)' },
  404: { ...ErrorSchema, description: 'Solution inconnue, ou brouillon d’une autre organisation' },
  500: ErrorSchema,
};

/** Who may call the writes. */
export const writeSecurity: { [scheme: string]: string[] }[] = [{ session: [] }, { apiToken: [] }];
