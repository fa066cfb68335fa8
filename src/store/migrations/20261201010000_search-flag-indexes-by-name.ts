import { sql, type Kysely } from 'kysely';

/**
 * Search at 1,000,000 documents (issue 3 §8): the partial indexes of the ESS and innovative-contract
 * flags are keyed by name instead of id.
 *
 * Keyed by id, which follows table order, a plain index scan over 54,000 ESS documents looked sequential
 * to the planner, so it chose it for « ESS + a broad word » and « ESS + région » and checked the word on
 * every ESS document, one scattered heap page each (228 ms for `fourniture`, EXPLAIN on the bench corpus),
 * instead of intersecting the bitmaps of the flag and of the word (60 ms). Keyed by name, whose order has
 * nothing to do with table order, the same scan is costed as the random reads it is, and PostgreSQL
 * intersects bitmaps (BitmapAnd). The name key also gives the browse page of the flag, in name order, one
 * index range.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists search_documents_ess_idx`.execute(db);
  await sql`drop index if exists search_documents_innovative_idx`.execute(db);
  await sql`create index search_documents_ess_name_idx on search_documents (name collate "und-x-icu", siren) where ess`.execute(
    db,
  );
  await sql`create index search_documents_innovative_name_idx on search_documents (name collate "und-x-icu", siren)
    where has_innovative_contract`.execute(db);
}

/** Back to the indexes keyed by id. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists search_documents_innovative_name_idx`.execute(db);
  await sql`drop index if exists search_documents_ess_name_idx`.execute(db);
  await sql`create index search_documents_ess_idx on search_documents (id) where ess`.execute(db);
  await sql`create index search_documents_innovative_idx on search_documents (id) where has_innovative_contract`.execute(
    db,
  );
}
