import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Session, User } from './account.ts';
import { invalidFields, unauthenticated } from './account.errors.ts';
import { authorize, requireUser } from './account.policy.ts';
import * as accounts from './account.repository.ts';
import type { Actor } from './actor.ts';
import { verifyPassword } from './password-hash.ts';
import { withoutSecret } from './register-account.ts';

/**
 * The actor's own account: read it with its open sessions, export every personal datum Amont holds
 * about it (RGPD art. 15 and 20), delete it (art. 17).
 */

/** « Mon compte »: the user and their open sessions. */
export interface MyAccount {
  user: User;
  /** Valid sessions, most recently used first. */
  sessions: Session[];
}

async function loadOwnUser(db: Kysely<Database>, actor: Actor, forUpdate = false) {
  const user = await accounts.findUserById(db, requireUser(actor), { forUpdate });
  if (user === undefined) {
    // The account was deleted while this session was being answered.
    throw unauthenticated();
  }
  return user;
}

/**
 * The actor's account and sessions.
 * @param db the store
 * @param actor who asks (must be logged in)
 * @param options `now`: sessions expired at that time are left out
 * @returns the user and the sessions
 * @throws DomainError `auth.unauthenticated`
 */
export async function getMyAccount(
  db: Kysely<Database>,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<MyAccount> {
  const user = await loadOwnUser(db, actor);
  authorize(actor, 'read', user);
  const sessions = await accounts.listSessionsOfUser(db, user.id, options.now ?? new Date());
  return { user: withoutSecret(user), sessions };
}

/** Every personal datum of an account, as downloaded from « Mon compte » (JSON, ISO 8601 UTC times). */
export interface AccountExport {
  exportedAt: string;
  account: {
    id: string;
    email: string;
    displayName: string;
    createdAt: string;
    emailVerifiedAt: string | null;
  };
  sessions: {
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    userAgent: string | null;
    ip: string | null;
  }[];
  emailLinks: { purpose: 'verify' | 'reset'; createdAt: string; expiresAt: string; usedAt: string | null }[];
}

/**
 * Everything Amont stores about the actor's account. Secrets (password hash, session and link hashes)
 * are left out: they are not data about the person and would only help an attacker.
 * @param db the store
 * @param actor who asks (must be logged in)
 * @param options `now`: the export time
 * @returns the export
 * @throws DomainError `auth.unauthenticated`
 */
export async function exportMyAccount(
  db: Kysely<Database>,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<AccountExport> {
  const now = options.now ?? new Date();
  const user = await loadOwnUser(db, actor);
  authorize(actor, 'export', user);
  const [sessions, links] = await Promise.all([
    accounts.listSessionsOfUser(db, user.id, now),
    accounts.listEmailTokensOfUser(db, user.id),
  ]);
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    exportedAt: now.toISOString(),
    account: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      createdAt: user.createdAt.toISOString(),
      emailVerifiedAt: iso(user.emailVerifiedAt),
    },
    sessions: sessions.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      ip: s.ip,
    })),
    emailLinks: links.map((l) => ({
      purpose: l.purpose,
      createdAt: l.created_at.toISOString(),
      expiresAt: l.expires_at.toISOString(),
      usedAt: iso(l.used_at),
    })),
  };
}

/**
 * Deletes the actor's account after checking their password: the e-mail address, name and password hash
 * are erased, sessions and pending links deleted; only the bare id stays (with `deleted_at`) so that
 * later rows pointing at it remain consistent. The address can then sign up again.
 * @param db the store
 * @param actor who asks (must be logged in)
 * @param password the account's current password, as typed
 * @param options `now`
 * @throws DomainError `auth.unauthenticated`; `account.invalid` (`details.fields.password`) when the
 *   password is empty or wrong
 */
export async function deleteMyAccount(
  db: Kysely<Database>,
  actor: Actor,
  password: string,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  if (password === '') {
    throw invalidFields({ password: 'Saisissez votre mot de passe pour confirmer la suppression.' });
  }
  await db.transaction().execute(async (trx) => {
    const user = await loadOwnUser(trx, actor, true);
    authorize(actor, 'delete', user);
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw invalidFields({ password: 'Le mot de passe est incorrect.' });
    }
    await accounts.anonymiseUser(trx, user.id, now);
  });
}
