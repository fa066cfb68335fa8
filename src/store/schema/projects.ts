import type { ColumnType, Generated } from 'kysely';
import type { DateOnly, Numeric, TextArray, Timestamp } from './columns.ts';

/**
 * Purchase projects of buyer organisations (src/domain/projects): lots, versions, studies.
 */

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
