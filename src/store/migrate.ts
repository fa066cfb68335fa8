import { Migrator, type Kysely } from 'kysely';
import { DomainError } from '../domain/shared/domain-error.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';

/** What one migration run did: the names applied, in order. */
export interface MigrationOutcome {
  applied: string[];
}

/**
 * Brings the schema to the latest migration. Safe to call at every start: applied migrations are skipped.
 * @param db any Kysely instance on the store
 * @returns the names of the migrations applied by this call
 * @throws DomainError `store.migration_failed` with the failing migration's name
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new DomainError('store.migration_failed', `La migration ${failed?.migrationName ?? ''} a échoué.`, {
      message: `migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`,
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * Reverts the last applied migration.
 * @returns the name of the reverted migration, or null when none was applied
 * @throws DomainError `store.migration_failed`
 */
export async function migrateDown(db: Kysely<Database>): Promise<string | null> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateDown();
  if (error) {
    throw new DomainError('store.migration_failed', 'Le retour arrière de la migration a échoué.', {
      message: String(error),
      cause: error,
    });
  }
  return results?.[0]?.migrationName ?? null;
}
