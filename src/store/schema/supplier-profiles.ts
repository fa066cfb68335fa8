import type { ColumnType, Generated } from 'kysely';
import type { Numeric } from './columns.ts';

/**
 * What a supplier organisation declares (src/domain/supplier-profiles): profile and references.
 */

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
