import type { Migration, MigrationProvider } from 'kysely';
import * as createReferenceTables from './20261130000000_create-reference-tables.ts';
import * as createDecpTables from './20261130000100_create-decp-tables.ts';
import * as createSearchDocuments from './20261130010000_create-search-documents.ts';
import * as allowSharedDecpIds from './20261130020000_allow-shared-decp-ids.ts';

/**
 * Every migration, by name, in order. A static list (rather than a folder scan) works the same under
 * tsx, Vitest and a bundled build. Add a line here with each new migration file.
 */
const migrations: Record<string, Migration> = {
  '20261130000000_create-reference-tables': createReferenceTables,
  '20261130000100_create-decp-tables': createDecpTables,
  '20261130010000_create-search-documents': createSearchDocuments,
  '20261130020000_allow-shared-decp-ids': allowSharedDecpIds,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
