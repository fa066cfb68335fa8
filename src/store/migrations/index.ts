import type { Migration, MigrationProvider } from 'kysely';
import * as createReferenceTables from './20261130000000_create-reference-tables.ts';
import * as createDecpTables from './20261130000100_create-decp-tables.ts';
import * as createSearchDocuments from './20261130010000_create-search-documents.ts';
import * as allowSharedDecpIds from './20261130020000_allow-shared-decp-ids.ts';
import * as addContractObjectVectors from './20261201000000_add-contract-object-vectors.ts';
import * as createAccounts from './20261201001000_create-accounts.ts';
import * as createOrganisations from './20261201002000_create-organisations.ts';
import * as createSolutions from './20261201003000_create-solutions.ts';
import * as createPurchaseProjects from './20261201004000_create-purchase-projects.ts';
import * as searchFacetCache from './20261201009000_search-facet-cache.ts';
import * as searchFlagIndexesByName from './20261201010000_search-flag-indexes-by-name.ts';
import * as projectTargetStartDate from './20261201011000_project-target-start-date.ts';

/**
 * Every migration, by name, in order. A static list (rather than a folder scan) works the same under
 * tsx, Vitest and a bundled build. Add a line here with each new migration file.
 */
const migrations: Record<string, Migration> = {
  '20261130000000_create-reference-tables': createReferenceTables,
  '20261130000100_create-decp-tables': createDecpTables,
  '20261130010000_create-search-documents': createSearchDocuments,
  '20261130020000_allow-shared-decp-ids': allowSharedDecpIds,
  '20261201000000_add-contract-object-vectors': addContractObjectVectors,
  '20261201001000_create-accounts': createAccounts,
  '20261201002000_create-organisations': createOrganisations,
  '20261201003000_create-solutions': createSolutions,
  '20261201004000_create-purchase-projects': createPurchaseProjects,
  '20261201009000_search-facet-cache': searchFacetCache,
  '20261201010000_search-flag-indexes-by-name': searchFlagIndexesByName,
  '20261201011000_project-target-start-date': projectTargetStartDate,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
