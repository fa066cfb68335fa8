import { Type, type TSchema, type TUnsafe } from '@fastify/type-provider-typebox';

/**
 * TypeBox schemas shared by the `/api/v1` routes: the error answer, paging parameters and the facts of a
 * contract. They validate requests, serialise answers and feed the OpenAPI document.
 */

/**
 * A value or null (OpenAPI 3.0 `nullable`).
 * @param schema the non-null schema
 * @returns `anyOf [schema, null]`
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A string among fixed values, written as a JSON-schema `enum` (clearer in OpenAPI than a union).
 * @param values the allowed values
 * @param options description, default…
 * @returns the schema, typed as the union of the values
 */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

/** `{ error: { code, message, details } }`, the body of every 4xx/5xx answer. */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({
        description: "Code stable de l'erreur, p. ex. `siren.invalid_key`, `supplier.not_found`",
      }),
      message: Type.String({ description: 'Message en français, affichable tel quel' }),
      details: Type.Object(
        {
          field: Type.Optional(Type.String({ description: 'Paramètre en cause, p. ex. `siren`, `page`' })),
        },
        { additionalProperties: true },
      ),
    }),
  },
  { title: 'Erreur' },
);

/** `page` and `perPage` query parameters. */
export const pagingProperties = (defaultPerPage: number, maxPerPage: number) => ({
  page: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100_000, default: 1, description: 'Numéro de page, de 1 à 100 000' }),
  ),
  perPage: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: maxPerPage,
      default: defaultPerPage,
      description: `Nombre d'éléments par page (${maxPerPage} au plus)`,
    }),
  ),
});

/** The facts of a contract, as `presentContractFacts` gives them. */
export const contractFactsProperties = {
  id: Type.String({ description: 'Identifiant DECP du marché (`id`), unique pour son acheteur' }),
  uid: Nullable(Type.String({ description: 'Identifiant DECP 2019 `uid` (SIRET acheteur + id)' })),
  internalId: Type.Integer({ description: 'Numéro interne Amont du marché (stable dans une même base)' }),
  kind: StringEnum(['marche', 'concession'] as const, {
    description: 'Marché public ou contrat de concession',
  }),
  nature: Nullable(Type.String({ description: 'DECP `nature` : Marché, Accord-cadre, Marché subséquent…' })),
  object: Nullable(Type.String({ description: 'DECP `objet`' })),
  cpv: Nullable(
    Type.Object({
      code: Type.String({ description: 'Code CPV 2008, 8 chiffres sans clé', examples: ['45314000'] }),
      label: Nullable(Type.String({ description: 'Libellé français du code CPV' })),
    }),
  ),
  amount: Nullable(Type.Number({ description: 'Montant en euros HT, après modifications (DECP `montant`)' })),
  notifiedOn: Nullable(
    Type.String({ format: 'date', description: 'Date de notification (DECP `dateNotification`)' }),
  ),
  procedure: Nullable(Type.String({ description: 'Procédure de passation (DECP `procedure`)' })),
  innovative: Nullable(Type.Boolean({ description: 'Marché innovant (DECP 2022 `marcheInnovant`)' })),
  socialConsideration: Nullable(
    Type.Boolean({ description: 'Au moins une considération sociale (DECP 2022)' }),
  ),
  environmentalConsideration: Nullable(
    Type.Boolean({ description: 'Au moins une considération environnementale (DECP 2022)' }),
  ),
};

/** Standard error answers of a route, for its `response` schema. */
export const errorResponses = {
  400: ErrorSchema,
  404: ErrorSchema,
  500: ErrorSchema,
};
