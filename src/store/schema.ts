import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types of the store, written by hand and checked against `information_schema` by
 * `schema.test.ts`, so that a migration without its types fails the tests.
 *
 * Conventions of the `pg` driver (same on PGlite through its node-postgres bridge):
 * `numeric` comes back as a string (exact euros), `date` as a string 'YYYY-MM-DD' (see database.ts),
 * `timestamptz` as a Date, `jsonb` as parsed JSON.
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

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric(16,2): read as a decimal string, written as number or string. Euros HT. */
type Numeric = ColumnType<string, number | string, number | string>;
/** date: read as 'YYYY-MM-DD' (type parser set in database.ts), written as 'YYYY-MM-DD'. */
type DateOnly = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface CpvCodesTable {
  code: string;
  check_digit: string;
  label: string;
  parent_code: string | null;
  level: number;
}

export interface CommunesTable {
  insee_code: string;
  name: string;
  type: string;
  parent_code: string | null;
  department_code: string;
  region_code: string | null;
  postal_code: string | null;
  postal_codes: ColumnType<string[], string[] | undefined, string[]>;
  latitude: number;
  longitude: number;
  population: number | null;
}

export interface ImportRunsTable {
  id: Generated<number>;
  kind: string;
  file: string;
  file_sha256: string | null;
  status: ColumnType<string, string | undefined, string>;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
}

export interface ImportRejectionsTable {
  id: Generated<number>;
  run_id: number;
  position: string;
  reason: string;
  excerpt: string | null;
}

