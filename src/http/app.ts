import { randomBytes } from 'node:crypto';
import fastifyFormbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Store } from '../store/database.ts';
import apiV1 from './api/index.ts';
import csrf from './plugins/csrf.ts';
import errorHandler from './plugins/error-handler.ts';
import nulGuard from './plugins/nul-guard.ts';
import openapi from './plugins/openapi.ts';
import apiToken from './plugins/api-token.ts';
import rateLimit from './plugins/rate-limit.ts';
import session, { type AccountsOptions } from './plugins/session.ts';
import staticAssets from './plugins/static.ts';
import uploads, { type UploadsOptions } from './plugins/uploads.ts';
import views from './plugins/views.ts';
import pages from './pages/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open store (PGlite or PostgreSQL server); routes use `app.store.db`. */
    store: Store;
  }
}

/** What `buildApp` needs. */
export interface AppOptions {
  /** An open, migrated store; the app does not close it. */
  store: Store;
  /** Fastify logger option: false (default) in tests, true or a pino configuration when serving. */
  logger?: FastifyServerOptions['logger'];
  /**
   * Accounts: session secret, public URL, mailer. Default (tests): a random secret per app,
   * http://localhost:3000, mail written to the log.
   */
  accounts?: AccountsOptions;
  /** Document storage and size limit. Default (tests): a temporary folder, 10 MiB. */
  uploads?: UploadsOptions;
}

/**
 * Builds the Amont web application: the public directory pages (French, server-rendered, usable without
 * JavaScript), the JSON API under `/api/v1` and its OpenAPI documentation under `/api/docs`. It does not
 * listen: tests call `app.inject()`, `server.ts` listens.
 * @param options the store and the logger option
 * @returns the ready Fastify instance
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('store', options.store);
  await app.register(fastifyFormbody);
  await app.register(views);
  await app.register(errorHandler);
  await app.register(nulGuard);
  const accounts = options.accounts ?? {
    sessionSecret: randomBytes(32).toString('base64url'),
    publicUrl: 'http://localhost:3000',
  };
  await app.register(session, accounts);
  await app.register(csrf, { sessionSecret: accounts.sessionSecret });
  await app.register(apiToken);
  await app.register(uploads, options.uploads ?? {});
  await app.register(rateLimit);
  await app.register(staticAssets);
  await app.register(openapi);
  await app.register(pages);
  await app.register(apiV1, { prefix: '/api/v1' });
  await app.ready();
  return app;
}
