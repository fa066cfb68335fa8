import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { normalizePaging, withField, type ContractPage } from '../buyers/index.ts';
import { Siren } from '../shared/index.ts';
import { supplierNotFound } from './supplier.errors.ts';
import * as supplierRepository from './supplier.repository.ts';
import type { Supplier, SupplierContract } from './supplier.ts';

/** Contracts per page on a supplier's page and in its API answer, unless asked otherwise. */
export const SUPPLIER_CONTRACTS_PER_PAGE = 20;
/** Most contracts one request may ask for. */
export const SUPPLIER_CONTRACTS_MAX_PER_PAGE = 100;

/** A supplier and one page of its contracts. */
export interface SupplierWithContracts {
  supplier: Supplier;
  contracts: ContractPage<SupplierContract>;
}

/**
 * Finds a supplier by SIREN with one page of the public contracts it holds.
 * @param db the store or a transaction
 * @param rawSiren the SIREN as typed or taken from the URL; spaces, dots and NBSP are ignored
 * @param paging optional 1-based `page` and `perPage` (default 20, at most 100)
 * @returns the supplier and its contracts, most recently notified first
 * @throws DomainError `siren.invalid_format`, `siren.invalid_key` (with `details.field = 'siren'`),
 *   `supplier.not_found`
 */
export async function findSupplier(
  db: Kysely<Database>,
  rawSiren: string,
  paging: { page?: number | undefined; perPage?: number | undefined } = {},
): Promise<SupplierWithContracts> {
  const parsed = Siren.tryParse(rawSiren);
  if (!parsed.ok) {
    throw withField(parsed.error, 'siren');
  }
  const supplier = await supplierRepository.findSupplier(db, parsed.value);
  if (supplier === undefined) {
    throw supplierNotFound(Siren.format(parsed.value));
  }
  const page = normalizePaging(
    paging.page,
    paging.perPage,
    SUPPLIER_CONTRACTS_PER_PAGE,
    SUPPLIER_CONTRACTS_MAX_PER_PAGE,
  );
  const contracts = await supplierRepository.listSupplierContracts(db, supplier.siren, page);
  return { supplier, contracts };
}
