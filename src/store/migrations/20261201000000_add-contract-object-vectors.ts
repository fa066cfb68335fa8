import { sql, type Kysely } from 'kysely';

/**
 * Full-text vectors behind the CPV suggestion (« Décrire mon besoin », src/search/cpv-suggest/): a free-text
 * need is compared with the objects of the contracts in the store (DECP `objet`) and with the CPV 2008
 * labels.
 *
 * - `contracts.object_tsv` is a STORED generated column, `to_tsvector('fr', object)`: PostgreSQL computes it
 *   on every insert and update, whoever writes the row (the DECP importer, test factories, later writers),
 *   so it can never be stale; adding it rewrites the table, which back-fills the existing rows. STORED, not
 *   virtual: PostgreSQL 15 has no virtual generated columns (../shared/docs/stack-notes.md, conditions).
 * - The CPV labels get an expression index rather than a column: `cpv_codes` is small (9 454 rows), the
 *   ranking recomputes the vector of the few labels that match, and the table's shape stays as the CPV
 *   importer and its readers know it. The query must use the same expression, `to_tsvector('fr', label)`.
 * - A trigram index on the folded labels finds the closest official word of a mistyped one
 *   (`word_similarity`), the vocabulary of typo correction for the suggestion.
 * - The GIN indexes are built with `fastupdate = off`: PGlite runs no autovacuum, so GIN's pending list
 *   (filled by every import) would never be merged and every search would scan it linearly (measured:
 *   30 to 55 ms for a word found in no row of 5,000 contracts, 0.1 ms once merged). Imports pay a little
 *   more per row instead.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contracts
    add column object_tsv tsvector generated always as (to_tsvector('fr', coalesce(object, ''))) stored`.execute(
    db,
  );
  await sql`create index contracts_object_tsv_idx on contracts using gin (object_tsv) with (fastupdate = off)`.execute(
    db,
  );
  await sql`create index cpv_codes_label_fts_idx on cpv_codes using gin (to_tsvector('fr', label))
    with (fastupdate = off)`.execute(db);
  await sql`create index cpv_codes_label_trgm_idx on cpv_codes using gin (amont_fold(label) gin_trgm_ops)
    with (fastupdate = off)`.execute(db);
}

/** Drops the vectors and indexes; they hold nothing that is not computed from `object` and `label`. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists cpv_codes_label_trgm_idx`.execute(db);
  await sql`drop index if exists cpv_codes_label_fts_idx`.execute(db);
  await sql`drop index if exists contracts_object_tsv_idx`.execute(db);
  await sql`alter table contracts drop column object_tsv`.execute(db);
}
