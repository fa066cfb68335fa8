import type { Buyer, BuyerContract, ContractTitulaire } from './buyer.ts';
import type { ContractFacts, ContractPage } from './contract-facts.ts';

/**
 * API shapes of the buyers context (`GET /api/v1/buyers/:siret`). Fields are listed explicitly: adding a
 * column to the store never leaks it to the API.
 */

/** A contract's facts as the API gives them, on both the buyer and the supplier side. */
export interface ContractFactsView {
  /** DECP `id` (unique per buyer). */
  id: string;
  /** DECP 2019 `uid`, null in the 2022 format. */
  uid: string | null;
  /** Amont's internal contract number (stable within one database only). */
  internalId: number;
  kind: 'marche' | 'concession';
  nature: string | null;
  object: string | null;
  cpv: { code: string; label: string | null } | null;
  /** Euros HT, null when unknown. */
  amount: number | null;
  /** 'YYYY-MM-DD'. */
  notifiedOn: string | null;
  procedure: string | null;
  innovative: boolean | null;
  socialConsideration: boolean | null;
  environmentalConsideration: boolean | null;
}

/** A titulaire as the API gives it. */
export interface TitulaireView {
  name: string | null;
  identifier: string | null;
  identifierType: string | null;
  /** SIREN of the supplier in the directory (`/api/v1/suppliers/{siren}`), when linked. */
  siren: string | null;
}

/** The answer of `GET /api/v1/buyers/:siret`. */
export interface BuyerView {
  siret: string;
  name: string | null;
  siretValid: boolean;
  contractCount: number;
  page: number;
  perPage: number;
  contracts: (ContractFactsView & { titulaires: TitulaireView[] })[];
}

/**
 * API shape of a contract's facts.
 * @param facts the domain facts
 * @returns the JSON-ready object, CPV as `{ code, label }` or null
 */
export function presentContractFacts(facts: ContractFacts): ContractFactsView {
  return {
    id: facts.decpId,
    uid: facts.uid,
    internalId: facts.contractId,
    kind: facts.kind,
    nature: facts.nature,
    object: facts.object,
    cpv: facts.cpvCode === null ? null : { code: facts.cpvCode, label: facts.cpvLabel },
    amount: facts.amount,
    notifiedOn: facts.notifiedOn,
    procedure: facts.procedure,
    innovative: facts.innovative,
    socialConsideration: facts.socialConsideration,
    environmentalConsideration: facts.environmentalConsideration,
  };
}

/**
 * API shape of a titulaire: the name the directory knows (SIRENE) when linked, else the DECP one.
 * @param titulaire the domain titulaire
 * @returns the JSON-ready object
 */
export function presentTitulaire(titulaire: ContractTitulaire): TitulaireView {
  return {
    name: titulaire.supplierName ?? titulaire.name,
    identifier: titulaire.identifier,
    identifierType: titulaire.identifierType,
    siren: titulaire.supplierSiren,
  };
}

/**
 * API shape of a buyer and one page of its contracts.
 * @param buyer the buyer
 * @param contracts a page of its contracts
 * @returns the JSON-ready answer
 */
export function presentBuyer(buyer: Buyer, contracts: ContractPage<BuyerContract>): BuyerView {
  return {
    siret: buyer.siret,
    name: buyer.name,
    siretValid: buyer.siretValid,
    contractCount: contracts.total,
    page: contracts.page,
    perPage: contracts.perPage,
    contracts: contracts.rows.map((c) => ({
      ...presentContractFacts(c),
      titulaires: c.titulaires.map(presentTitulaire),
    })),
  };
}
