import { Type } from '@fastify/type-provider-typebox';
import { contractFactsProperties, errorResponses, Nullable, StringEnum } from '../schema.ts';

/** Schema of `GET /api/v1/organisations/:siret` (`presentShowcase`). */

const CodeLabel = Type.Object({ code: Type.String(), label: Type.String() });

export const OrganisationParams = Type.Object({
  siret: Type.String({
    maxLength: 40,
    description: 'SIRET (14 chiffres, espaces admis)',
    examples: ['35600000000048'],
  }),
});

export const OrganisationSchema = Type.Object(
  {
    siret: Type.String(),
    siren: Type.String(),
    kind: StringEnum(['buyer', 'supplier'] as const, { description: 'Acheteur public ou fournisseur' }),
    name: Type.String({
      description:
        'Nom ; « Entrepreneur individuel (identité non diffusible) » pour une personne physique dont la fiche SIRENE n’est pas diffusible',
    }),
    status: StringEnum(['active', 'suspended'] as const),
    unit: Nullable(
      Type.Object(
        {
          nafCode: Nullable(Type.String()),
          nafLabel: Nullable(Type.String()),
          sizeCategory: Nullable(Type.String()),
          ess: Nullable(Type.Boolean()),
          diffusible: Type.Boolean({ description: 'Faux : aucune localisation n’est donnée' }),
          communeName: Nullable(Type.String()),
          departmentCode: Nullable(Type.String()),
        },
        { description: 'Unité légale SIRENE, si elle est importée' },
      ),
    ),
    profile: Type.Object({
      description: Nullable(Type.String()),
      website: Nullable(Type.String()),
      labels: Type.Array(CodeLabel, {
        description: 'ESS, SIAE, EA, ESAT, société à mission, RGE, SCOP (déclarés)',
      }),
      innovationSignals: Type.Array(CodeLabel, {
        description: 'JEI, French Tech, i-Lab, Bpifrance, brevet, expérimentation publique (déclarés)',
      }),
      innovationDetails: Nullable(Type.String()),
    }),
    solutions: Type.Array(
      Type.Object({
        id: Type.Integer(),
        title: Type.String(),
        summary: Type.String(),
        trl: Nullable(Type.Integer()),
        trlLabel: Nullable(Type.String()),
        status: StringEnum(['draft', 'published', 'suspended'] as const),
        statusLabel: Type.String(),
        publishedAt: Nullable(Type.String({ format: 'date-time' })),
        href: Type.String(),
      }),
      { description: 'Publiées ; toutes pour les membres de l’organisation' },
    ),
    declaredReferences: Type.Array(
      Type.Object({
        id: Type.Integer(),
        buyerName: Type.String(),
        buyerSiret: Nullable(Type.String()),
        year: Type.Integer(),
        title: Type.String(),
        amount: Nullable(Type.Number({ description: 'Euros HT' })),
      }),
      { description: 'Références déclarées par l’organisation (non vérifiées)' },
    ),
    decpContracts: Nullable(
      Type.Object({
        total: Type.Integer({ description: 'Marchés DECP dont le SIREN est titulaire' }),
        shown: Type.Array(
          Type.Object({
            ...contractFactsProperties,
            buyer: Type.Object({ siret: Type.String(), name: Nullable(Type.String()) }),
          }),
          { description: 'Les plus récents' },
        ),
      }),
    ),
    abilities: Type.Object({ edit: Type.Boolean(), member: Type.Boolean() }),
  },
  { title: 'Organisation' },
);

export const getOrganisationSchema = {
  tags: ['organisations'],
  summary: 'Page publique d’une organisation',
  description:
    'Profil, labels, signaux d’innovation, solutions publiées, références déclarées et marchés publics (DECP) ' +
    'd’une organisation inscrite sur Amont. 404 si elle est inconnue ou suspendue.',
  params: OrganisationParams,
  response: { 200: OrganisationSchema, ...errorResponses },
};
