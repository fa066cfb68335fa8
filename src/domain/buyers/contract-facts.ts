import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';

/**
 * The facts of an awarded contract that the directory shows, whichever side it is seen from (the buyer's
 * page lists them with their titulaires, the supplier's page with their buyer). They come from DECP
 * (données essentielles de la commande publique); field names below give the DECP source.
 */
export interface ContractFacts {
  /** Our internal key (`contracts.id`): stable within one store only. */
  contractId: number;
  /** DECP `id`: unique only for its buyer (the buyer's own numbering). */
  decpId: string;
  /** DECP 2019 `uid` (buyer SIRET + `id`), null in the 2022 format. */
  uid: string | null;
  /** 'marche' | 'concession' (DECP `_type` / `nature` of the 2022 format). */
  kind: 'marche' | 'concession';
  /** DECP `nature`: Marché, Accord-cadre, Marché subséquent… */
  nature: string | null;
  /** DECP `objet`. */
  object: string | null;
  /** DECP `codeCPV`, 8 digits without the check digit; null when the source value was invalid. */
  cpvCode: string | null;
  /** French label of the CPV code (CPV 2008), null when the code is not in the imported list. */
  cpvLabel: string | null;
  /** Euros HT after modifications (DECP `montant`), null when unknown. */
  amount: number | null;
  /** DECP `dateNotification`, 'YYYY-MM-DD'. */
  notifiedOn: string | null;
  /** DECP `procedure`, canonical French label (e.g. « Procédure adaptée »). */
  procedure: string | null;
  /** DECP 2022 `marcheInnovant`; null when the source does not say (2019 format). */
  innovative: boolean | null;
  /** DECP 2022 `considerationsSociales` other than « Pas de considération sociale ». */
  socialConsideration: boolean | null;
  /** DECP 2022 `considerationsEnvironnementales` other than « Pas de considération environnementale ». */
  environmentalConsideration: boolean | null;
}

/**
 * Starts a query on contracts (`c`) with the CPV label joined (`cpv`) and the columns of `ContractFacts`
 * selected; callers add their own join (`buyers`) and filter.
 * @param db the store or a transaction
 * @returns a select query whose rows `rowToContractFacts` reads
 */
export function selectContractFacts(db: Kysely<Database>) {
  return db
    .selectFrom('contracts as c')
    .leftJoin('cpv_codes as cpv', 'cpv.code', 'c.cpv_code')
    .select([
      'c.id as contract_id',
      'c.decp_id',
      'c.uid',
      'c.kind',
      'c.nature',
      'c.object',
      'c.cpv_code',
      'cpv.label as cpv_label',
      'c.amount',
      'c.notified_on',
      'c.procedure',
      'c.innovative',
      'c.has_social_consideration',
      'c.has_environmental_consideration',
    ]);
}

/** Row shape produced by `selectContractFacts`. */
export interface ContractFactsRow {
  contract_id: number;
  decp_id: string;
  uid: string | null;
  kind: 'marche' | 'concession';
  nature: string | null;
  object: string | null;
  cpv_code: string | null;
  cpv_label: string | null;
  amount: string | null;
  notified_on: string | null;
  procedure: string | null;
  innovative: boolean | null;
  has_social_consideration: boolean | null;
  has_environmental_consideration: boolean | null;
}

/**
 * Maps a row of `selectContractFacts` to `ContractFacts`.
 * @param row the database row; `amount` is a numeric(16,2) decimal string (euros HT)
 * @returns the facts; the amount becomes a number of euros (exact to the cent below 10^13 €)
 */
export function rowToContractFacts(row: ContractFactsRow): ContractFacts {
  return {
    contractId: row.contract_id,
    decpId: row.decp_id,
    uid: row.uid,
    kind: row.kind,
    nature: row.nature,
    object: row.object,
    cpvCode: row.cpv_code,
    cpvLabel: row.cpv_label,
    amount: row.amount === null ? null : Number(row.amount),
    notifiedOn: row.notified_on,
    procedure: row.procedure,
    innovative: row.innovative,
    socialConsideration: row.has_social_consideration,
    environmentalConsideration: row.has_environmental_consideration,
  };
}

/** A page of contracts and how many there are in all. */
export interface ContractPage<T> {
  /** Number of contracts matching, over every page. */
  total: number;
  /** 1-based page number that was asked for. */
  page: number;
  perPage: number;
  rows: T[];
}

/**
 * Clamps paging input to sane values (routes validate too, but use cases are called from other places).
 * @param page 1-based page, defaults to 1
 * @param perPage rows per page, defaults to `fallback`, at most `max`
 * @returns integers with `page >= 1` and `1 <= perPage <= max`
 */
export function normalizePaging(
  page: number | undefined,
  perPage: number | undefined,
  fallback: number,
  max: number,
): { page: number; perPage: number; offset: number } {
  const p = Number.isFinite(page) ? Math.max(1, Math.trunc(page as number)) : 1;
  const pp = Number.isFinite(perPage) ? Math.min(max, Math.max(1, Math.trunc(perPage as number))) : fallback;
  return { page: p, perPage: pp, offset: (p - 1) * pp };
}
