import { Type } from '@fastify/type-provider-typebox';
import {
  IMPORT_REJECTIONS_MAX_PER_PAGE,
  IMPORT_REJECTIONS_PER_PAGE,
  IMPORT_RUNS_MAX_PER_PAGE,
  IMPORT_RUNS_PER_PAGE,
} from '../../../domain/imports/index.ts';
import { errorResponses, Nullable, pagingProperties } from '../schema.ts';

/** Schemas of `GET /api/v1/imports` and `GET /api/v1/imports/:id`. */

/** Largest `import_runs.id` (a PostgreSQL `integer`): a larger number cannot name a run. */
const MAX_RUN_ID = 2_147_483_647;

const figure = (description: string) => Type.Integer({ minimum: 0, description });

/** A map of figure name → number, written as `additionalProperties` (OpenAPI 3.0 has no patternProperties). */
const FigureMap = (description: string, examples: Record<string, number>) =>
  Type.Unsafe<Record<string, number>>({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description,
    examples: [examples],
  });

const runProperties = {
  id: Type.Integer({ description: 'Numéro de l’import', examples: [12] }),
  kind: Type.String({
    description: 'Source : `cpv` (nomenclature CPV 2008), `communes` (COG Insee), `sirene` ou `decp`',
    examples: ['decp'],
  }),
  file: Type.String({
    description: 'Nom du fichier importé (sans son chemin sur le serveur)',
    examples: ['e-marchespublics.json'],
  }),
  status: Type.String({
    description:
      '`running` (en cours), `done` (terminé) ou `failed` (échoué : fichier illisible jusqu’au bout)',
    examples: ['done'],
  }),
  startedAt: Type.String({ format: 'date-time', description: 'Début de l’import (UTC)' }),
  finishedAt: Nullable(Type.String({ format: 'date-time', description: 'Fin de l’import (UTC)' })),
  counts: Type.Object(
    {
      read: figure('Enregistrements lus dans le fichier'),
      inserted: figure('Enregistrements nouveaux, ajoutés'),
      updated: figure('Enregistrements déjà connus, mis à jour'),
      unchanged: figure('Enregistrements déjà connus, identiques (réimport)'),
      duplicate: figure('Doublons fusionnés : même clé déjà lue ou version plus ancienne'),
      rejected: figure('Enregistrements rejetés (motifs dans `rejections`)'),
    },
    { description: 'read = inserted + updated + unchanged + duplicate + rejected' },
  ),
  flags: FigureMap(
    'Signalements de qualité : enregistrements importés avec une valeur réparée, ou laissée vide faute de ' +
      'lecture unique (p. ex. `cpv_unknown` : code CPV absent de la nomenclature)',
    { cpv_unknown: 3, buyer_siret_invalid: 1 },
  ),
};

/** A run of the journal (`presentImportRun`). */
export const ImportRunSchema = Type.Object(runProperties, { title: 'Import' });

/** Query string of `GET /api/v1/imports`. */
export const ListImportsQuery = Type.Object(pagingProperties(IMPORT_RUNS_PER_PAGE, IMPORT_RUNS_MAX_PER_PAGE));

/** Answer of `GET /api/v1/imports` (`presentImportRunList`). */
export const ImportRunListSchema = Type.Object(
  {
    total: Type.Integer({ description: 'Nombre total d’imports' }),
    page: Type.Integer(),
    perPage: Type.Integer(),
    results: Type.Array(ImportRunSchema, { description: 'Du plus récent au plus ancien' }),
  },
  { title: 'Journal des imports' },
);

/** Path parameters of `GET /api/v1/imports/:id`. */
export const ImportRunParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: MAX_RUN_ID, description: 'Numéro de l’import', examples: [12] }),
});

/** Query string of `GET /api/v1/imports/:id`: paging of its rejected records. */
export const ImportRunQuery = Type.Object(
  pagingProperties(IMPORT_REJECTIONS_PER_PAGE, IMPORT_REJECTIONS_MAX_PER_PAGE),
);

/** Answer of `GET /api/v1/imports/:id` (`presentImportRunDetail`). */
export const ImportRunDetailSchema = Type.Object(
  {
    ...runProperties,
    otherFigures: FigureMap(
      'Autres chiffres : rejets par motif (`rejected.<code>`), sièges renseignés (`supplier.head_office_set`)…',
      { 'rejected.buyer_missing': 2 },
    ),
    rejections: Type.Object(
      {
        total: Type.Integer({ description: 'Nombre total d’enregistrements rejetés' }),
        page: Type.Integer(),
        perPage: Type.Integer(),
        results: Type.Array(
          Type.Object({
            position: Type.String({
              description: 'Position dans le fichier (enregistrement, ligne)',
              examples: ['enregistrement 3, ligne 5 (octet 412)'],
            }),
            reason: Type.String({ description: 'Motif du rejet' }),
            excerpt: Nullable(Type.String({ description: 'Début de l’enregistrement tel que lu' })),
          }),
          { description: 'Dans l’ordre du fichier' },
        ),
      },
      { description: 'Enregistrements rejetés, paginés par `page` et `perPage`' },
    ),
  },
  { title: 'Rapport d’import' },
);

/** Route schema of `GET /api/v1/imports` (validation, serialisation, OpenAPI). */
export const listImportsSchema = {
  tags: ['données'],
  summary: 'Journal des imports de données ouvertes',
  description:
    'Chaque import d’un fichier de données ouvertes (CPV, communes, SIRENE, DECP), du plus récent au plus ' +
    'ancien, avec ses comptes : lus = importés + mis à jour + inchangés + doublons + rejetés.',
  querystring: ListImportsQuery,
  response: { 200: ImportRunListSchema, 400: errorResponses[400], 500: errorResponses[500] },
};

/** Route schema of `GET /api/v1/imports/:id`. */
export const getImportSchema = {
  tags: ['données'],
  summary: 'Rapport d’un import et ses enregistrements rejetés',
  description:
    'Comptes, signalements de qualité et enregistrements rejetés (position, motif, extrait) d’un import. ' +
    '400 si le numéro n’est pas un entier positif, 404 s’il est inconnu.',
  params: ImportRunParams,
  querystring: ImportRunQuery,
  response: { 200: ImportRunDetailSchema, ...errorResponses },
};
