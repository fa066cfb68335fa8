import type { ColumnType } from 'kysely';

/**
 * Reference tables: CPV 2008 codes and COG communes.
 */

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
