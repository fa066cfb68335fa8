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
