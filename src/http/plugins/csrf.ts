import { createHmac } from 'node:crypto';
import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unauthenticated } from '../../domain/accounts/account.errors.ts';
import { DomainError } from '../../domain/shared/index.ts';
import { wantsJson } from './error-handler.ts';

/**
 * Protection against cross-site request forgery, on by default for every state-changing request
 * (POST, PUT, PATCH, DELETE), so that no new form or endpoint can forget it.
 *
 * - Tokens: @fastify/csrf-protection, in « signed double-submit cookie » mode: a secret in the signed,
 *   HttpOnly cookie `amont_csrf` (set the first time a form is rendered), and a token derived from it in
 *   the form (hidden field `_csrf`) or in the `X-CSRF-Token` header. Tokens are bound to the session
 *   (HMAC of the session id), so a token shown before a login or a « déconnexion partout » no longer
 *   works after it.
 * - Templates call `csrfToken()`; `{% include "partials/csrf-field.njk" %}` writes the hidden field.
 * - Pages (HTML forms): a write without a valid token answers 403 with a French page
 *   (`auth.csrf_rejected`), whoever sends it — login and sign-up forms included.
 * - API (`/api/…`): a write by an anonymous actor answers 401 JSON (`auth.unauthenticated`); a write
 *   authenticated by the session cookie must carry the token in `X-CSRF-Token` (`GET /api/v1/me` gives
 *   it as `csrfToken`), or answers 403. A write authenticated by an API token (`actor.apiToken`, see
 *   plugins/api-token.ts) needs no CSRF token: browsers never send such a token on their own.
 * - A route may opt out in its config: `{ csrf: false }` (e.g. a webhook with its own signature) or,
 *   in the API, `{ anonymous: true }` for a write anyone may make (anonymous callers then skip the
 *   401; logged-in ones still need the token). Unknown URLs keep their 404.
 */

declare module 'fastify' {
  /** Route options read by the guard. */
  interface FastifyContextConfig {
    /** false: no CSRF check for this route (it authenticates its callers another way). */
    csrf?: boolean;
    /** true: an API write that anonymous callers may make. */
    anonymous?: boolean;
  }
}

/** Methods that change state, hence need a token. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Name of the cookie holding the CSRF secret. */
export const CSRF_COOKIE = 'amont_csrf';

/**
 * What a CSRF token is bound to: the session (its id, a hash), or 'anonymous'. (@fastify/csrf refuses an
 * empty binding.)
 * @param request the request
 * @returns the binding
 */
export function csrfBinding(request: FastifyRequest): string {
  return request.accountSession === null ? 'anonymous' : `session:${request.accountSession.id}`;
}

function csrfRejected(api: boolean): DomainError {
  return new DomainError(
    'auth.csrf_rejected',
    api
      ? 'Jeton anti-CSRF absent ou invalide : une écriture par le cookie de session porte l’en-tête ' +
          'X-CSRF-Token, donné par GET /api/v1/me (champ csrfToken), ou utilisez un jeton d’API.'
      : 'Ce formulaire a expiré ou ne vient pas d’Amont : revenez à la page précédente, rechargez-la, puis ' +
          'envoyez à nouveau le formulaire.',
    { message: 'missing or invalid CSRF token' },
  );
}

/**
 * Whether the request carries a valid token. @fastify/csrf-protection answers by itself
 * (`reply.send(error)`); here its check is run against a stand-in reply that only records the outcome,
 * so that the guard can throw a DomainError like every other helper.
 */
function hasValidToken(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): boolean {
  let valid = false;
  const recorder: FastifyReply = Object.create(reply, {
    send: { value: () => recorder },
  }) as FastifyReply;
  app.csrfProtection(request, recorder, () => {
    valid = true;
  });
  return valid;
}

async function csrf(app: FastifyInstance, options: { sessionSecret: string }): Promise<void> {
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      secure: app.accounts.secureCookies,
      path: '/',
    },
    getUserInfo: csrfBinding,
    // A key of its own, derived from the session secret: one setting to configure.
    csrfOpts: { hmacKey: createHmac('sha256', options.sessionSecret).update('amont-csrf').digest() },
    logLevel: 'info',
  });

  app.addHook('onRequest', async (request, reply) => {
    if (reply.locals) {
      let token: string | undefined;
      // Lazy: the cookie is only set when a page actually renders a form.
      reply.locals.csrfToken = () => (token ??= reply.generateCsrf({ userInfo: csrfBinding(request) }));
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method) || request.is404) {
      return;
    }
    const config = request.routeOptions.config;
    if (request.actor.kind === 'user' && request.actor.apiToken !== undefined) {
      return; // authenticated by an API token (plugins/api-token.ts): no cookie, no CSRF
    }
    if (wantsJson(request) && request.actor.kind === 'anonymous') {
      if (config.anonymous === true) {
        return;
      }
      throw unauthenticated();
    }
    if (config.csrf !== false && !hasValidToken(app, request, reply)) {
      throw csrfRejected(wantsJson(request));
    }
  });
}

export default fp(csrf, { name: 'amont-csrf', dependencies: ['amont-session', 'amont-views'] });
