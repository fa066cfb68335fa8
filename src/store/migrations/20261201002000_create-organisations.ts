import { sql, type Kysely } from 'kysely';

/**
 * Organisations and who acts for them (issue 4): buyer organisations (public entities) and supplier
 * organisations (companies), each identified by a SIRET, their members, the claims that make a user a
 * member, the platform's administrators and the audit log.
 *
 * - `organisations.siret` is unique: one organisation per establishment. `siren` (its first 9 digits) joins
 *   the directory (`suppliers`, `buyers`). `email_domain` is the domain proven by the first claim verified
 *   by e-mail (`rennes.fr`): later members with an address there are verified the same way, any other
 *   address needs an approval.
 * - `organisation_claims` keeps every request, decided or not (who, which address, how, when, by whom).
 *   The link secret is stored as its SHA-256 (hex) only.
 * - `audit_events` is append-only: who (user, null for the system), what (`action`, `subject_type`,
 *   `subject_id`), when, and the subject's state before and after, as JSON. It is never updated.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('siret', 'varchar(14)', (c) => c.notNull().unique())
    .addColumn('siren', 'varchar(9)', (c) => c.notNull())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull().check(sql`kind in ('buyer', 'supplier')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email_domain', 'text')
    .addColumn('status', 'varchar(10)', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'suspended')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('organisations_siren_idx').on('organisations').column('siren').execute();

  await db.schema
    .createTable('memberships')
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'varchar(8)', (c) => c.notNull().check(sql`role in ('admin', 'member')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('memberships_pkey', ['organisation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('organisation_claims')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('method', 'varchar(12)', (c) => c.notNull().check(sql`method in ('email_domain', 'approval')`))
    .addColumn('status', 'varchar(10)', (c) =>
      c.notNull().check(sql`status in ('pending', 'verified', 'approved', 'rejected', 'expired')`),
    )
    .addColumn('token_hash', 'char(64)', (c) => c.unique())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .execute();
  await sql`create index organisation_claims_pending_idx on organisation_claims (created_at) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('platform_admins')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('granted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema
    .createIndex('audit_events_subject_idx')
    .on('audit_events')
    .columns(['subject_type', 'subject_id', 'id'])
    .execute();
}

/** Drops the five tables: organisations, their members, claims, platform admins and the audit log. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_events').execute();
  await db.schema.dropTable('platform_admins').execute();
  await db.schema.dropTable('organisation_claims').execute();
  await db.schema.dropTable('memberships').execute();
  await db.schema.dropTable('organisations').execute();
}
