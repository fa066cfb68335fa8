/**
 * Public surface of the suppliers context: the public directory of suppliers (titulaires of public
 * contracts) and their contracts. Other contexts import only this file.
 */
export type {
  Supplier,
  SupplierContract,
  SupplierListItem,
  SupplierLocation,
  SupplierQuery,
  SupplierSort,
} from './supplier.ts';
export { NON_DIFFUSIBLE_LABEL, parseSupplierQuery, SUPPLIER_SORTS } from './supplier.ts';
export type { SupplierErrorCode } from './supplier.errors.ts';
export {
  listSuppliers,
  SUPPLIERS_MAX_PER_PAGE,
  SUPPLIERS_PER_PAGE,
  type SupplierDirectoryPage,
} from './list-suppliers.ts';
export {
  findSupplier,
  SUPPLIER_CONTRACTS_MAX_PER_PAGE,
  SUPPLIER_CONTRACTS_PER_PAGE,
  type SupplierWithContracts,
} from './find-supplier.ts';
export { countDirectory, type DirectoryCounts } from './count-directory.ts';
export {
  presentSupplier,
  presentSupplierContract,
  presentSupplierList,
  presentSupplierListItem,
  type SupplierContractView,
  type SupplierListItemView,
  type SupplierListView,
  type SupplierView,
} from './supplier.presenter.ts';
