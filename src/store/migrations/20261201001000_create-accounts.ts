import { sql, type Kysely } from 'kysely';

/**
 * User accounts (issue 4): e-mail + password, server-side sessions and single-use e-mail tokens.
 *
 * - `users.email` is unique without regard to case: the application stores it trimmed, NFC-normalised
 *   and lower-cased (JavaScript folding, identical on both backends), and a unique index on `lower(email)`
 *   guards the rule in the database. `citext` is not used: PGlite ships it, but as an extension to load
 *   at start-up, and `lower()` needs nothing.
 * - A deleted account keeps its row (so that later rows — solutions, organisations, audit events — can
 *   still point at an id) but loses every personal datum: `email`, `password_hash` and `display_name`
 *   become null and `deleted_at` is set. The check constraint makes a live account without them impossible.
 * - Session and e-mail token secrets are never stored: only their SHA-256 (hex). A database dump cannot be
 *   replayed as cookies or links.
 * - Sessions and tokens go with their user (`on delete cascade`); the application deletes them itself
 *   when an account is anonymised.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text')
    .addColumn('email_verified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .addCheckConstraint(
      'users_live_has_identity',
      sql`deleted_at is not null or (email is not null and password_hash is not null and display_name is not null)`,
    )
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'char(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('email_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull().check(sql`purpose in ('verify', 'reset')`))
    .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('email_tokens_user_idx').on('email_tokens').column('user_id').execute();
}

/** Drops the three tables: every account, session and pending link is lost (intended: a full revert). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_tokens').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('users').execute();
}
