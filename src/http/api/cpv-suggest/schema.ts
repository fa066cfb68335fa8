import { Type } from '@fastify/type-provider-typebox';
import { DEFAULT_SUGGESTIONS, MAX_NEED_LENGTH, MAX_SUGGESTIONS } from '../../../search/cpv-suggest/index.ts';
import { errorResponses } from '../schema.ts';

/** Schemas of `GET /api/v1/cpv/suggest`. */

/** Query string: the need and the number of suggestions. */
export const CpvSuggestQuery = Type.Object({
  q: Type.String({
    maxLength: MAX_NEED_LENGTH,
    description:
      'Le besoin, décrit en français (par exemple « entretien des espaces verts de la commune »). ' +
      'Un texte vide ou fait d’espaces est refusé (400).',
    examples: ['entretien des espaces verts'],
  }),
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_SUGGESTIONS,
      default: DEFAULT_SUGGESTIONS,
      description: `Nombre de suggestions (${MAX_SUGGESTIONS} au plus)`,
    }),
  ),
});

/** One suggested code (`presentCpvSuggestion`). */
export const CpvSuggestionSchema = Type.Object(
  {
    code: Type.String({
      description: 'Code CPV 2008 avec son chiffre de contrôle',
      examples: ['77310000-6'],
    }),
    label: Type.String({ description: 'Libellé français du code dans la nomenclature CPV 2008' }),
    score: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'Force des indices relative au code le mieux soutenu (1)',
    }),
    why: Type.Array(Type.String(), {
      description:
        'Raisons, en français : marchés aux objets proches, mots du libellé CPV, domaine le plus soutenu',
    }),
  },
  { title: 'Suggestion CPV' },
);

/** Answer of `GET /api/v1/cpv/suggest`. */
export const CpvSuggestionsSchema = Type.Object(
  {
    suggestions: Type.Array(CpvSuggestionSchema, {
      description:
        'Le meilleur code du domaine (division CPV) le mieux soutenu, puis les autres par score décroissant ; ' +
        'vide si le besoin ne contient que des mots vides ou si rien ne lui ressemble',
    }),
  },
  { title: 'Suggestions CPV' },
);

/** Route schema of `GET /api/v1/cpv/suggest` (validation, serialisation, OpenAPI). */
export const cpvSuggestSchema = {
  tags: ['recherche'],
  summary: 'Suggérer des codes CPV pour un besoin décrit en français',
  description:
    'Codes CPV 2008 qui conviennent à un besoin écrit librement, d’après les libellés de la nomenclature et ' +
    'les marchés publiés (DECP) dont l’objet ressemble au besoin, chacun avec ses raisons. Les suggestions ' +
    'suivent les données importées : un import de marchés change les réponses suivantes.',
  querystring: CpvSuggestQuery,
  response: { 200: CpvSuggestionsSchema, 400: errorResponses[400], 500: errorResponses[500] },
};
