import type { FastifyPluginAsync } from 'fastify';
import { checkResetLink, requestPasswordReset, resetPassword } from '../../../domain/accounts/index.ts';
import { passwordResetMail } from '../../../mail/templates.ts';
import { clearSessionCookie } from '../../plugins/session.ts';
import {
  field,
  fieldErrorsOf,
  formWithErrors,
  invalidLinkPage,
  isInvalidLink,
  NO_ERRORS,
  privatePage,
  requestWithoutSecret,
} from './forms.ts';
import { accountLimits } from './limits.ts';

const ASK_AGAIN = { href: '/compte/mot-de-passe-oublie', text: 'Demander un nouveau lien' };

type TokenRoute = { Params: { token: string } };

/**
 * `/compte/mot-de-passe-oublie` (ask for a link: the answer is the same whether the address has an
 * account or not) and `/compte/mot-de-passe/:token` (the link: choose a new password; every session of
 * the account is then closed).
 */
const passwordPages: FastifyPluginAsync = async (app) => {
  const limits = accountLimits(app);

  app.get('/compte/mot-de-passe-oublie', async (_request, reply) =>
    reply.view('accounts/forgot-password.njk', { nav: 'account', values: {}, errors: NO_ERRORS }),
  );

  app.post('/compte/mot-de-passe-oublie', { preHandler: limits.forgotPassword }, async (request, reply) => {
    const email = field(request.body, 'email');
    let link;
    try {
      link = await requestPasswordReset(app.store.db, email);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields === undefined) {
        throw error;
      }
      return formWithErrors(
        reply,
        'accounts/forgot-password.njk',
        { nav: 'account', values: { email } },
        fields,
      );
    }
    if (link !== null) {
      app.accounts.outbox.post(
        passwordResetMail(
          link.user.email,
          link.user.displayName,
          `${app.accounts.publicUrl}/compte/mot-de-passe/${link.resetSecret}`,
        ),
      );
    }
    return reply.redirect('/compte/mot-de-passe-oublie/envoye', 303);
  });

  app.get('/compte/mot-de-passe-oublie/envoye', async (_request, reply) =>
    reply.view('accounts/message.njk', {
      nav: 'account',
      heading: 'Consultez votre messagerie',
      paragraphs: [
        'Si un compte Amont utilise cette adresse, vous allez recevoir un courriel avec un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.',
        'Rien reçu après quelques minutes ? Regardez dans les courriels indésirables, ou vérifiez l’adresse saisie.',
      ],
      links: [{ href: '/compte/connexion', text: 'Se connecter' }],
    }),
  );

  app.get<TokenRoute>(
    '/compte/mot-de-passe/:token',
    { logSerializers: { req: requestWithoutSecret } },
    async (request, reply) => {
      privatePage(reply);
      try {
        const user = await checkResetLink(app.store.db, request.params.token);
        return await reply.view('accounts/reset-password.njk', {
          nav: 'account',
          email: user.email,
          action: request.url.split('?')[0],
          errors: NO_ERRORS,
        });
      } catch (error) {
        if (!isInvalidLink(error)) {
          throw error;
        }
        return invalidLinkPage(reply, error, ASK_AGAIN);
      }
    },
  );

  app.post<TokenRoute>(
    '/compte/mot-de-passe/:token',
    { logSerializers: { req: requestWithoutSecret } },
    async (request, reply) => {
      privatePage(reply);
      const { token } = request.params;
      try {
        const user = await checkResetLink(app.store.db, token);
        try {
          await resetPassword(app.store.db, token, field(request.body, 'password'));
        } catch (error) {
          const fields = fieldErrorsOf(error);
          if (fields === undefined) {
            throw error;
          }
          const data = { nav: 'account', email: user.email, action: request.url.split('?')[0] };
          return formWithErrors(reply, 'accounts/reset-password.njk', data, fields);
        }
        if (request.accountSession !== null && request.accountSession.user.id === user.id) {
          clearSessionCookie(reply);
        }
        return reply.redirect('/compte/connexion?motdepasse=modifie', 303);
      } catch (error) {
        if (!isInvalidLink(error)) {
          throw error;
        }
        return invalidLinkPage(reply, error, ASK_AGAIN);
      }
    },
  );
};

export default passwordPages;
