import { presentContractFacts, type ContractFactsView, type ContractPage } from '../buyers/index.ts';
import type { SupplierDirectoryPage } from './list-suppliers.ts';
import type { Supplier, SupplierContract, SupplierListItem } from './supplier.ts';

/**
 * API shapes of the suppliers context (`GET /api/v1/suppliers`, `GET /api/v1/suppliers/:siren`). Fields
 * are listed explicitly: a new column in the store never leaks to the API.
 */

/** A row of `GET /api/v1/suppliers`. */
export interface SupplierListItemView {
  siren: string;
  name: string;
  nafCode: string | null;
  nafLabel: string | null;
  communeCode: string | null;
  communeName: string | null;
  departmentCode: string | null;
  contractCount: number;
}

/** The answer of `GET /api/v1/suppliers`. */
export interface SupplierListView {
  total: number;
  page: number;
  perPage: number;
  results: SupplierListItemView[];
}

/** A contract of `GET /api/v1/suppliers/:siren`. */
export interface SupplierContractView extends ContractFactsView {
  buyer: { siret: string; name: string | null };
}

/** The answer of `GET /api/v1/suppliers/:siren`. */
export interface SupplierView extends SupplierListItemView {
  nameSource: 'sirene' | 'decp';
  sizeCategory: string | null;
  ess: boolean | null;
  diffusible: boolean;
  legalCategory: string | null;
  headOfficeSiret: string | null;
  createdOn: string | null;
  active: boolean | null;
  departmentName: string | null;
  page: number;
  perPage: number;
  contracts: SupplierContractView[];
}

/**
 * API shape of a directory row.
 * @param item the domain row
 * @returns the JSON-ready object
 */
export function presentSupplierListItem(item: SupplierListItem): SupplierListItemView {
  return {
    siren: item.siren,
    name: item.name,
    nafCode: item.nafCode,
    nafLabel: item.nafLabel,
    communeCode: item.communeCode,
    communeName: item.communeName,
    departmentCode: item.departmentCode,
    contractCount: item.contractCount,
  };
}

/**
 * API shape of a page of the directory.
 * @param page the use case's result
 * @returns `{ total, page, perPage, results }`
 */
export function presentSupplierList(page: SupplierDirectoryPage): SupplierListView {
  return {
    total: page.total,
    page: page.page,
    perPage: page.perPage,
    results: page.results.map(presentSupplierListItem),
  };
}

/**
 * API shape of a supplier's contract: the facts and the buyer.
 * @param contract the domain contract
 * @returns the JSON-ready object
 */
export function presentSupplierContract(contract: SupplierContract): SupplierContractView {
  return {
    ...presentContractFacts(contract),
    buyer: { siret: contract.buyer.siret, name: contract.buyer.name },
  };
}

/**
 * API shape of a supplier with one page of its contracts. `contractCount` is the total over all pages.
 * @param supplier the supplier
 * @param contracts a page of its contracts
 * @returns the JSON-ready answer
 */
export function presentSupplier(supplier: Supplier, contracts: ContractPage<SupplierContract>): SupplierView {
  return {
    ...presentSupplierListItem(supplier),
    nameSource: supplier.nameSource,
    sizeCategory: supplier.sizeCategory,
    ess: supplier.ess,
    diffusible: supplier.diffusible,
    legalCategory: supplier.legalCategory,
    headOfficeSiret: supplier.headOfficeSiret,
    createdOn: supplier.createdOn,
    active: supplier.active,
    departmentName: supplier.departmentName,
    page: contracts.page,
    perPage: contracts.perPage,
    contracts: contracts.rows.map(presentSupplierContract),
  };
}
