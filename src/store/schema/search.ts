import type { ColumnType, Generated } from 'kysely';

/**
 * Search engine tables (src/search): documents, lexicon for typo correction, cached facet counts.
 */

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
