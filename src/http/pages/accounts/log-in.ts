import type { FastifyPluginAsync } from 'fastify';
import { logIn, logOut } from '../../../domain/accounts/index.ts';
import { clearSessionCookie, sessionOrigin, setSessionCookie } from '../../plugins/session.ts';
import { field, fieldErrorsOf, formWithErrors, NO_ERRORS, safeReturnPath } from './forms.ts';
import { accountLimits } from './limits.ts';

/** Messages shown above the login form after an action elsewhere (`?deconnexion=…`, `?motdepasse=…`). */
const NOTICES: Record<string, string> = {
  'deconnexion=1': 'Vous êtes déconnecté.',
  'deconnexion=partout': 'Vous êtes déconnecté de tous vos appareils.',
  'motdepasse=modifie': 'Votre mot de passe a été modifié : connectez-vous avec le nouveau.',
};

function noticeOf(query: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(query)) {
    const notice = NOTICES[`${key}=${String(value)}`];
    if (notice !== undefined) {
      return notice;
    }
  }
  return undefined;
}

/**
 * `/compte/connexion` (« Se connecter »: one message for any wrong address or password; a new session
 * id at each login) and `POST /compte/deconnexion` (close this session).
 */
const logInPages: FastifyPluginAsync = async (app) => {
  const limits = accountLimits(app);

  app.get<{ Querystring: Record<string, unknown> }>('/compte/connexion', async (request, reply) => {
    const returnTo = safeReturnPath(request.query.retour);
    if (request.actor.kind === 'user' && noticeOf(request.query) === undefined) {
      return reply.redirect(returnTo ?? '/compte', 303);
    }
    return reply.view('accounts/log-in.njk', {
      nav: 'account',
      values: {},
      errors: NO_ERRORS,
      returnTo,
      notice: noticeOf(request.query),
    });
  });

  app.post('/compte/connexion', { preHandler: limits.logIn }, async (request, reply) => {
    const email = field(request.body, 'email');
    const returnTo = safeReturnPath(field(request.body, 'retour'));
    let loggedIn;
    try {
      loggedIn = await logIn(
        app.store.db,
        { email, password: field(request.body, 'password') },
        { origin: sessionOrigin(request), previousSecret: request.accountSession?.secret },
      );
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields === undefined) {
        throw error;
      }
      return formWithErrors(
        reply,
        'accounts/log-in.njk',
        { nav: 'account', values: { email }, returnTo },
        fields,
      );
    }
    setSessionCookie(reply, loggedIn.secret);
    return reply.redirect(returnTo ?? '/compte', 303);
  });

  app.post('/compte/deconnexion', async (request, reply) => {
    if (request.accountSession !== null) {
      await logOut(app.store.db, request.accountSession.secret);
    }
    clearSessionCookie(reply);
    return reply.redirect('/compte/connexion?deconnexion=1', 303);
  });
};

export default logInPages;
