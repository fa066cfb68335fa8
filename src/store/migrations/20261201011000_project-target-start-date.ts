import type { Kysely } from 'kysely';

/**
 * Purchase projects (issue 5 §3): the retro-planning starts « from the target notification (or start) date ».
 * `target_start_date` is the launch day the buyer aims for (the notice sent, `YYYY-MM-DD`, Europe/Paris); the
 * plan then runs forwards from it when the project has no target notification day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('purchase_projects').addColumn('target_start_date', 'date').execute();
}

/** Drops the column. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('purchase_projects').dropColumn('target_start_date').execute();
}
