import type { CommunesTable, CpvCodesTable } from './schema/reference.ts';
import type { ImportRejectionsTable, ImportRunsTable } from './schema/imports.ts';
import type { EstablishmentsTable, SuppliersTable } from './schema/suppliers.ts';
import type {
  BuyersTable,
  ContractModificationsTable,
  ContractsTable,
  ContractTitulairesTable,
} from './schema/decp.ts';
import type { SearchDocumentsTable, SearchFacetCacheTable, SearchLexiconTable } from './schema/search.ts';
import type { EmailTokensTable, PlatformAdminsTable, SessionsTable, UsersTable } from './schema/accounts.ts';
import type {
  ApiTokensTable,
  MembershipsTable,
  OrganisationClaimsTable,
  OrganisationsTable,
} from './schema/organisations.ts';
import type { AuditEventsTable } from './schema/audit.ts';
import type { DeclaredReferencesTable, SupplierProfilesTable } from './schema/supplier-profiles.ts';
import type { SolutionDocumentsTable, SolutionsTable } from './schema/solutions.ts';
import type {
  ProjectDocumentsTable,
  ProjectLotsTable,
  ProjectVersionsTable,
  PurchaseProjectsTable,
} from './schema/projects.ts';

/**
 * Table types of the store, written by hand and checked against `information_schema` by
 * `schema.test.ts`, so that a migration without its types fails the tests.
 *
 * Conventions of the `pg` driver (same on PGlite through its node-postgres bridge):
 * `numeric` comes back as a string (exact euros), `date` as a string 'YYYY-MM-DD' (see database.ts),
 * `timestamptz` as a Date, `jsonb` as parsed JSON (column types in `schema/columns.ts`).
 *
 * The table types live in `schema/`, one file per context; this module is the one to import: it
 * gathers them in `Database` and re-exports every table and row type.
 */
export interface Database {
  cpv_codes: CpvCodesTable;
  communes: CommunesTable;
  import_runs: ImportRunsTable;
  import_rejections: ImportRejectionsTable;
  buyers: BuyersTable;
  suppliers: SuppliersTable;
  establishments: EstablishmentsTable;
  contracts: ContractsTable;
  contract_titulaires: ContractTitulairesTable;
  contract_modifications: ContractModificationsTable;
  search_documents: SearchDocumentsTable;
  search_lexicon: SearchLexiconTable;
  search_facet_cache: SearchFacetCacheTable;
  users: UsersTable;
  sessions: SessionsTable;
  email_tokens: EmailTokensTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  organisation_claims: OrganisationClaimsTable;
  platform_admins: PlatformAdminsTable;
  audit_events: AuditEventsTable;
  supplier_profiles: SupplierProfilesTable;
  declared_references: DeclaredReferencesTable;
  solutions: SolutionsTable;
  solution_documents: SolutionDocumentsTable;
  api_tokens: ApiTokensTable;
  purchase_projects: PurchaseProjectsTable;
  project_lots: ProjectLotsTable;
  project_versions: ProjectVersionsTable;
  project_documents: ProjectDocumentsTable;
}

export type * from './schema/reference.ts';
export type * from './schema/imports.ts';
export type * from './schema/suppliers.ts';
export type * from './schema/decp.ts';
export type * from './schema/search.ts';
export type * from './schema/accounts.ts';
export type * from './schema/organisations.ts';
export type * from './schema/audit.ts';
export type * from './schema/supplier-profiles.ts';
export type * from './schema/solutions.ts';
export type * from './schema/projects.ts';
