import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { countBuyersAndContracts } from '../buyers/index.ts';
import { countSuppliers } from './supplier.repository.ts';

/** What the directory holds. */
export interface DirectoryCounts {
  suppliers: number;
  buyers: number;
  contracts: number;
}

/**
 * Counts the suppliers, buyers and contracts of the directory (home page).
 * @param db the store or a transaction
 * @returns the three counts
 */
export async function countDirectory(db: Kysely<Database>): Promise<DirectoryCounts> {
  const [suppliers, rest] = await Promise.all([countSuppliers(db), countBuyersAndContracts(db)]);
  return { suppliers, ...rest };
}