export interface BuyersTable {
  siret: string;
  name: string | null;
  siret_valid: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SuppliersTable {
  siren: string;
  name: string;
  name_source: 'sirene' | 'decp';
  naf_code: string | null;
  legal_category: string | null;
  employee_band: string | null;
  size_category: string | null;
  ess: boolean | null;
  diffusible: ColumnType<boolean, boolean | undefined, boolean>;
  head_office_siret: string | null;
  postal_code: string | null;
  commune_code: string | null;
  created_on: DateOnly | null;
  active: boolean | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EstablishmentsTable {
  siret: string;
  siren: string;
  head_office: boolean | null;
  name: string | null;
  postal_code: string | null;
  commune_code: string | null;
  diffusible: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Generated<Date>;
}

export interface ContractsTable {
  id: Generated<number>;
  buyer_siret: string;
  decp_id: string;
  /** 0 for the first contract of a (buyer_siret, decp_id) key, 1, 2… for distinct contracts sharing it. */
  homonym_rank: ColumnType<number, number | undefined, number>;
  uid: string | null;
  kind: 'marche' | 'concession';
  format: 'decp-2019' | 'decp-2022';
  nature: string | null;
  object: string | null;
  cpv_code: string | null;
  procedure: string | null;
  place_code: string | null;
  place_type: string | null;
  place_name: string | null;
  duration_months: number | null;
  initial_duration_months: number | null;
  amount: Numeric | null;
  initial_amount: Numeric | null;
  price_form: string | null;
  notified_on: DateOnly | null;
  published_on: DateOnly | null;
  innovative: boolean | null;
  social_considerations: string[] | null;
  environmental_considerations: string[] | null;
  has_social_consideration: boolean | null;
  has_environmental_consideration: boolean | null;
  ccag: string | null;
  offers_received: number | null;
  source: string | null;
  quality_flags: ColumnType<string[], string[] | undefined, string[]>;
  content_hash: string;
  raw: Json;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** `to_tsvector('fr', object)`, generated by PostgreSQL (never written): read as its text form. */
  object_tsv: ColumnType<string, never, never>;
}

export interface ContractTitulairesTable {
  contract_id: number;
  position: number;
  identifier_type: string | null;
  identifier: string | null;
  name: string | null;
  supplier_siren: string | null;
}

export interface ContractModificationsTable {
  contract_id: number;
  position: number;
  decp_id: string | null;
  object: string | null;
  notified_on: DateOnly | null;
  published_on: DateOnly | null;
  duration_months: number | null;
  amount: Numeric | null;
  titulaires: Json | null;
  raw: Json;
}

export type SupplierRow = Selectable<SuppliersTable>;
export type NewSupplier = Insertable<SuppliersTable>;
export type SupplierUpdate = Updateable<SuppliersTable>;
export type ContractRow = Selectable<ContractsTable>;
export type BuyerRow = Selectable<BuyersTable>;

/**
 * One search document per supplier (kind 'supplier'), later one per solution: built by src/search/indexer.ts.
 * Vectors are written as SQL expressions by the indexer and read as their text form.
 */
export interface SearchDocumentsTable {
  id: Generated<number>;
  kind: 'supplier' | 'solution';
  siren: string;
  solution_id: number | null;
  solution_title: string | null;
  solution_description: string | null;
  name: string;
  naf_code: string | null;
  naf_label: string | null;
  /** DECP `objet` of the contracts won, most recent first, joined with ' ; '. */
  contract_objects: string | null;
  cpv_codes: ColumnType<string[], string[] | undefined, string[]>;
  /** Significant digits of every CPV code and of its ancestors ('45', '452', '4521'). */
  cpv_prefixes: ColumnType<string[], string[] | undefined, string[]>;
  /** The CPV divisions (2 digits) of those codes. */
  cpv_divisions: ColumnType<string[], string[] | undefined, string[]>;
  commune_code: string | null;
  department_code: string | null;
  region_code: string | null;
  latitude: number | null;
  longitude: number | null;
  /** 'TPE' | 'PME' | 'ETI' | 'GE'. */
  size_category: string | null;
  ess: ColumnType<boolean, boolean | undefined, boolean>;
  contract_count: ColumnType<number, number | undefined, number>;
  has_contracts: ColumnType<boolean, boolean | undefined, boolean>;
  has_innovative_contract: ColumnType<boolean, boolean | undefined, boolean>;
  /** TRL levels (1–9) of the supplier's published solutions. */
  trl_levels: ColumnType<number[], number[] | undefined, number[]>;
  /** Innovation signals of the supplier's profile ('jei', 'patent'…), when it has published a solution. */
  innovation_signals: ColumnType<string[], string[] | undefined, string[]>;
  tsv: string;
  tsv_head: string;
  tsv_exact: string;
  indexed_at: Generated<Date>;
}

/** Folded words of the search documents, for typo correction (pg_trgm). */
export interface SearchLexiconTable {
  word: string;
  stem: string | null;
  ndoc: number;
}

/** Total and facet counts of the empty search (one row), written by the indexer (src/search/postgres/facet-cache.ts). */
export interface SearchFacetCacheTable {
  id: ColumnType<boolean, boolean | undefined, never>;
  total: number;
  counts: ColumnType<unknown, string, string>;
  refreshed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/**
 * Accounts (src/domain/accounts). `email` is stored trimmed, NFC-normalised and lower-cased; a deleted
 * account keeps its id with every personal field null and `deleted_at` set.
 */
export interface UsersTable {
  id: Generated<string>;
  email: string | null;
  /** argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
  password_hash: string | null;
  display_name: string | null;
  email_verified_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

/** A server-side session: `id` is the SHA-256 (hex) of the secret sent in the `amont_session` cookie. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  /** Sliding: min(last activity + idle timeout, creation + maximum lifetime). */
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

/** A single-use link sent by e-mail: `token_hash` is the SHA-256 (hex) of the secret in the link. */
export interface EmailTokensTable {
  id: Generated<number>;
  user_id: string;
  purpose: 'verify' | 'reset';
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A buyer (public entity) or supplier (company) organisation, by SIRET (src/domain/organisations). */
export interface OrganisationsTable {
  id: Generated<number>;
  siret: string;
  siren: string;
  kind: 'buyer' | 'supplier';
  name: string;
  /** Domain proven by the first claim verified by e-mail, lower case (`rennes.fr`); null until then. */
  email_domain: string | null;
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A user acting for an organisation. */
export interface MembershipsTable {
  organisation_id: number;
  user_id: string;
  role: 'admin' | 'member';
  created_at: Generated<Date>;
}

/** A request to act for an organisation, verified by a link to an address at its domain or approved. */
export interface OrganisationClaimsTable {
  id: Generated<number>;
  organisation_id: number;
  user_id: string;
  email: string;
  method: 'email_domain' | 'approval';
  status: 'pending' | 'verified' | 'approved' | 'rejected' | 'expired';
  /** SHA-256 (hex) of the link secret; null for a claim that needs an approval. */
  token_hash: string | null;
  expires_at: Timestamp | null;
  created_at: Generated<Date>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  reason: string | null;
}

/** Users who administer the platform (moderation, claim approvals). */
export interface PlatformAdminsTable {
  user_id: string;
  granted_at: Generated<Date>;
}

/** Append-only audit log: who did what to which subject, when, with its state before and after. */
export interface AuditEventsTable {
  id: Generated<string>;
  occurred_at: Generated<Date>;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: Json | null;
  after: Json | null;
}

/** What a supplier organisation says of itself (src/domain/showcase); labels and signals are slugs. */
export interface SupplierProfilesTable {
  organisation_id: number;
  description: string | null;
  website: string | null;
  labels: ColumnType<string[], string[] | undefined, string[]>;
  innovation_signals: ColumnType<string[], string[] | undefined, string[]>;
  innovation_details: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A reference (contract won) declared by the supplier itself; amounts in euros HT. */
export interface DeclaredReferencesTable {
  id: Generated<number>;
  organisation_id: number;
  buyer_name: string;
  buyer_siret: string | null;
  year: number;
  title: string;
  amount: Numeric | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** A solution (« brique technologique ») of a supplier organisation; prices in euros HT. */
export interface SolutionsTable {
  id: Generated<number>;
  organisation_id: number;
  siren: string;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  description: ColumnType<string, string | undefined, string>;
  cpv_codes: ColumnType<string[], string[] | undefined, string[]>;
  trl: number | null;
  perimeter_kind: ColumnType<
    'radius' | 'departements' | 'regions' | 'national',
    'radius' | 'departements' | 'regions' | 'national' | undefined
  >;
  commune_code: string | null;
  radius_km: number | null;
  departements: ColumnType<string[], string[] | undefined, string[]>;
  regions: ColumnType<string[], string[] | undefined, string[]>;
  price_min: Numeric | null;
  price_max: Numeric | null;
  price_unit: string | null;
  status: ColumnType<'draft' | 'published' | 'suspended', 'draft' | 'published' | 'suspended' | undefined>;
  published_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A document (PDF, ODT, DOCX) attached to a solution, stored under `storage_key`. */
export interface SolutionDocumentsTable {
  id: Generated<number>;
  solution_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}

/** A per-organisation API token; `token_hash` is the SHA-256 (hex) of the token. */
export interface ApiTokensTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Text array column: read as string[], defaulted on insert. */
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

/** A buyer organisation's purchase project (src/domain/projects); amounts in euros HT, eForms codes. */
export interface PurchaseProjectsTable {
  id: Generated<number>;
  organisation_id: number;
  reference: string | null;
  title: string;
  need: string;
  nature: 'works' | 'supplies' | 'services';
  buyer_type: ColumnType<'central' | 'local' | 'utility', 'central' | 'local' | 'utility' | undefined>;
  cpv_codes: TextArray;
  estimated_value: Numeric | null;
  budget: Numeric | null;
  place_kind: 'commune' | 'departement' | 'region' | null;
  place_code: string | null;
  place_department: string | null;
  place_region: string | null;
  procedure: string;
  innovative_purchase: ColumnType<boolean, boolean | undefined, boolean>;
  target_notification_date: DateOnly | null;
  /** Launch day aimed at (notice sent): the plan runs forwards from it without a notification day. */
  target_start_date: DateOnly | null;
  /** Buyer-set milestones: code → ISO 8601 instant with the Paris offset. */
  target_dates: ColumnType<Record<string, string>, string | undefined, string>;
  offers_deadline: Timestamp | null;
  contact_name: string | null;
  contact_email: string | null;
  status: ColumnType<
    'draft' | 'published' | 'tender_launched' | 'awarded' | 'abandoned',
    'draft' | 'published' | 'tender_launched' | 'awarded' | 'abandoned' | undefined
  >;
  strategic_procurement: TextArray;
  green_procurement: TextArray;
  social_procurement: TextArray;
  innovation_procurement: TextArray;
  reserved_participation: string | null;
  reserved_article: string | null;
  published_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: ColumnType<number, number | undefined, number>;
  /** Generated (title A, need B): never written. */
  search_vector: ColumnType<string, never, never>;
}

/** A lot of a purchase project; `variants` null: the procedure's default (BT-63). */
export interface ProjectLotsTable {
  id: Generated<number>;
  project_id: number;
  number: number;
  title: string;
  cpv_codes: TextArray;
  estimated_value: Numeric | null;
  variants: string | null;
  variant_minimum_requirements: string | null;
  variant_without_base_offer: ColumnType<boolean, boolean | undefined, boolean>;
  reserved_participation: string | null;
  reserved_article: string | null;
  /** Declared weights in percent: price, technical, social, environmental, innovation. */
  award_criteria: ColumnType<Record<string, number>, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One change made to a project after its publication: field → { before, after }. */
export interface ProjectVersionsTable {
  project_id: number;
  version: number;
  changed_at: Generated<Date>;
  changed_by: string | null;
  diff: ColumnType<Record<string, { before: unknown; after: unknown }>, string, string>;
}

/** A version of a preliminary study attached to a project, stored under `storage_key`. */
export interface ProjectDocumentsTable {
  id: Generated<number>;
  project_id: number;
  version: ColumnType<number, number | undefined, number>;
  title: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  visibility: ColumnType<'public' | 'suppliers', 'public' | 'suppliers' | undefined>;
  created_at: Generated<Date>;
  replaced_by: number | null;
}
