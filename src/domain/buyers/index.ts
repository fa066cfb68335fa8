/**
 * Public surface of the buyers context: public buyers (acheteurs) and the contracts they published in
 * DECP. Other contexts import only this file.
 */
export type { Buyer, BuyerContract, ContractTitulaire } from './buyer.ts';
export { titulaireDisplayName } from './buyer.ts';
export type { BuyerErrorCode } from './buyer.errors.ts';
export type { ContractFacts, ContractFactsRow, ContractPage } from './contract-facts.ts';
export { normalizePaging, rowToContractFacts, selectContractFacts } from './contract-facts.ts';
export {
  BUYER_CONTRACTS_MAX_PER_PAGE,
  BUYER_CONTRACTS_PER_PAGE,
  findBuyer,
  withField,
  type BuyerWithContracts,
} from './find-buyer.ts';
export { countBuyersAndContracts } from './buyer.repository.ts';
export {
  presentBuyer,
  presentContractFacts,
  presentTitulaire,
  type BuyerView,
  type ContractFactsView,
  type TitulaireView,
} from './buyer.presenter.ts';
