import { Type } from '@fastify/type-provider-typebox';
import {
  MAX_NEAR_LENGTH,
  MAX_QUERY_LENGTH,
  MAX_RADIUS_KM,
  SEARCH_MAX_PER_PAGE,
  SEARCH_PER_PAGE,
  DEFAULT_RADIUS_KM,
} from '../../search-params.ts';
import { errorResponses, Nullable, pagingProperties, StringEnum } from '../schema.ts';

/**
 * Schemas of `GET /api/v1/search`: the query string (checked again, with French messages, by
 * `parseSearchParams`, which the page shares) and the `SearchResponse` of `src/search/search-index.ts`.
 */

const listParam = (description: string, examples: string[]) =>
  Type.Optional(
    Type.Array(Type.String({ maxLength: 600 }), {
      description: `${description} Répétable (\`…&x=a&x=b\`) ou séparé par des virgules ; valeurs combinées par OU.`,
      examples: [examples],
    }),
  );

const flagParam = (description: string) =>
  Type.Optional(
    StringEnum(['1', 'true', '0', 'false'] as const, {
      description: `${description} (\`1\`/\`true\` : oui ; \`0\`/\`false\` ou absent : pas de filtre)`,
    }),
  );

/** Query string of `GET /api/v1/search`. */
export const SearchQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: MAX_QUERY_LENGTH,
      description:
        'Texte libre en français : mots (accents, pluriels et synonymes tolérés), "expression exacte", -exclusion.',
      examples: ['capteurs qualité de l’air'],
    }),
  ),
  cpv: listParam(
    'Codes CPV 2008, avec ou sans clé (`45210000`, `45210000-2`) ; un code inclut ses descendants.',
    ['45000000'],
  ),
  naf: listParam('Codes NAF rév. 2, avec ou sans point (`62.01Z`, `6201Z`).', ['62.01Z']),
  region: listParam('Codes région COG (`53`), ou `non-renseigne`.', ['53']),
  dept: listParam('Codes département COG (`35`, `2A`, `974`), ou `non-renseigne`.', ['35']),
  size: listParam('Tailles : `TPE`, `PME`, `ETI`, `GE`, ou `non-renseigne`.', ['TPE', 'PME']),
  trl: listParam('Niveaux de maturité (TRL, `1` à `9`) des solutions publiées sur Amont.', ['7', '8', '9']),
  innovation: listParam(
    'Signaux d’innovation des fournisseurs inscrits : `jei`, `french_tech`, `i_lab`, `bpifrance`, `patent`, `public_pilot`.',
    ['jei'],
  ),
  ess: flagParam('Seulement les entreprises de l’économie sociale et solidaire'),
  hasContracts: flagParam('Seulement les titulaires d’au moins un marché public (DECP)'),
  hasInnovativeContract: flagParam(
    'Seulement les titulaires d’un marché innovant (DECP 2022 `marcheInnovant`)',
  ),
  near: Type.Optional(
    Type.String({
      maxLength: MAX_NEAR_LENGTH,
      description:
        'Code commune INSEE (COG) du centre de la recherche géographique (`35238` pour Rennes). ' +
        '400 `near` si aucune commune n’a ce code. Voir `GET /api/v1/communes` pour le trouver par son nom.',
      examples: ['35238'],
    }),
  ),
  radiusKm: Type.Optional(
    Type.Number({
      description: `Rayon autour de \`near\`, en km (distance à vol d’oiseau entre les points de référence des communes) : plus de 0 et ${MAX_RADIUS_KM} au plus, ${DEFAULT_RADIUS_KM} par défaut. 400 \`radiusKm\` sinon.`,
      examples: [30],
    }),
  ),
  ...pagingProperties(SEARCH_PER_PAGE, SEARCH_MAX_PER_PAGE),
});

const segments = Type.Array(
  Type.Object({
    text: Type.String({ description: 'Texte d’origine (à échapper avant affichage)' }),
    match: Type.Boolean({ description: 'Vrai si ce morceau correspond à la recherche' }),
  }),
);

const WhySchema = Type.Object(
  {
    kind: StringEnum(['term', 'filter', 'distance'] as const, {
      description: 'Un terme de la recherche, un filtre actif, ou la distance',
    }),
    label: Type.String({
      description: 'Explication en français, p. ex. « capteur » dans le nom (mot exact)',
    }),
    term: Type.Optional(Type.String({ description: '`term` : le terme tel que saisi' })),
    fields: Type.Optional(
      Type.Array(StringEnum(['name', 'activity', 'contracts'] as const), {
        description: '`term` : champs où il a été trouvé (nom, activité, objets des marchés)',
      }),
    ),
    exact: Type.Optional(Type.Boolean({ description: '`term` : le mot lui-même a été trouvé' })),
    via: Type.Optional(
      Type.Object({
        kind: StringEnum(['synonym', 'abbreviation', 'inflection', 'correction'] as const),
        text: Type.String(),
      }),
    ),
    facet: Type.Optional(Type.String({ description: '`filter` : nom du filtre' })),
    value: Type.Optional(Type.String({ description: '`filter` : valeur du résultat pour ce filtre' })),
    km: Type.Optional(Type.Number({ description: '`distance` : distance en km' })),
  },
  { title: 'Raison' },
);

