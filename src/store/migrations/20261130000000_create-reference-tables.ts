import { sql, type Kysely } from 'kysely';

/**
 * Reference data and the text-search configuration every later table relies on.
 *
 * - `fr` text search configuration = PostgreSQL `french` with `unaccent` before `french_stem`, so that
 *   "cybersécurité" and "cybersecurite" stem alike (see ../shared/docs/stack-notes.md §3: fold before stem).
 * - Geography uses core `point` GiST indexes, never cube/earthdistance (they break pg_trgm on PGlite).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`do $$ begin
    if not exists (select 1 from pg_ts_config where cfgname = 'fr') then
      create text search configuration fr (copy = french);
      alter text search configuration fr alter mapping for hword, hword_part, word with unaccent, french_stem;
    end if;
  end $$`.execute(db);
  // unaccent() is only STABLE; an IMMUTABLE wrapper lets expression indexes (trigram on names) use it.
  await sql`create or replace function amont_fold(text) returns text language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`.execute(db);

  // CPV 2008 (EU Regulation 213/2008). code = 8 digits without the check digit.
  await db.schema
    .createTable('cpv_codes')
    .addColumn('code', 'char(8)', (c) => c.primaryKey())
    .addColumn('check_digit', 'char(1)', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'char(8)')
    .addColumn('level', 'smallint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cpv_codes_parent_idx').on('cpv_codes').column('parent_code').execute();

  // COG communes (INSEE) with their reference point (WGS84). Includes Paris/Lyon/Marseille arrondissements (ARM).
  await db.schema
    .createTable('communes')
    .addColumn('insee_code', 'varchar(5)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'varchar(8)', (c) => c.notNull())
    .addColumn('parent_code', 'varchar(5)')
    .addColumn('department_code', 'varchar(3)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(2)')
    .addColumn('postal_code', 'varchar(5)')
    .addColumn('postal_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('latitude', 'double precision', (c) => c.notNull())
    .addColumn('longitude', 'double precision', (c) => c.notNull())
    .addColumn('population', 'integer')
    .execute();
  await sql`create index communes_point_idx on communes using gist (point(longitude, latitude))`.execute(db);
  await sql`create index communes_name_trgm_idx on communes using gin (amont_fold(name) gin_trgm_ops)`.execute(
    db,
  );
  await db.schema.createIndex('communes_department_idx').on('communes').column('department_code').execute();

  // One row per import run, with its report (counts) and its rejected records.
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'char(64)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('running'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createTable('import_rejections')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('import_runs.id').onDelete('cascade'))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text')
    .execute();
  await db.schema.createIndex('import_rejections_run_idx').on('import_rejections').column('run_id').execute();
}

/** Drops everything `up` created; reference data is re-importable from the open-data files. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_rejections').execute();
  await db.schema.dropTable('import_runs').execute();
  await db.schema.dropTable('communes').execute();
  await db.schema.dropTable('cpv_codes').execute();
  await sql`drop function if exists amont_fold(text)`.execute(db);
  await sql`drop text search configuration if exists fr`.execute(db);
}
