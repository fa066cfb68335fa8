import type { ColumnType, Generated } from 'kysely';
import type { Numeric, Timestamp } from './columns.ts';

/**
 * Supplier solutions and their documents (src/domain/solutions).
 */

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
