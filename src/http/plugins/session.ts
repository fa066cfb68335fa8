import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  ANONYMOUS,
  resumeSession,
  SESSION_MAX_LIFETIME_MS,
  type Actor,
  type User,
} from '../../domain/accounts/index.ts';
import { createMailer, type Mailer } from '../../mail/mailer.ts';
import { Outbox } from '../../mail/outbox.ts';

/**
 * Server-side sessions in a signed cookie, and who is asking.
 *
 * - Cookie `amont_session`: a 32-byte random secret, signed with the session secret (@fastify/cookie),
 *   `HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure` when the public URL is https, kept 30 days at most.
 *   The store holds only its SHA-256 (`sessions.id`).
 * - At each request carrying the cookie, the session is looked up (and its expiry slid, see
 *   `resumeSession`): `request.actor` is the user, or `ANONYMOUS`; `request.accountSession` holds the
 *   session and user; templates get `currentUser` (header: « Mon compte » or « Se connecter »).
 *   Requests without the cookie (every anonymous visit) cost no query. Assets are skipped.
 * - A cookie that is badly signed, unknown or expired is cleared.
 * - `app.accounts` gives routes the public URL (links in mails) and the outbox (mail sent in the
 *   background).
 */

/** Name of the session cookie. */
export const SESSION_COOKIE = 'amont_session';

/** What `buildApp` needs for accounts. */
export interface AccountsOptions {
  /** Signs the session and CSRF cookies: 32 characters at least (`AMONT_SESSION_SECRET`). */
  sessionSecret: string;
  /** Public address of the site, without trailing slash: links in mails; https → `Secure` cookies. */
  publicUrl: string;
  /** Where mail goes; default: the app's log. The app closes it. */
  mailer?: Mailer | undefined;
}

/** What routes use from the accounts set-up. */
export interface AccountsRuntime {
  publicUrl: string;
  /** Cookies carry `Secure` (the public URL is https). */
  secureCookies: boolean;
  mailer: Mailer;
  /** Sends mail in the background; the app drains it when it closes. */
  outbox: Outbox;
}

/** The logged-in session of a request. */
export interface CurrentSession {
  /** `sessions.id` (SHA-256 of the secret). */
  id: string;
  /** The cookie secret (to close this session). */
  secret: string;
  user: User;
}

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountsRuntime;
  }
  interface FastifyReply {
    /** Data merged into every template rendered for this reply (@fastify/view). */
    locals: Record<string, unknown> | null;
  }
  interface FastifyRequest {
    /** Who is asking: passed to every domain command that needs it. */
    actor: Actor;
    /** The session behind `actor`, when logged in by cookie. */
    accountSession: CurrentSession | null;
  }
}

/**
 * Sets the session cookie after a login.
 * @param reply the reply
 * @param secret the new session's secret (from `logIn`)
 */
export function setSessionCookie(reply: FastifyReply, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.accounts.secureCookies,
    path: '/',
    maxAge: SESSION_MAX_LIFETIME_MS / 1000,
  });
}

/**
 * Removes the session cookie (log-out, or a cookie that no longer opens a session).
 * @param reply the reply
 */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.accounts.secureCookies,
    path: '/',
  });
}

/**
 * The client's address and browser, kept with a new session so that « Mon compte » can show them.
 * @param request the login request
 * @returns user agent and IP
 */
export function sessionOrigin(request: FastifyRequest): { userAgent: string | undefined; ip: string } {
  return { userAgent: request.headers['user-agent'], ip: request.ip };
}

async function session(app: FastifyInstance, options: AccountsOptions): Promise<void> {
  if (options.sessionSecret.length < 32) {
    throw new Error('the session secret must be 32 characters at least');
  }
  await app.register(fastifyCookie, { secret: options.sessionSecret });
  const mailer =
    options.mailer ??
    createMailer({
      from: 'Amont <ne-pas-repondre@localhost>',
      log: (entry, note) => app.log.info({ mail: entry }, note),
    });
  const outbox = new Outbox(mailer, (error, message) =>
    app.log.error({ err: error, subject: message.subject }, 'mail not sent'),
  );
  app.decorate('accounts', {
    publicUrl: options.publicUrl.replace(/\/+$/, ''),
    secureCookies: options.publicUrl.startsWith('https:'),
    mailer,
    outbox,
  });
  app.addHook('onClose', async () => {
    await outbox.drain();
    await mailer.close();
  });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('accountSession', null);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.accountSession = null;
    const raw = request.cookies[SESSION_COOKIE];
    if (raw === undefined || request.url.startsWith('/assets/')) {
      return;
    }
    const unsigned = request.unsignCookie(raw);
    const resumed =
      unsigned.valid && unsigned.value !== null ? await resumeSession(app.store.db, unsigned.value) : null;
    if (resumed === null) {
      clearSessionCookie(reply);
      return;
    }
    request.actor = resumed.actor;
    request.accountSession = { id: resumed.session.id, secret: unsigned.value!, user: resumed.user };
    if (reply.locals) {
      reply.locals.currentUser = { displayName: resumed.user.displayName };
    }
  });
}

export default fp(session, { name: 'amont-session', dependencies: ['amont-views'] });
