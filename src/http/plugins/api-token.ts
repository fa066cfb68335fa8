import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { authenticateApiToken, invalidToken } from '../../domain/api-tokens/index.ts';

/**
 * Authentication of `/api/…` requests by an organisation's API token: `Authorization: Bearer amont_…`.
 * The token opens the actor of the member who created it, limited to its organisation (see
 * src/domain/api-tokens): `request.actor` is replaced by it and the session cookie, if any, is ignored
 * (`request.accountSession` = null). A token the store does not know, or a revoked one, answers 401 at
 * once: a client must not silently fall back to anonymous. Requests authenticated this way need no CSRF
 * token (a browser never adds the header on its own; see plugins/csrf.ts). Pages ignore the header.
 */

const BEARER = /^Bearer\s+(\S+)\s*$/i;

async function apiToken(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header === undefined || !(request.url === '/api' || request.url.startsWith('/api/'))) {
      return;
    }
    const secret = BEARER.exec(header)?.[1];
    const actor = secret === undefined ? null : await authenticateApiToken(app.store.db, secret);
    if (actor === null) {
      throw invalidToken();
    }
    request.actor = actor;
    request.accountSession = null;
  });
}

export default fp(apiToken, { name: 'amont-api-token', dependencies: ['amont-session'] });
