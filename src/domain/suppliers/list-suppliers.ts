import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { normalizePaging } from '../buyers/index.ts';
import * as supplierRepository from './supplier.repository.ts';
import {
  parseSupplierQuery,
  type SupplierListItem,
  type SupplierQuery,
  type SupplierSort,
} from './supplier.ts';

/** Suppliers per page of the directory, unless asked otherwise. */
export const SUPPLIERS_PER_PAGE = 20;
/** Most suppliers one request may ask for. */
export const SUPPLIERS_MAX_PER_PAGE = 100;

/** One page of the directory. */
export interface SupplierDirectoryPage {
  /** The search as understood (SIREN, words or everything). */
  query: SupplierQuery;
  sort: SupplierSort;
  /** Number of matching suppliers over every page. */
  total: number;
  /** 1-based. */
  page: number;
  perPage: number;
  /** Number of pages (at least 1, so that « page 1 sur 1 » reads right on an empty list). */
  pageCount: number;
  results: SupplierListItem[];
}

/**
 * Searches the public supplier directory: by name (every word, accents and case ignored) or by SIREN /
 * SIRET (exact SIREN), sorted by name (French collation) or by number of contracts.
 * @param db the store or a transaction
 * @param input `q` as typed (optional), 1-based `page`, `perPage` (default 20, at most 100), `sort`
 *   (default 'name')
 * @returns the page of results with the total count; a page past the end has no results
 */
export async function listSuppliers(
  db: Kysely<Database>,
  input: {
    q?: string | undefined;
    page?: number | undefined;
    perPage?: number | undefined;
    sort?: SupplierSort | undefined;
  } = {},
): Promise<SupplierDirectoryPage> {
  const query = parseSupplierQuery(input.q);
  const sort = input.sort ?? 'name';
  const paging = normalizePaging(input.page, input.perPage, SUPPLIERS_PER_PAGE, SUPPLIERS_MAX_PER_PAGE);
  const { total, rows } = await supplierRepository.listSuppliers(db, { query, sort, ...paging });
  return {
    query,
    sort,
    total,
    page: paging.page,
    perPage: paging.perPage,
    pageCount: Math.max(1, Math.ceil(total / paging.perPage)),
    results: rows,
  };
}
