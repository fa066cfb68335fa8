import { Type } from '@fastify/type-provider-typebox';
import { BUYER_CONTRACTS_MAX_PER_PAGE, BUYER_CONTRACTS_PER_PAGE } from '../../../domain/buyers/index.ts';
import { contractFactsProperties, errorResponses, Nullable, pagingProperties } from '../schema.ts';

/** Schemas of `GET /api/v1/buyers/:siret`. */

/** Path parameters of `GET /api/v1/buyers/:siret`; the SIRET is checked by the use case (French message). */
export const BuyerParams = Type.Object({
  siret: Type.String({
    description: 'SIRET de l’acheteur (14 chiffres, espaces admis)',
    examples: ['28850001000013'],
  }),
});

/** Query string of `GET /api/v1/buyers/:siret`: paging of its contracts. */
export const BuyerContractsQuery = Type.Object(
  pagingProperties(BUYER_CONTRACTS_PER_PAGE, BUYER_CONTRACTS_MAX_PER_PAGE),
);

/** Answer of `GET /api/v1/buyers/:siret` (`presentBuyer`). */
export const BuyerSchema = Type.Object(
  {
    siret: Type.String({ description: 'SIRET tel que publié' }),
    name: Nullable(Type.String({ description: 'Nom de l’acheteur (DECP `acheteur.nom`)' })),
    siretValid: Type.Boolean({ description: 'Faux si le SIRET publié ne passe pas le contrôle de clé' }),
    contractCount: Type.Integer({ description: 'Nombre total de marchés publiés (toutes pages)' }),
    page: Type.Integer(),
    perPage: Type.Integer(),
    contracts: Type.Array(
      Type.Object({
        ...contractFactsProperties,
        titulaires: Type.Array(
          Type.Object({
            name: Nullable(Type.String({ description: 'Dénomination (SIRENE si connue, sinon DECP)' })),
            identifier: Nullable(Type.String({ description: 'Identifiant publié (SIRET, TVA…)' })),
            identifierType: Nullable(Type.String({ description: 'DECP `typeIdentifiant`' })),
            siren: Nullable(
              Type.String({ description: 'SIREN du fournisseur dans l’annuaire, s’il y figure' }),
            ),
          }),
        ),
      }),
      { description: 'Marchés publiés, du plus récent au plus ancien' },
    ),
  },
  { title: 'Acheteur' },
);

/** Route schema of `GET /api/v1/buyers/:siret` (validation, serialisation, OpenAPI). */
export const getBuyerSchema = {
  tags: ['acheteurs'],
  summary: 'Fiche d’un acheteur public et ses marchés',
  description:
    'Acheteur public et marchés qu’il a publiés (DECP), avec leurs titulaires. 400 si le SIRET est mal formé ' +
    '(sauf s’il est publié tel quel par un acheteur connu), 404 s’il est inconnu.',
  params: BuyerParams,
  querystring: BuyerContractsQuery,
  response: { 200: BuyerSchema, ...errorResponses },
};
