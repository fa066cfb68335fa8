import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { reindexAll, reindexSuppliers, type ReindexReport } from './indexer.ts';

/**
 * Keeps the search documents in step with the store after imports, so that what an import brings is
 * searchable as soon as it is committed.
 *
 * An import run does not tell the search engine what it wrote: every writer stamps `updated_at = now()`
 * (the transaction's start), so the suppliers touched since a moment taken from the database clock before
 * the import are found afterwards from the store itself:
 * - suppliers and establishments updated since then (SIRENE enrichment, DECP titulaires);
 * - the titulaires of the contracts updated since then (new contracts, modifications).
 */

/** The database clock, read before an import; pass it to `refreshSearchIndex` afterwards. */
export async function searchClock(db: Kysely<Database>): Promise<Date> {
  const row = await sql<{ now: Date }>`select now() as now`.execute(db);
  const first = row.rows[0];
  if (first === undefined) {
    throw new Error('select now() returned no row');
  }
  return new Date(first.now);
}

/**
 * SIRENs whose search document may be stale since `since`.
 * @param since a `searchClock` reading
 */
export async function suppliersTouchedSince(db: Kysely<Database>, since: Date): Promise<string[]> {
  const rows = await sql<{ siren: string }>`
    select siren from suppliers where updated_at >= ${since}
    union
    select siren from establishments where updated_at >= ${since}
    union
    select t.supplier_siren as siren
      from contract_titulaires t join contracts c on c.id = t.contract_id
     where c.updated_at >= ${since} and t.supplier_siren is not null
    order by siren`.execute(db);
  return rows.rows.map((row) => row.siren);
}

/** What `refreshSearchIndex` did. */
export interface SearchRefresh extends ReindexReport {
  /** `suppliers`: only the touched ones; `all`: a full rebuild (first build, or communes changed). */
  scope: 'suppliers' | 'all';
}

/**
 * Brings the search documents up to date after imports that ran since `since`.
 *
 * A full rebuild (`reindexAll`) when the index is still empty while suppliers exist (a store seeded
 * before the search engine existed) or when `full` is set (communes imported: every document's
 * département, région and reference point may change); otherwise only the suppliers touched since `since`.
 * @param since a `searchClock` reading taken before the imports
 * @param options `full`: rebuild everything
 */
export async function refreshSearchIndex(
  db: Kysely<Database>,
  since: Date,
  options: { full?: boolean } = {},
): Promise<SearchRefresh> {
  if (options.full === true || (await indexMissing(db))) {
    return { scope: 'all', ...(await reindexAll(db)) };
  }
  return { scope: 'suppliers', ...(await reindexSuppliers(db, await suppliersTouchedSince(db, since))) };
}

/**
 * Builds the search index when the store holds suppliers but no search document (a data folder seeded
 * before the search engine existed). Returns null when there was nothing to do.
 */
export async function ensureSearchIndex(db: Kysely<Database>): Promise<ReindexReport | null> {
  return (await indexMissing(db)) ? reindexAll(db) : null;
}

async function indexMissing(db: Kysely<Database>): Promise<boolean> {
  const row = await sql<{ missing: boolean }>`
    select exists (select 1 from suppliers where active is not false)
       and not exists (select 1 from search_documents) as missing`.execute(db);
  return row.rows[0]?.missing === true;
}
