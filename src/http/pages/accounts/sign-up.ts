import type { FastifyPluginAsync } from 'fastify';
import { registerAccount, resendVerification, verifyEmail } from '../../../domain/accounts/index.ts';
import { accountExistsMail, verificationMail } from '../../../mail/templates.ts';
import {
  field,
  fieldErrorsOf,
  formWithErrors,
  invalidLinkPage,
  isInvalidLink,
  NO_ERRORS,
  privatePage,
  redirectToLogin,
  requestWithoutSecret,
} from './forms.ts';
import { accountLimits } from './limits.ts';

/**
 * `/compte/inscription` (sign-up form; then a page asking to read the mail), `/compte/verification/:token`
 * (the link of the mail) and `POST /compte/verification` (send the link again, from « Mon compte »).
 * Signing up with an address that has an account looks exactly the same; its owner gets a mail saying
 * so instead.
 */
const signUpPages: FastifyPluginAsync = async (app) => {
  const limits = accountLimits(app);

  app.get('/compte/inscription', async (_request, reply) =>
    reply.view('accounts/sign-up.njk', { nav: 'account', values: {}, errors: NO_ERRORS }),
  );

  app.post('/compte/inscription', { preHandler: limits.signUp }, async (request, reply) => {
    const values = { displayName: field(request.body, 'displayName'), email: field(request.body, 'email') };
    let registration;
    try {
      registration = await registerAccount(app.store.db, {
        ...values,
        password: field(request.body, 'password'),
      });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields === undefined) {
        throw error;
      }
      return formWithErrors(reply, 'accounts/sign-up.njk', { nav: 'account', values }, fields);
    }
    const { publicUrl, outbox } = app.accounts;
    const { user } = registration;
    outbox.post(
      registration.outcome === 'created'
        ? verificationMail(
            user.email,
            user.displayName,
            `${publicUrl}/compte/verification/${registration.verificationSecret}`,
          )
        : accountExistsMail(user.email, user.displayName, {
            login: `${publicUrl}/compte/connexion`,
            forgotPassword: `${publicUrl}/compte/mot-de-passe-oublie`,
          }),
    );
    return reply.redirect('/compte/inscription/envoye', 303);
  });

  app.get('/compte/inscription/envoye', async (_request, reply) =>
    reply.view('accounts/message.njk', {
      nav: 'account',
      heading: 'Consultez votre messagerie',
      paragraphs: [
        'Nous venons d’envoyer un courriel à l’adresse indiquée. Ouvrez le lien qu’il contient (valable 48 heures) pour confirmer votre adresse.',
        'Rien reçu après quelques minutes ? Regardez dans les courriels indésirables, ou vérifiez l’adresse saisie.',
      ],
      links: [{ href: '/compte/connexion', text: 'Se connecter' }],
    }),
  );

  app.get<{ Params: { token: string } }>(
    '/compte/verification/:token',
    { logSerializers: { req: requestWithoutSecret } },
    async (request, reply) => {
      privatePage(reply);
      try {
        await verifyEmail(app.store.db, request.params.token);
      } catch (error) {
        if (!isInvalidLink(error)) {
          throw error;
        }
        return invalidLinkPage(reply, error, {
          href: request.actor.kind === 'user' ? '/compte' : '/compte/connexion?retour=%2Fcompte',
          text: 'Demander un nouveau lien depuis « Mon compte »',
        });
      }
      return reply.view('accounts/message.njk', {
        nav: 'account',
        panel: true,
        heading: 'Adresse électronique confirmée',
        paragraphs: ['Merci : votre adresse électronique est confirmée.'],
        links: [
          request.actor.kind === 'user'
            ? { href: '/compte', text: 'Aller à mon compte' }
            : { href: '/compte/connexion', text: 'Se connecter' },
        ],
      });
    },
  );

  app.post('/compte/verification', async (request, reply) => {
    if (request.actor.kind === 'anonymous') {
      return redirectToLogin(reply, '/compte');
    }
    const again = await resendVerification(app.store.db, request.actor);
    if (again !== null) {
      const { user, verificationSecret } = again;
      app.accounts.outbox.post(
        verificationMail(
          user.email,
          user.displayName,
          `${app.accounts.publicUrl}/compte/verification/${verificationSecret}`,
        ),
      );
    }
    return reply.redirect('/compte?courriel=renvoye', 303);
  });
};

export default signUpPages;
