import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { DomainError, Siret } from '../shared/index.ts';
import type { Buyer, BuyerContract } from './buyer.ts';
import { buyerNotFound } from './buyer.errors.ts';
import * as buyerRepository from './buyer.repository.ts';
import { normalizePaging, type ContractPage } from './contract-facts.ts';

/** Contracts per page on a buyer's page and in its API answer, unless asked otherwise. */
export const BUYER_CONTRACTS_PER_PAGE = 20;
/** Most contracts one request may ask for. */
export const BUYER_CONTRACTS_MAX_PER_PAGE = 100;

/** A buyer and one page of its contracts. */
export interface BuyerWithContracts {
  buyer: Buyer;
  contracts: ContractPage<BuyerContract>;
}

/**
 * Finds a buyer by SIRET and one page of the contracts it published.
 *
 * A SIRET that `Siret.parse` rejects still finds a buyer stored with that exact identifier and
 * `siret_valid = false` (DECP files carry such SIRETs; their contracts stay reachable); otherwise the
 * parse error is thrown, with `details.field = 'siret'`.
 * @param db the store or a transaction
 * @param rawSiret the SIRET as typed or taken from the URL; spaces are ignored
 * @param paging optional 1-based `page` and `perPage` (default 20, at most 100)
 * @returns the buyer and its contracts, most recently notified first
 * @throws DomainError `siret.invalid_format`, `siret.invalid_key` (malformed SIRET of no known buyer),
 *   `buyer.not_found`
 */
export async function findBuyer(
  db: Kysely<Database>,
  rawSiret: string,
  paging: { page?: number | undefined; perPage?: number | undefined } = {},
): Promise<BuyerWithContracts> {
  const parsed = Siret.tryParse(rawSiret);
  let buyer: Buyer | undefined;
  if (parsed.ok) {
    buyer = await buyerRepository.findBuyer(db, parsed.value);
    if (buyer === undefined) {
      throw buyerNotFound(Siret.format(parsed.value));
    }
  } else {
    const asStored = rawSiret.replace(/\s/gu, '');
    buyer =
      asStored === '' ? undefined : await buyerRepository.findBuyer(db, asStored, { invalidOnly: true });
    if (buyer === undefined) {
      throw withField(parsed.error, 'siret');
    }
  }
  const page = normalizePaging(
    paging.page,
    paging.perPage,
    BUYER_CONTRACTS_PER_PAGE,
    BUYER_CONTRACTS_MAX_PER_PAGE,
  );
  const contracts = await buyerRepository.listBuyerContracts(db, buyer.siret, page);
  return { buyer, contracts };
}

/**
 * Adds the name of the input field to a parse error, so that the API can point at it.
 * @param error a DomainError from a value object
 * @param field the input's name, e.g. 'siret'
 * @returns a DomainError with the same code and messages and `details.field`
 */
export function withField(error: DomainError, field: string): DomainError {
  return new DomainError(error.code, error.userMessage, {
    message: error.message,
    details: { ...error.details, field },
    cause: error,
  });
}
