import { Type } from '@fastify/type-provider-typebox';
import {
  SUPPLIER_CONTRACTS_MAX_PER_PAGE,
  SUPPLIER_CONTRACTS_PER_PAGE,
  SUPPLIER_SORTS,
  SUPPLIERS_MAX_PER_PAGE,
  SUPPLIERS_PER_PAGE,
} from '../../../domain/suppliers/index.ts';
import {
  contractFactsProperties,
  errorResponses,
  Nullable,
  pagingProperties,
  StringEnum,
} from '../schema.ts';

/** Schemas of `GET /api/v1/suppliers` and `GET /api/v1/suppliers/:siren`. */

const listItemProperties = {
  siren: Type.String({ description: 'SIREN, 9 chiffres', examples: ['827462334'] }),
  name: Type.String({ description: 'Dénomination (SIRENE, ou à défaut telle que publiée dans les DECP)' }),
  nafCode: Nullable(Type.String({ description: 'Code NAF rév. 2 (APE)', examples: ['62.01Z'] })),
  nafLabel: Nullable(Type.String({ description: 'Libellé du code NAF' })),
  communeCode: Nullable(Type.String({ description: 'Code commune Insee du siège (null si non diffusible)' })),
  communeName: Nullable(Type.String({ description: 'Nom de la commune du siège' })),
  departmentCode: Nullable(Type.String({ description: 'Code du département du siège' })),
  contractCount: Type.Integer({ description: 'Nombre de marchés publics (DECP) dont il est titulaire' }),
};

/** A row of the directory (`presentSupplierListItem`). */
export const SupplierListItemSchema = Type.Object(listItemProperties, { title: 'Fournisseur (liste)' });

/** Query string of `GET /api/v1/suppliers`. */
export const ListSuppliersQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'Nom (tous les mots, sans tenir compte des accents ni de la casse) ou SIREN/SIRET (espaces admis)',
    }),
  ),
  sort: Type.Optional(
    StringEnum(SUPPLIER_SORTS, {
      default: 'name',
      description: 'Tri : `name` (ordre alphabétique) ou `contracts`',
    }),
  ),
  ...pagingProperties(SUPPLIERS_PER_PAGE, SUPPLIERS_MAX_PER_PAGE),
});

/** Answer of `GET /api/v1/suppliers` (`presentSupplierList`). */
export const SupplierListSchema = Type.Object(
  {
    total: Type.Integer({ description: 'Nombre total de fournisseurs correspondants' }),
    page: Type.Integer(),
    perPage: Type.Integer(),
    results: Type.Array(SupplierListItemSchema),
  },
  { title: 'Page de l’annuaire' },
);

/** Path parameters of `GET /api/v1/suppliers/:siren`; the SIREN is checked by the use case (French message). */
export const SupplierParams = Type.Object({
  siren: Type.String({ description: 'SIREN (9 chiffres, espaces admis)', examples: ['827462334'] }),
});

/** Query string of `GET /api/v1/suppliers/:siren`: paging of its contracts. */
export const SupplierContractsQuery = Type.Object(
  pagingProperties(SUPPLIER_CONTRACTS_PER_PAGE, SUPPLIER_CONTRACTS_MAX_PER_PAGE),
);

/** Answer of `GET /api/v1/suppliers/:siren` (`presentSupplier`). */
export const SupplierSchema = Type.Object(
  {
    ...listItemProperties,
    contractCount: Type.Integer({ description: 'Nombre total de marchés (toutes pages)' }),
    nameSource: StringEnum(['sirene', 'decp'] as const, { description: 'Origine de la dénomination' }),
    sizeCategory: Nullable(Type.String({ description: "Catégorie d'entreprise SIRENE : PME, ETI ou GE" })),
    ess: Nullable(Type.Boolean({ description: "Appartient à l'économie sociale et solidaire" })),
    diffusible: Type.Boolean({
      description: 'Faux si l’unité a demandé la non-diffusion : pas de localisation',
    }),
    legalCategory: Nullable(Type.String({ description: 'Catégorie juridique SIRENE (4 chiffres)' })),
    headOfficeSiret: Nullable(Type.String({ description: 'SIRET du siège (null si non diffusible)' })),
    createdOn: Nullable(Type.String({ format: 'date', description: "Date de création de l'unité légale" })),
    active: Nullable(Type.Boolean({ description: 'Unité légale active' })),
    departmentName: Nullable(Type.String({ description: 'Nom du département du siège' })),
    page: Type.Integer({ description: 'Page de la liste des marchés' }),
    perPage: Type.Integer(),
    contracts: Type.Array(
      Type.Object({
        ...contractFactsProperties,
        buyer: Type.Object({
          siret: Type.String({ description: "SIRET de l'acheteur" }),
          name: Nullable(Type.String({ description: "Nom de l'acheteur (DECP `acheteur.nom`)" })),
        }),
      }),
      { description: 'Marchés dont il est titulaire, du plus récent au plus ancien' },
    ),
  },
  { title: 'Fournisseur' },
);

/** Route schema of `GET /api/v1/suppliers` (validation, serialisation, OpenAPI). */
export const listSuppliersSchema = {
  tags: ['fournisseurs'],
  summary: 'Rechercher dans l’annuaire des fournisseurs',
  description: 'Liste paginée des fournisseurs, filtrée par nom ou SIREN/SIRET.',
  querystring: ListSuppliersQuery,
  response: { 200: SupplierListSchema, 400: errorResponses[400], 500: errorResponses[500] },
};

/** Route schema of `GET /api/v1/suppliers/:siren`. */
export const getSupplierSchema = {
  tags: ['fournisseurs'],
  summary: 'Fiche d’un fournisseur et ses marchés publics',
  description:
    'Identité du fournisseur (SIRENE) et marchés dont il est titulaire (DECP), du plus récent au plus ancien. ' +
    '400 si le SIREN est mal formé ou sa clé invalide, 404 s’il est inconnu.',
  params: SupplierParams,
  querystring: SupplierContractsQuery,
  response: { 200: SupplierSchema, ...errorResponses },
};
