import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import {
  normalizeEmail,
  sessionExpiry,
  SESSION_TOUCH_INTERVAL_MS,
  type FieldErrors,
  type Session,
  type User,
} from './account.ts';
import { invalidCredentials, invalidFields } from './account.errors.ts';
import { authorize } from './account.policy.ts';
import * as accounts from './account.repository.ts';
import { userActor, type Actor, type UserActor } from './actor.ts';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { withoutSecret } from './register-account.ts';
import { hashSecret, newSecret } from './secret-token.ts';

/**
 * Sessions: log in (a new session, its secret for the cookie), resume one from a cookie (sliding
 * expiry), log out of one, log out everywhere. The cookie carries the secret, the store its SHA-256.
 */

/** Longest user agent kept with a session (what browsers send is far shorter). */
const USER_AGENT_MAX_LENGTH = 512;

/** Where a login comes from, kept with the session so that the user can recognise it. */
export interface SessionOrigin {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

/** A new session: the user, the session row and the secret to put in the cookie. */
export interface LoggedIn {
  user: User;
  session: Session;
  /** 43 base64url characters; never stored. */
  secret: string;
}

/**
 * Logs a user in with e-mail and password and opens a new session. Any session the browser presented
 * is closed first, so the session id changes at every login (no fixation).
 * @param db the store
 * @param input e-mail (any case) and password
 * @param options `now`, `origin` (user agent, IP), `previousSecret` (the cookie sent with the request)
 * @returns the new session and its secret
 * @throws DomainError `account.invalid` when a field is empty; `account.invalid_credentials` with one
 *   message whether the address is unknown, the account deleted or the password wrong
 */
export async function logIn(
  db: Kysely<Database>,
  input: { email: string; password: string },
  options: { now?: Date; origin?: SessionOrigin; previousSecret?: string | undefined } = {},
): Promise<LoggedIn> {
  const now = options.now ?? new Date();
  const email = normalizeEmail(input.email);
  const errors: FieldErrors = {};
  if (email === '') {
    errors.email = 'Saisissez votre adresse électronique.';
  }
  if (input.password === '') {
    errors.password = 'Saisissez votre mot de passe.';
  }
  if (Object.keys(errors).length > 0) {
    throw invalidFields(errors);
  }
  const user = await accounts.findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (user === undefined || !ok) {
    throw invalidCredentials();
  }
  if (needsRehash(user.passwordHash)) {
    await accounts.updatePasswordHash(db, user.id, await hashPassword(input.password), now);
  }
  if (options.previousSecret) {
    await accounts.deleteSession(db, hashSecret(options.previousSecret));
  }
  const secret = newSecret();
  const session = await accounts.insertSession(db, {
    id: hashSecret(secret),
    userId: user.id,
    now,
    expiresAt: sessionExpiry(now, now),
    userAgent: options.origin?.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
    ip: options.origin?.ip ?? null,
  });
  return { user: withoutSecret(user), session, secret };
}

/** A resumed session: who is logged in. */
export interface ResumedSession {
  actor: UserActor;
  user: User;
  session: Session;
}

/**
 * Finds the session of a cookie secret and records the activity (at most every 5 minutes), which slides
 * its expiry: 7 days without activity, 30 days after the login at most.
 * @param db the store
 * @param secret from the cookie
 * @param options `now` (default: the current time)
 * @returns the actor, user and session, or null when the session is unknown, expired, or its account
 *   deleted
 */
export async function resumeSession(
  db: Kysely<Database>,
  secret: string,
  options: { now?: Date } = {},
): Promise<ResumedSession | null> {
  const now = options.now ?? new Date();
  const found = await accounts.findLiveSession(db, hashSecret(secret), now);
  if (found === undefined) {
    return null;
  }
  let { session } = found;
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    const expiresAt = sessionExpiry(session.createdAt, now);
    await accounts.touchSession(db, session.id, now, expiresAt);
    session = { ...session, lastSeenAt: now, expiresAt };
  }
  return { actor: userActor(found.user.id), user: found.user, session };
}

/**
 * Closes the session of a cookie secret (« Se déconnecter »). Closing an unknown session is not an error.
 * @param db the store
 * @param secret from the cookie
 * @returns true when a session was closed
 */
export async function logOut(db: Kysely<Database>, secret: string): Promise<boolean> {
  return (await accounts.deleteSession(db, hashSecret(secret))) > 0;
}

/**
 * Closes every session of the actor, on every device, this one included (« Se déconnecter partout »).
 * @param db the store
 * @param actor who asks
 * @returns the number of sessions closed
 * @throws DomainError `auth.unauthenticated`
 */
export async function logOutEverywhere(db: Kysely<Database>, actor: Actor): Promise<number> {
  const userId = actor.kind === 'user' ? actor.userId : '';
  authorize(actor, 'logOutEverywhere', { id: userId });
  return accounts.deleteSessionsOfUser(db, userId);
}
