import { sql, type Kysely } from 'kysely';

/**
 * The search engine's own tables (src/search/): one document per supplier (later also per solution), built
 * from the store by `src/search/indexer.ts`, and the word list behind typo correction.
 *
 * - `fr_exact` text search configuration = `simple` (no stemming, no stop words) with `unaccent` first: the
 *   exact-token vector, so that a word typed exactly outranks words that only share its stem, and quoted
 *   phrases match word for word (case, accents and ligatures still folded).
 * - `tsv` is weighted: A name, B activity (NAF label, later solution titles), C objects of the contracts won.
 *   `tsv_head` holds the A and B parts only: a small vector that ranks cheaply when a broad query matches
 *   too many documents to rank them all (see postgres-search-index.ts).
 * - `cpv_prefixes` holds the significant digits of every CPV code of the document and of all their
 *   ancestors, so « within this CPV code » is one GIN-indexed array overlap; `cpv_divisions` only their
 *   first 2 digits, small enough to count the top of the CPV tree over tens of thousands of matches.
 * - The two CPV helper functions are not STRICT, so that PostgreSQL inlines them.
 * - Vectors are computed by the indexer, not generated columns: the text is assembled from several
 *   tables, and PG 15 only has STORED generated columns over the row itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`do $$ begin
    if not exists (select 1 from pg_ts_config where cfgname = 'fr_exact') then
      create text search configuration fr_exact (copy = simple);
      alter text search configuration fr_exact alter mapping for hword, hword_part, word with unaccent, simple;
    end if;
  end $$`.execute(db);

  // Significant digits of a CPV code (trailing zeros dropped, never fewer than the 2 digits of the division).
  await sql`create or replace function amont_cpv_prefix(text) returns text language sql immutable parallel safe
    as $$ select case when length(rtrim($1, '0')) < 2 then rpad(rtrim($1, '0'), 2, '0') else rtrim($1, '0') end $$`.execute(
    db,
  );
  // The prefix of the parent code (CPV 2008 hierarchy: zero the last significant digit), null for a division.
  await sql`create or replace function amont_cpv_parent_prefix(text) returns text language sql immutable parallel safe
    as $$ select case when length($1) <= 2 then null else amont_cpv_prefix(left($1, length($1) - 1)) end $$`.execute(
    db,
  );

  await db.schema
    .createTable('search_documents')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(8)', (c) => c.notNull().check(sql`kind in ('supplier', 'solution')`))
    .addColumn('siren', 'varchar(9)', (c) => c.notNull())
    .addColumn('solution_id', 'integer') // set when kind = 'solution' (solutions are not in the store yet)
    .addColumn('solution_title', 'text')
    .addColumn('solution_description', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('naf_code', 'varchar(6)')
    .addColumn('naf_label', 'text')
    .addColumn('contract_objects', 'text') // DECP `objet` of the contracts won, most recent first, capped
    .addColumn('cpv_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('cpv_prefixes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('cpv_divisions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('commune_code', 'varchar(5)')
    .addColumn('department_code', 'varchar(3)')
    .addColumn('region_code', 'varchar(3)')
    .addColumn('latitude', 'double precision')
    .addColumn('longitude', 'double precision')
    .addColumn('size_category', 'varchar(3)') // TPE | PME | ETI | GE
    .addColumn('ess', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('contract_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('has_contracts', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('has_innovative_contract', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
    .addColumn('tsv_head', sql`tsvector`, (c) => c.notNull())
    .addColumn('tsv_exact', sql`tsvector`, (c) => c.notNull())
    .addColumn('indexed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index search_documents_supplier_key on search_documents (siren) where kind = 'supplier'`.execute(
    db,
  );
  await sql`create index search_documents_tsv_idx on search_documents using gin (tsv)`.execute(db);
  await sql`create index search_documents_cpv_idx on search_documents using gin (cpv_prefixes)`.execute(db);
  await sql`create index search_documents_point_idx on search_documents using gist (point(longitude, latitude))`.execute(
    db,
  );
  await sql`create index search_documents_name_sort_idx on search_documents (name collate "und-x-icu", siren)`.execute(
    db,
  );
  await db.schema.createIndex('search_documents_naf_idx').on('search_documents').column('naf_code').execute();
  await db.schema
    .createIndex('search_documents_department_idx')
    .on('search_documents')
    .column('department_code')
    .execute();
  await db.schema
    .createIndex('search_documents_region_idx')
    .on('search_documents')
    .column('region_code')
    .execute();

  // Every word of the documents (folded, unstemmed) with its stem and document frequency: "did you mean".
  await db.schema
    .createTable('search_lexicon')
    .addColumn('word', 'text', (c) => c.primaryKey())
    .addColumn('stem', 'text')
    .addColumn('ndoc', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_lexicon_stem_idx').on('search_lexicon').column('stem').execute();
  // GiST, not GIN: `order by word <-> $1 limit k` (nearest words) needs no similarity threshold setting.
  await sql`create index search_lexicon_trgm_idx on search_lexicon using gist (word gist_trgm_ops)`.execute(
    db,
  );
}

/** Drops the search tables: they hold nothing that `reindexAll` cannot rebuild from the store. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_lexicon').execute();
  await db.schema.dropTable('search_documents').execute();
  await sql`drop function if exists amont_cpv_parent_prefix(text)`.execute(db);
  await sql`drop function if exists amont_cpv_prefix(text)`.execute(db);
  await sql`drop text search configuration if exists fr_exact`.execute(db);
}
