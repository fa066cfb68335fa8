import { Type } from '@fastify/type-provider-typebox';
import { ErrorSchema } from '../schema.ts';

/** Schemas of `GET /api/v1/me` and `POST /api/v1/me/logout-everywhere`. */

const authErrors = {
  401: { ...ErrorSchema, description: 'Pas de session : connectez-vous (`auth.unauthenticated`)' },
  500: ErrorSchema,
};

/** The logged-in user (`presentMe`) and the CSRF token for the session's writes. */
export const MeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Identifiant du compte' }),
    email: Type.String({ description: 'Adresse électronique (en minuscules)' }),
    displayName: Type.String({ description: 'Nom affiché' }),
    emailVerified: Type.Boolean({ description: 'L’adresse a été confirmée par le lien envoyé' }),
    createdAt: Type.String({ format: 'date-time', description: 'Création du compte (UTC)' }),
    csrfToken: Type.String({
      description:
        'Jeton anti-CSRF à envoyer dans l’en-tête `X-CSRF-Token` de chaque écriture authentifiée par le ' +
        'cookie de session',
    }),
  },
  { title: 'Compte connecté' },
);

/** Route schema of `GET /api/v1/me`. */
export const getMeSchema = {
  tags: ['compte'],
  summary: 'Le compte connecté',
  description:
    'Le compte de la session (cookie `amont_session`, posé par la page de connexion), avec le jeton ' +
    'anti-CSRF de ses écritures. Sans session : 401.',
  security: [{ session: [] }],
  response: { 200: MeSchema, ...authErrors },
};

/** Route schema of `POST /api/v1/me/logout-everywhere`. */
export const logoutEverywhereSchema = {
  tags: ['compte'],
  summary: 'Se déconnecter partout',
  description:
    'Ferme toutes les sessions du compte, sur tous les appareils, celle-ci comprise. Demande l’en-tête ' +
    '`X-CSRF-Token` (jeton donné par `GET /api/v1/me`) : sans lui, 403. Sans session : 401.',
  security: [{ session: [] }],
  headers: Type.Object({
    'x-csrf-token': Type.Optional(Type.String({ description: 'Jeton anti-CSRF de `GET /api/v1/me`' })),
  }),
  response: {
    200: Type.Object(
      { closedSessions: Type.Integer({ minimum: 0, description: 'Nombre de sessions fermées' }) },
      { title: 'Déconnexion' },
    ),
    403: { ...ErrorSchema, description: 'Jeton anti-CSRF absent ou invalide (`auth.csrf_rejected`)' },
    ...authErrors,
  },
};
