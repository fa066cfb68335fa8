import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { DateOnly } from './columns.ts';

/**
 * Supplier directory from SIRENE (src/ingest/sirene): unités légales (`suppliers`) and their establishments.
 */

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

export type SupplierRow = Selectable<SuppliersTable>;
export type NewSupplier = Insertable<SuppliersTable>;
export type SupplierUpdate = Updateable<SuppliersTable>;
