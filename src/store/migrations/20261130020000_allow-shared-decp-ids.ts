import type { Kysely } from 'kysely';

/**
 * Lets several contracts share one DECP key (buyer SIRET + DECP `id`).
 *
 * Why: buyers publish distinct contracts under one `id`, typically the lots of one consultation (in the
 * real 2019 files, 27 of the 29 « duplicates » of e-marchespublics.json and all 13 of
 * marches-publics.info.json differ by object or holders). The importer keeps them as separate rows,
 * numbered by `homonym_rank` in order of first appearance (0 for the first record of a key, then 1, 2…;
 * see src/ingest/decp/import-decp.ts, rule 6), so the unique key becomes (buyer_siret, decp_id,
 * homonym_rank). Existing rows get rank 0, which keeps them unique.
 *
 * `down` restores the old unique key; it fails if homonyms (rank > 0) are stored, which is intended: they
 * would have to be deleted first, losing contracts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('contracts')
    .addColumn('homonym_rank', 'smallint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('contracts').dropConstraint('contracts_buyer_decp_id_key').execute();
  await db.schema
    .alterTable('contracts')
    .addUniqueConstraint('contracts_buyer_decp_id_rank_key', ['buyer_siret', 'decp_id', 'homonym_rank'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').dropConstraint('contracts_buyer_decp_id_rank_key').execute();
  await db.schema
    .alterTable('contracts')
    .addUniqueConstraint('contracts_buyer_decp_id_key', ['buyer_siret', 'decp_id'])
    .execute();
  await db.schema.alterTable('contracts').dropColumn('homonym_rank').execute();
}
