import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getMyAccount, logOutEverywhere, presentMe } from '../../../domain/accounts/index.ts';
import { csrfBinding } from '../../plugins/csrf.ts';
import { clearSessionCookie } from '../../plugins/session.ts';
import { getMeSchema, logoutEverywhereSchema } from './schema.ts';

/**
 * `GET /me` and `POST /me/logout-everywhere` (mounted under `/api/v1`): the account of the session
 * cookie. Anonymous callers get 401 (the domain command refuses them; for writes the CSRF guard already
 * did); session writes need the `X-CSRF-Token` header (see plugins/csrf.ts).
 */
const accountsApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me', { schema: getMeSchema }, async (request, reply) => {
    const { user } = await getMyAccount(app.store.db, request.actor);
    reply.header('cache-control', 'no-store');
    return {
      ...presentMe(user),
      csrfToken: reply.generateCsrf({ userInfo: csrfBinding(request) }),
    };
  });

  app.post('/me/logout-everywhere', { schema: logoutEverywhereSchema }, async (request, reply) => {
    const closedSessions = await logOutEverywhere(app.store.db, request.actor);
    clearSessionCookie(reply);
    return { closedSessions };
  });
};

export default accountsApi;
