import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Buyer, BuyerContract, ContractTitulaire } from './buyer.ts';
import { rowToContractFacts, selectContractFacts, type ContractPage } from './contract-facts.ts';
import { publicSupplierName } from '../suppliers/supplier.ts';

/**
 * The only Kysely file of the buyers context: buyers, the contracts they published, and the directory
 * counts. Every function takes the store or a transaction.
 */

/**
 * Loads a buyer with its number of contracts.
 * @param db the store or a transaction
 * @param siret the SIRET as stored (14 digits, or the raw identifier of a buyer whose SIRET is invalid)
 * @param options `invalidOnly`: only match a buyer stored with `siret_valid = false` (used for identifiers
 *   that `Siret.parse` rejects, so that a malformed SIRET never reaches a valid buyer)
 * @returns the buyer, or undefined when unknown
 */
export async function findBuyer(
  db: Kysely<Database>,
  siret: string,
  options: { invalidOnly?: boolean } = {},
): Promise<Buyer | undefined> {
  let query = db
    .selectFrom('buyers as b')
    .select([
      'b.siret',
      'b.name',
      'b.siret_valid',
      (eb) =>
        eb
          .selectFrom('contracts')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('contracts.buyer_siret', '=', 'b.siret')
          .as('contract_count'),
    ])
    .where('b.siret', '=', siret);
  if (options.invalidOnly) {
    query = query.where('b.siret_valid', '=', false);
  }
  const row = await query.executeTakeFirst();
  if (row === undefined) {
    return undefined;
  }
  return {
    siret: row.siret,
    name: row.name,
    siretValid: row.siret_valid,
    contractCount: row.contract_count ?? 0,
  };
}

/**
 * One page of the contracts a buyer published, each with its titulaires, the most recently notified first
 * (undated last, then by internal id so that pages never overlap).
 * @param db the store or a transaction
 * @param siret the buyer's SIRET as stored
 * @param paging 1-based `page`, `perPage` rows and the matching `offset`
 * @returns the page and the total number of the buyer's contracts
 */
export async function listBuyerContracts(
  db: Kysely<Database>,
  siret: string,
  paging: { page: number; perPage: number; offset: number },
): Promise<ContractPage<BuyerContract>> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('contracts')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('buyer_siret', '=', siret)
      .executeTakeFirstOrThrow(),
    selectContractFacts(db)
      .where('c.buyer_siret', '=', siret)
      .orderBy(sql`c.notified_on desc nulls last`)
      .orderBy('c.id')
      .limit(paging.perPage)
      .offset(paging.offset)
      .execute(),
  ]);
  const titulaires = await listTitulaires(
    db,
    rows.map((r) => r.contract_id),
  );
  return {
    total: count.n,
    page: paging.page,
    perPage: paging.perPage,
    rows: rows.map((row) => ({
      ...rowToContractFacts(row),
      titulaires: titulaires.get(row.contract_id) ?? [],
    })),
  };
}

/**
 * The titulaires of some contracts, in DECP order, with the directory's supplier name when linked (a
 * non-diffusible natural person's as `NON_DIFFUSIBLE_LABEL`).
 * @param db the store or a transaction
 * @param contractIds internal contract ids
 * @returns titulaires by contract id
 */
export async function listTitulaires(
  db: Kysely<Database>,
  contractIds: number[],
): Promise<Map<number, ContractTitulaire[]>> {
  const byContract = new Map<number, ContractTitulaire[]>();
  if (contractIds.length === 0) {
    return byContract;
  }
  const rows = await db
    .selectFrom('contract_titulaires as t')
    .leftJoin('suppliers as s', 's.siren', 't.supplier_siren')
    .select([
      't.contract_id',
      't.position',
      't.name',
      't.identifier',
      't.identifier_type',
      't.supplier_siren',
      's.name as supplier_name',
    ])
    .where('t.contract_id', 'in', contractIds)
    .orderBy('t.contract_id')
    .orderBy('t.position')
    .execute();
  for (const row of rows) {
    let list = byContract.get(row.contract_id);
    if (list === undefined) {
      list = [];
      byContract.set(row.contract_id, list);
    }
    list.push({
      position: row.position,
      name: row.name,
      identifier: row.identifier,
      identifierType: row.identifier_type,
      supplierSiren: row.supplier_siren,
      supplierName: row.supplier_name === null ? null : publicSupplierName(row.supplier_name),
    });
  }
  return byContract;
}

/**
 * How many buyers and contracts the directory holds (home page).
 * @param db the store or a transaction
 * @returns `{ buyers, contracts }` counts
 */
export async function countBuyersAndContracts(
  db: Kysely<Database>,
): Promise<{ buyers: number; contracts: number }> {
  const row = await db
    .selectNoFrom([
      (eb) =>
        eb
          .selectFrom('buyers')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('buyers'),
      (eb) =>
        eb
          .selectFrom('contracts')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('contracts'),
    ])
    .executeTakeFirstOrThrow();
  return { buyers: row.buyers ?? 0, contracts: row.contracts ?? 0 };
}
