import { sql, type Kysely } from 'kysely';

/**
 * Search performance (issue 3, benchmark): what `npm run bench:search` showed was missing at 100k and 1M
 * documents (docs/benchmarks.md).
 *
 * - `search_facet_cache`: one row, the total and facet counts of the empty query (every document), which
 *   would otherwise read the whole table at every visit of the search page. Written by the indexer at the
 *   end of each reindex (src/search/postgres/facet-cache.ts).
 * - Indexes on the selective filters that had none (size GE 1 %, ESS 6 %, innovative contract 1 %): a
 *   broad text with such a filter read every text match to find the few that pass it; with them
 *   PostgreSQL intersects the bitmaps first.
 * - GIN `fastupdate = off` on the text and CPV indexes: with the default, rows written by a reindex wait
 *   in a pending list (up to 4 MB) that every search reads linearly until VACUUM merges it; writing them
 *   into the index at once costs the indexer a little and keeps searches steady.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_facet_cache')
    .addColumn('id', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`id`),
    )
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('refreshed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('search_documents_size_idx')
    .on('search_documents')
    .column('size_category')
    .execute();
  await sql`create index search_documents_ess_idx on search_documents (id) where ess`.execute(db);
  await sql`create index search_documents_innovative_idx on search_documents (id) where has_innovative_contract`.execute(
    db,
  );
  await sql`alter index search_documents_tsv_idx set (fastupdate = off)`.execute(db);
  await sql`alter index search_documents_cpv_idx set (fastupdate = off)`.execute(db);
}

/** Drops the cache and the indexes; GIN indexes go back to the default pending list. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index search_documents_cpv_idx reset (fastupdate)`.execute(db);
  await sql`alter index search_documents_tsv_idx reset (fastupdate)`.execute(db);
  await sql`drop index if exists search_documents_innovative_idx`.execute(db);
  await sql`drop index if exists search_documents_ess_idx`.execute(db);
  await sql`drop index if exists search_documents_size_idx`.execute(db);
  await db.schema.dropTable('search_facet_cache').execute();
}