const SearchResultSchema = Type.Object(
  {
    kind: StringEnum(['supplier'] as const),
    siren: Type.String({ description: 'SIREN, 9 chiffres', examples: ['827462334'] }),
    name: Type.String({ description: 'Dénomination' }),
    score: Type.Number({ description: 'Pertinence = text + synonyms + exact ; 0 sans texte recherché' }),
    scoreParts: Type.Object({
      text: Type.Number({
        description: 'ts_rank des mots saisis (nom 1, activité 0,4, objets des marchés 0,2)',
      }),
      synonyms: Type.Number({ description: 'moitié du ts_rank des synonymes' }),
      exact: Type.Number({ description: 'ts_rank des mots exacts (non racinisés)' }),
    }),
    distanceKm: Type.Optional(Type.Number({ description: 'Distance à la commune `near`, km, 1 décimale' })),
    nafCode: Nullable(Type.String({ description: 'Code NAF rév. 2', examples: ['62.01Z'] })),
    nafLabel: Nullable(Type.String()),
    communeCode: Nullable(Type.String({ description: 'Code commune INSEE du siège' })),
    communeName: Nullable(Type.String({ description: 'Nom de la commune du siège' })),
    departmentCode: Nullable(Type.String()),
    regionCode: Nullable(Type.String()),
    sizeCategory: Nullable(StringEnum(['TPE', 'PME', 'ETI', 'GE'] as const)),
    ess: Type.Boolean(),
    contractCount: Type.Integer({ description: 'Nombre de marchés publics (DECP) remportés' }),
    hasInnovativeContract: Type.Boolean(),
    why: Type.Array(WhySchema, { description: 'Pourquoi ce résultat : termes, filtres, distance' }),
    highlights: Type.Object(
      {
        name: Type.Optional(segments),
        activity: Type.Optional(segments),
        contracts: Type.Optional(segments),
      },
      {
        description:
          'Champs trouvés, découpés en morceaux ; les objets des marchés en extraits joints par « … »',
      },
    ),
  },
  { title: 'Résultat de recherche' },
);

const facetValue = {
  value: Type.String({
    description: 'Valeur à passer dans le paramètre du même nom (`non-renseigne` : vide)',
  }),
  label: Type.String(),
  count: Type.Integer({ description: 'Nombre de résultats avec cette valeur (autres filtres appliqués)' }),
  selected: Type.Boolean(),
};
const FacetValueSchema = Type.Object(facetValue);
const BooleanFacetSchema = Type.Object({ count: Type.Integer(), selected: Type.Boolean() });

/** Answer of `GET /api/v1/search`. */
export const SearchResponseSchema = Type.Object(
  {
    total: Type.Integer({ description: 'Nombre de résultats, toutes pages' }),
    page: Type.Integer(),
    perPage: Type.Integer(),
    correctedQuery: Nullable(
      Type.String({ description: 'Texte réellement recherché après correction d’une faute de frappe' }),
    ),
    results: Type.Array(SearchResultSchema),
    facets: Type.Object({
      cpv: Type.Array(
        Type.Object({
          ...facetValue,
          level: Type.Integer({ description: '1 (division) à 7' }),
          parent: Nullable(Type.String({ description: 'Code du nœud parent ; null pour une division' })),
        }),
        { description: 'Arbre CPV : divisions, puis chemin et enfants des codes choisis' },
      ),
      naf: Type.Array(FacetValueSchema),
      region: Type.Array(FacetValueSchema),
      dept: Type.Array(FacetValueSchema),
      size: Type.Array(FacetValueSchema),
      ess: BooleanFacetSchema,
      hasContracts: BooleanFacetSchema,
      hasInnovativeContract: BooleanFacetSchema,
      trl: Type.Array(FacetValueSchema, {
        description: 'Maturité (TRL 1 à 9) des solutions publiées sur Amont',
      }),
      innovation: Type.Array(FacetValueSchema, {
        description: 'Signaux d’innovation déclarés par les fournisseurs',
      }),
    }),
    warnings: Type.Array(
      Type.Object({
        code: Type.String({
          description: 'p. ex. `cpv.invalid_format`, `query.corrected`, `ranking.capped`',
        }),
        message: Type.String({ description: 'En français, affichable tel quel' }),
        details: Type.Optional(Type.Object({}, { additionalProperties: true })),
      }),
      { description: 'Valeurs ignorées ou corrigées : la recherche a eu lieu quand même' },
    ),
    partial: Type.Optional(
      Type.Object(
        {
          scanned: Type.Integer({ description: 'Documents lus au plus par parcours' }),
          total: Type.Boolean({ description: '`total` est un minimum (« plus de … »)' }),
          facets: Type.Boolean({
            description: 'Certains comptes de facettes ne portent que sur les documents lus',
          }),
        },
        {
          description:
            'Présent quand une recherche très large s’est arrêtée de lire les correspondances pour répondre vite ; absent quand tous les comptes sont exacts',
        },
      ),
    ),
  },
  { title: 'Page de résultats de recherche' },
);

/** Route schema of `GET /api/v1/search`. */
export const searchSchema = {
  tags: ['recherche'],
  summary: 'Rechercher des fournisseurs (texte, filtres, distance)',
  description:
    'Recherche plein texte en français dans les fournisseurs (nom, activité, objets des marchés remportés), ' +
    'filtres combinables avec leurs comptes (facettes), recherche autour d’une commune, et pour chaque ' +
    'résultat son score détaillé, les raisons de sa présence et les passages trouvés. Les valeurs de filtre ' +
    'inutilisables sont ignorées avec un avertissement (`warnings`) ; les paramètres invalides (page, ' +
    'perPage, radiusKm, commune inconnue…) sont refusés en 400 avec le paramètre en cause (`details.field`).',
  querystring: SearchQuery,
  response: { 200: SearchResponseSchema, 400: errorResponses[400], 500: errorResponses[500] },
};
