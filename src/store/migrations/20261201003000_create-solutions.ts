import { sql, type Kysely } from 'kysely';

/**
 * What supplier organisations show of themselves (issue 4): their profile, the references they declare,
 * their solutions (« briques technologiques ») with documents, and the API tokens that let their own
 * software act for them.
 *
 * - `supplier_profiles` is one row per supplier organisation (created on first edit). `labels` and
 *   `innovation_signals` are slugs from fixed lists, checked here so that no other writer can add a value
 *   the pages cannot label; adding a label means a migration, on purpose.
 * - `declared_references` are contracts the supplier declares itself (private buyers, contracts older than
 *   DECP…); its DECP contracts are read from `contracts`, never copied.
 * - `solutions.siren` copies the organisation's SIREN: the search indexer joins solutions to the supplier
 *   documents (`search_documents.siren`) without going through `organisations`.
 * - The perimeter is one kind and the columns that kind needs (checked): a radius around a COG commune,
 *   a list of départements or régions, or the whole country.
 * - Prices are euros HT, `numeric(16,2)` like every amount of the store; `price_unit` is free text
 *   (« par an », « par licence »…).
 * - `solution_documents.storage_key` names the file in the document storage (disk or S3), never a path
 *   typed by a user; `sha256` lets an operator check a file against its row.
 * - `api_tokens.token_hash` is the SHA-256 (hex) of the token: the token itself is shown once.
 * - `search_documents` gains two facet columns the indexer fills from the published solutions of a
 *   supplier: their TRL levels and the innovation signals of its profile.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supplier_profiles')
    .addColumn('organisation_id', 'integer', (c) =>
      c.primaryKey().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('description', 'text')
    .addColumn('website', 'text')
    .addColumn('labels', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(sql`labels <@ array['ess', 'siae', 'ea', 'esat', 'societe_a_mission', 'rge', 'scop']::text[]`),
    )
    .addColumn('innovation_signals', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(
          sql`innovation_signals <@ array['jei', 'french_tech', 'i_lab', 'bpifrance', 'patent', 'public_pilot']::text[]`,
        ),
    )
    .addColumn('innovation_details', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('declared_references')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('buyer_siret', 'varchar(14)')
    .addColumn('year', 'smallint', (c) => c.notNull().check(sql`year between 1990 and 2100`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount', 'numeric(16, 2)', (c) => c.check(sql`amount >= 0`))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('declared_references_organisation_idx')
    .on('declared_references')
    .column('organisation_id')
    .execute();

  await db.schema
    .createTable('solutions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('siren', 'varchar(9)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cpv_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('trl', 'smallint', (c) => c.check(sql`trl between 1 and 9`))
    .addColumn('perimeter_kind', 'varchar(12)', (c) =>
      c
        .notNull()
        .defaultTo('national')
        .check(sql`perimeter_kind in ('radius', 'departements', 'regions', 'national')`),
    )
    .addColumn('commune_code', 'varchar(5)')
    .addColumn('radius_km', 'integer', (c) => c.check(sql`radius_km between 1 and 1000`))
    .addColumn('departements', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('regions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('price_min', 'numeric(16, 2)', (c) => c.check(sql`price_min >= 0`))
    .addColumn('price_max', 'numeric(16, 2)', (c) => c.check(sql`price_max >= 0`))
    .addColumn('price_unit', 'text')
    .addColumn('status', 'varchar(10)', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'published', 'suspended')`),
    )
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'solutions_radius_complete',
      sql`perimeter_kind <> 'radius' or (commune_code is not null and radius_km is not null)`,
    )
    .addCheckConstraint(
      'solutions_price_order',
      sql`price_min is null or price_max is null or price_min <= price_max`,
    )
    .execute();
  await db.schema
    .createIndex('solutions_organisation_idx')
    .on('solutions')
    .column('organisation_id')
    .execute();
  await db.schema.createIndex('solutions_siren_idx').on('solutions').column('siren').execute();
  await sql`create index solutions_published_idx on solutions (published_at) where status = 'published'`.execute(
    db,
  );

  await db.schema
    .createTable('solution_documents')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('solution_id', 'integer', (c) => c.notNull().references('solutions.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('solution_documents_solution_idx')
    .on('solution_documents')
    .column('solution_id')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) =>
      c.notNull().references('organisations.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'char(64)', (c) => c.notNull().unique())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('api_tokens_organisation_idx')
    .on('api_tokens')
    .column('organisation_id')
    .execute();

  await db.schema
    .alterTable('search_documents')
    .addColumn('trl_levels', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('innovation_signals', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
}

/** Drops the showcase tables and the two facet columns (the indexer rebuilds the rest). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('search_documents')
    .dropColumn('innovation_signals')
    .dropColumn('trl_levels')
    .execute();
  await db.schema.dropTable('api_tokens').execute();
  await db.schema.dropTable('solution_documents').execute();
  await db.schema.dropTable('solutions').execute();
  await db.schema.dropTable('declared_references').execute();
  await db.schema.dropTable('supplier_profiles').execute();
}
