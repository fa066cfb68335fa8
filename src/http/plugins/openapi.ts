import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * OpenAPI description of the JSON API, built from the TypeBox schemas of the `/api/v1` routes. Only
 * tagged routes are listed (`hideUntagged`): pages and assets stay out. Swagger UI is served at
 * `/api/docs`, the document at `/api/docs/json` (and `/api/docs/yaml`).
 */
/** Amont's text logo for the Swagger UI top bar (white on its dark bar). */
const API_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="200" height="40">' +
  '<path d="M2 32 L12 14 L18 24 L22 18 L32 32 Z" fill="#fff"/>' +
  '<text x="40" y="29" font-family="system-ui,sans-serif" font-size="24" font-weight="700" fill="#fff">Amont API</text>' +
  '</svg>';

async function openapi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    hideUntagged: true,
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'API Amont',
        description:
          "API publique et ouverte de l'annuaire Amont : fournisseurs titulaires de marchés publics, " +
          'acheteurs publics et leurs marchés (données essentielles de la commande publique, DECP), ' +
          "enrichis par le répertoire SIRENE de l'Insee. Sans authentification. Montants en euros HT, " +
          'dates au format AAAA-MM-JJ. Les erreurs ont la forme { error: { code, message, details } }.',
        version: '1.0.0',
        license: {
          name: 'Licence Ouverte 2.0 (données)',
          url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
        },
      },
      tags: [
        {
          name: 'fournisseurs',
          description: 'Annuaire des fournisseurs (unités légales identifiées par leur SIREN)',
        },
        { name: 'acheteurs', description: 'Acheteurs publics (identifiés par leur SIRET) et leurs marchés' },
        {
          name: 'données',
          description: 'Journal des imports de données ouvertes : comptes, signalements, rejets',
        },
        {
          name: 'recherche',
          description:
            'Moteur de recherche des fournisseurs : texte en français, filtres à facettes, distance',
        },
        {
          name: 'communes',
          description: 'Communes du Code officiel géographique (Insee), pour la recherche',
        },
        { name: 'planification', description: 'Rétroplanning public : délais légaux, jours fériés, conseil' },
        { name: 'compte', description: 'Le compte connecté (session par cookie) : qui suis-je, déconnexion' },
        {
          name: 'solutions',
          description:
            'Solutions (« briques technologiques ») des fournisseurs : lecture publique, écriture par les membres',
        },
        { name: 'organisations', description: 'Organisations inscrites sur Amont : page publique' },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'amont_session',
            description:
              'Cookie de session posé par la page « Se connecter ». Les écritures doivent aussi porter ' +
              'l’en-tête `X-CSRF-Token` (jeton donné par `GET /api/v1/me`).',
          },
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'Jeton d’API d’une organisation (`amont_…`), créé par un administrateur dans « Mon organisation ». ' +
              'Il agit au nom du membre qui l’a créé, pour cette organisation seulement ; pas de jeton anti-CSRF.',
          },
        },
      },
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
    theme: { title: 'API Amont – documentation' },
    logo: { type: 'image/svg+xml', content: Buffer.from(API_LOGO), href: '/', target: '_self' },
  });
}

export default fp(openapi, { name: 'amont-openapi' });
