import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, EmailTokensTable, SessionsTable, UsersTable } from '../../store/schema.ts';
import type { EmailTokenPurpose, Session, User } from './account.ts';

/**
 * The only file of the accounts context that speaks SQL (users, sessions, email_tokens). Every function
 * takes the store or a transaction. Times are given by the caller (`now`), so that expiry rules are
 * testable without waiting. Rows of deleted accounts are never returned as users.
 */

type Db = Kysely<Database>;

/** A live user with the password hash, for the commands that check or change it. */
export interface UserWithSecret extends User {
  passwordHash: string;
}

function toUser(row: Selectable<UsersTable>): UserWithSecret {
  return {
    id: row.id,
    email: row.email ?? '',
    displayName: row.display_name ?? '',
    emailVerifiedAt: row.email_verified_at,
    createdAt: row.created_at,
    passwordHash: row.password_hash ?? '',
  };
}

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    userAgent: row.user_agent,
    ip: row.ip,
  };
}

/**
 * Saves a new account.
 * @returns the saved user, or undefined when the e-mail address is taken (unique index on lower(email))
 */
export async function insertUser(
  db: Db,
  values: { email: string; passwordHash: string; displayName: string; now: Date },
): Promise<UserWithSecret | undefined> {
  const row = await db
    .insertInto('users')
    .values({
      email: values.email,
      password_hash: values.passwordHash,
      display_name: values.displayName,
      created_at: values.now,
      updated_at: values.now,
    })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/** A live user by normalised e-mail address. */
export async function findUserByEmail(db: Db, email: string): Promise<UserWithSecret | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', [eb.ref('email')]), '=', email))
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/**
 * A live user by id, locked until the end of the transaction when `forUpdate` is set (state changes).
 */
export async function findUserById(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserWithSecret | undefined> {
  let query = db.selectFrom('users').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  if (options.forUpdate) {
    query = query.forUpdate();
  }
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/** Replaces a user's password hash. */
export async function updatePasswordHash(db: Db, userId: string, passwordHash: string, now: Date) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** Records that the user proved they receive mail at their address (once: the first time stays). */
export async function markEmailVerified(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_verified_at: now, updated_at: now })
    .where('id', '=', userId)
    .where('email_verified_at', 'is', null)
    .execute();
}

/**
 * Removes every personal datum of an account but keeps its id (rows of other contexts may point at it),
 * and deletes its sessions and e-mail links.
 */
export async function anonymiseUser(db: Db, userId: string, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('email_tokens').where('user_id', '=', userId).execute();
  await db
    .updateTable('users')
    .set({
      email: null,
      password_hash: null,
      display_name: null,
      email_verified_at: null,
      deleted_at: now,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

/** Saves a new session. */
export async function insertSession(
  db: Db,
  values: {
    id: string;
    userId: string;
    now: Date;
    expiresAt: Date;
    userAgent: string | null;
    ip: string | null;
  },
): Promise<Session> {
  const row = await db
    .insertInto('sessions')
    .values({
      id: values.id,
      user_id: values.userId,
      created_at: values.now,
      last_seen_at: values.now,
      expires_at: values.expiresAt,
      user_agent: values.userAgent,
      ip: values.ip,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSession(row);
}

/** A session that has not expired at `now`, with its (live) user. */
export async function findLiveSession(
  db: Db,
  id: string,
  now: Date,
): Promise<{ session: Session; user: User } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select([
      'users.email',
      'users.display_name',
      'users.email_verified_at',
      'users.created_at as user_created_at',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) {
    return undefined;
  }
  return {
    session: toSession(row),
    user: {
      id: row.user_id,
      email: row.email ?? '',
      displayName: row.display_name ?? '',
      emailVerifiedAt: row.email_verified_at,
      createdAt: row.user_created_at,
    },
  };
}

/** Records activity on a session and slides its expiry. */
export async function touchSession(db: Db, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

/** Deletes one session; returns how many rows went (0 or 1). */
export async function deleteSession(db: Db, id: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session of a user; returns how many. */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sessions of a user still valid at `now`, most recently used first. */
export async function listSessionsOfUser(db: Db, userId: string, now: Date): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toSession);
}

/** Saves a new e-mail link (only its hash). */
export async function insertEmailToken(
  db: Db,
  values: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('email_tokens')
    .values({
      user_id: values.userId,
      purpose: values.purpose,
      token_hash: values.tokenHash,
      created_at: values.now,
      expires_at: values.expiresAt,
    })
    .execute();
}

/** An e-mail link by hash and purpose, locked for the transaction when `forUpdate` is set. */
export async function findEmailToken(
  db: Db,
  tokenHash: string,
  purpose: EmailTokenPurpose,
  options: { forUpdate?: boolean } = {},
): Promise<Selectable<EmailTokensTable> | undefined> {
  let query = db
    .selectFrom('email_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose);
  if (options.forUpdate) {
    query = query.forUpdate();
  }
  return query.executeTakeFirst();
}

/** Marks every unused link of a user for one purpose as used (the one just followed, and older ones). */
export async function useEmailTokensOfUser(
  db: Db,
  userId: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<void> {
  await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Every e-mail link of a user (for the export), oldest first, without hashes. */
export async function listEmailTokensOfUser(db: Db, userId: string) {
  return db
    .selectFrom('email_tokens')
    .select(['purpose', 'created_at', 'expires_at', 'used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
