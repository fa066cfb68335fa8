import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  deleteMyAccount,
  exportMyAccount,
  getMyAccount,
  logOutEverywhere,
  type FieldErrors,
} from '../../../domain/accounts/index.ts';
import { todayInParis } from '../../../domain/shared/index.ts';
import { clearSessionCookie } from '../../plugins/session.ts';
import { describeDevice } from './device.ts';
import {
  field,
  fieldErrorsOf,
  formatDateTime,
  formErrors,
  NO_ERRORS,
  privatePage,
  redirectToLogin,
} from './forms.ts';

const NOTICES: Record<string, string> = {
  renvoye: 'Un nouveau courriel de confirmation vous a été envoyé.',
};

/** Renders « Mon compte » (status 200, or 400 with the deletion form's errors). */
async function renderAccount(
  request: FastifyRequest<{ Querystring: { courriel?: string } }>,
  reply: FastifyReply,
  fields?: FieldErrors,
): Promise<FastifyReply> {
  const { user, sessions } = await getMyAccount(request.server.store.db, request.actor);
  const current = request.accountSession?.id;
  privatePage(reply);
  return reply.code(fields ? 400 : 200).view('accounts/account.njk', {
    nav: 'account',
    errors: fields ? formErrors(fields) : NO_ERRORS,
    notice: NOTICES[request.query.courriel ?? ''],
    account: {
      displayName: user.displayName,
      email: user.email,
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: formatDateTime(user.createdAt),
    },
    // This device first, then the others, most recently used first.
    sessions: [...sessions.filter((s) => s.id === current), ...sessions.filter((s) => s.id !== current)].map(
      (s) => ({
        device: describeDevice(s.userAgent),
        ip: s.ip,
        createdAt: formatDateTime(s.createdAt),
        lastSeenAt: formatDateTime(s.lastSeenAt),
        current: s.id === current,
      }),
    ),
  });
}

/**
 * « Mon compte » (`/compte`): who I am, my open sessions, log out here or everywhere, download my data
 * (`/compte/mes-donnees`, JSON), delete my account (`POST /compte/suppression`, with my password).
 * Anonymous visitors are sent to the login page.
 */
const myAccountPages: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: { courriel?: string } }>('/compte', async (request, reply) => {
    if (request.actor.kind === 'anonymous') {
      return redirectToLogin(reply, '/compte');
    }
    return renderAccount(request, reply);
  });

  app.post('/compte/deconnexion-partout', async (request, reply) => {
    if (request.actor.kind === 'anonymous') {
      return redirectToLogin(reply, '/compte');
    }
    await logOutEverywhere(app.store.db, request.actor);
    clearSessionCookie(reply);
    return reply.redirect('/compte/connexion?deconnexion=partout', 303);
  });

  app.get('/compte/mes-donnees', async (request, reply) => {
    if (request.actor.kind === 'anonymous') {
      return redirectToLogin(reply, '/compte');
    }
    const data = await exportMyAccount(app.store.db, request.actor);
    privatePage(reply);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="amont-mes-donnees-${todayInParis()}.json"`)
      .send(`${JSON.stringify(data, null, 2)}\n`);
  });

  app.post<{ Querystring: { courriel?: string } }>('/compte/suppression', async (request, reply) => {
    if (request.actor.kind === 'anonymous') {
      return redirectToLogin(reply, '/compte');
    }
    try {
      await deleteMyAccount(app.store.db, request.actor, field(request.body, 'password'));
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields === undefined) {
        throw error;
      }
      return renderAccount(request, reply, fields);
    }
    clearSessionCookie(reply);
    return reply.redirect('/compte/supprime', 303);
  });

  app.get('/compte/supprime', async (_request, reply) =>
    reply.view('accounts/message.njk', {
      nav: 'account',
      panel: true,
      heading: 'Votre compte est supprimé',
      paragraphs: [
        'Votre nom, votre adresse électronique et votre mot de passe ont été effacés, et toutes vos sessions fermées.',
        'L’annuaire et la recherche restent ouverts à tous, sans compte.',
      ],
      links: [{ href: '/', text: 'Revenir à l’accueil' }],
    }),
  );
};

export default myAccountPages;
