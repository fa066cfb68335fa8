import { Type } from '@fastify/type-provider-typebox';
import { errorResponses, Nullable } from '../schema.ts';

/** Schemas of `GET /api/v1/communes`, the commune autocomplete. */

/** Most communes one request may ask for. */
export const COMMUNES_MAX_LIMIT = 20;
/** Communes returned unless asked otherwise. */
export const COMMUNES_DEFAULT_LIMIT = 10;

/** Query string of `GET /api/v1/communes`. */
export const CommunesQuery = Type.Object({
  q: Type.String({
    maxLength: 100,
    description:
      'Début du nom (accents, majuscules, tirets et apostrophes ignorés ; une faute légère est tolérée), ' +
      'ou début du code postal ou du code INSEE. Vide : aucun résultat.',
    examples: ['saint etienne'],
  }),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: COMMUNES_MAX_LIMIT,
      default: COMMUNES_DEFAULT_LIMIT,
      description: `Nombre de communes (${COMMUNES_MAX_LIMIT} au plus)`,
    }),
  ),
});

/** Answer of `GET /api/v1/communes`. */
export const CommuneListSchema = Type.Object(
  {
    results: Type.Array(
      Type.Object({
        code: Type.String({
          description: 'Code commune INSEE (COG), à passer dans `near`',
          examples: ['35238'],
        }),
        name: Type.String({ examples: ['Rennes'] }),
        departmentCode: Type.String({ examples: ['35'] }),
        postalCode: Nullable(
          Type.String({ description: 'Le plus petit de ses codes postaux', examples: ['35000'] }),
        ),
      }),
      { description: 'Les noms commençant par le texte d’abord, puis les plus peuplées' },
    ),
  },
  { title: 'Communes' },
);

/** Route schema of `GET /api/v1/communes`. */
export const listCommunesSchema = {
  tags: ['communes'],
  summary: 'Trouver une commune par son nom ou son code postal',
  description:
    'Communes du Code officiel géographique (Insee), arrondissements municipaux compris, pour l’autocomplétion ' +
    'du champ « commune » de la recherche : le `code` renvoyé est la valeur du paramètre `near` de `/api/v1/search`.',
  querystring: CommunesQuery,
  response: { 200: CommuneListSchema, 400: errorResponses[400], 500: errorResponses[500] },
};
