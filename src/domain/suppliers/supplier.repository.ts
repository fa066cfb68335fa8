import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { rowToContractFacts, selectContractFacts, type ContractPage } from '../buyers/index.ts';
import {
  escapeLike,
  nafLabelOf,
  publicSupplierName,
  supplierLocation,
  type Supplier,
  type SupplierContract,
  type SupplierListItem,
  type SupplierQuery,
  type SupplierSort,
} from './supplier.ts';

/**
 * The only Kysely file of the suppliers context. Every function takes the store or a transaction.
 *
 * A supplier's contracts are the contracts with a titulaire whose `supplier_siren` is its SIREN; a
 * contract is counted once even when the supplier appears twice among its titulaires (two of its
 * establishments in a joint award).
 */

/** Paging as the use cases compute it. */
export interface Paging {
  /** 1-based. */
  page: number;
  perPage: number;
  /** Rows to skip: (page - 1) × perPage. */
  offset: number;
}

/**
 * The SQL condition of a directory search on `suppliers as s`. Names are compared through `amont_fold`
 * (unaccent + lower, the expression of the trigram index `suppliers_name_trgm_idx`) on both sides, so
 * « societe » finds « SOCIÉTÉ » and « oeuvre » finds « ŒUVRE ».
 */
function supplierFilter(query: SupplierQuery): RawBuilder<boolean> {
  switch (query.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'siren':
      return sql<boolean>`s.siren = ${query.siren}`;
    case 'name':
      return sql<boolean>`(${sql.join(
        query.words.map((w) => sql`amont_fold(s.name) like '%' || amont_fold(${escapeLike(w)}) || '%'`),
        sql` and `,
      )})`;
  }
}

/** Number of distinct contracts of `s.siren`, as a correlated subquery (uses contract_titulaires_supplier_idx). */
const contractCountOfS = sql<number>`(select count(distinct t.contract_id)::int from contract_titulaires t
  where t.supplier_siren = s.siren)`;

/**
 * One page of the directory.
 *
 * Sorted by name, the page is read in name order (index `suppliers_name_sort_idx`, French collation
 * `und-x-icu`, ties broken by SIREN) and the contract count is computed for its rows only (PostgreSQL
 * evaluates the correlated subquery after ORDER BY … LIMIT). Sorted by number of contracts, the counts of
 * every supplier are needed: they come from one grouped subquery over `contract_titulaires`.
 * @param db the store or a transaction
 * @param options the parsed query, the sort and the paging
 * @returns the matching suppliers of the page and how many match in all
 */
export async function listSuppliers(
  db: Kysely<Database>,
  options: { query: SupplierQuery; sort: SupplierSort } & Paging,
): Promise<{ total: number; rows: SupplierListItem[] }> {
  const filter = supplierFilter(options.query);
  const base = db
    .selectFrom('suppliers as s')
    .leftJoin('communes as co', 'co.insee_code', 's.commune_code')
    .select(['s.siren', 's.name', 's.naf_code', 's.commune_code', 's.diffusible', 'co.name as commune_name'])
    .where(filter);
  const page =
    options.sort === 'contracts'
      ? base
          .leftJoin(
            db
              .selectFrom('contract_titulaires')
              .select(['supplier_siren', sql<number>`count(distinct contract_id)::int`.as('n')])
              .where('supplier_siren', 'is not', null)
              .groupBy('supplier_siren')
              .as('k'),
            'k.supplier_siren',
            's.siren',
          )
          .select(sql<number>`coalesce(k.n, 0)`.as('contract_count'))
          .orderBy(sql`coalesce(k.n, 0) desc`)
      : base.select(contractCountOfS.as('contract_count'));
  const [count, rows] = await Promise.all([
    db
      .selectFrom('suppliers as s')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(filter)
      .executeTakeFirstOrThrow(),
    page
      .orderBy(sql`s.name collate "und-x-icu"`)
      .orderBy('s.siren')
      .limit(options.perPage)
      .offset(options.offset)
      .execute(),
  ]);
  return {
    total: count.n,
    rows: rows.map((row) => ({
      siren: row.siren,
      name: publicSupplierName(row.name),
      nafCode: row.naf_code,
      nafLabel: nafLabelOf(row.naf_code),
      contractCount: row.contract_count,
      ...supplierLocation(row.commune_code, row.commune_name, row.diffusible),
    })),
  };
}

/**
 * Loads a supplier's identity card with its number of contracts.
 * @param db the store or a transaction
 * @param siren 9 digits
 * @returns the supplier, or undefined when the directory does not know this SIREN
 */
export async function findSupplier(db: Kysely<Database>, siren: string): Promise<Supplier | undefined> {
  const row = await db
    .selectFrom('suppliers as s')
    .leftJoin('communes as co', 'co.insee_code', 's.commune_code')
    .selectAll('s')
    .select(['co.name as commune_name', contractCountOfS.as('contract_count')])
    .where('s.siren', '=', siren)
    .executeTakeFirst();
  if (row === undefined) {
    return undefined;
  }
  const visible = row.diffusible;
  return {
    siren: row.siren,
    name: publicSupplierName(row.name),
    nameSource: row.name_source,
    nafCode: row.naf_code,
    nafLabel: nafLabelOf(row.naf_code),
    sizeCategory: row.size_category,
    ess: row.ess,
    diffusible: row.diffusible,
    legalCategory: row.legal_category,
    employeeBand: row.employee_band,
    headOfficeSiret: visible ? row.head_office_siret : null,
    postalCode: visible ? row.postal_code : null,
    createdOn: row.created_on,
    active: row.active,
    contractCount: row.contract_count,
    ...supplierLocation(row.commune_code, row.commune_name, row.diffusible),
  };
}

/**
 * One page of a supplier's contracts with their buyer, the most recently notified first (undated last,
 * then by internal id so that pages never overlap).
 * @param db the store or a transaction
 * @param siren 9 digits
 * @param paging the page to read
 * @returns the page and the number of distinct contracts in all
 */
export async function listSupplierContracts(
  db: Kysely<Database>,
  siren: string,
  paging: Paging,
): Promise<ContractPage<SupplierContract>> {
  const ids = db.selectFrom('contract_titulaires').select('contract_id').where('supplier_siren', '=', siren);
  const [count, rows] = await Promise.all([
    db
      .selectFrom('contract_titulaires')
      .select(sql<number>`count(distinct contract_id)::int`.as('n'))
      .where('supplier_siren', '=', siren)
      .executeTakeFirstOrThrow(),
    selectContractFacts(db)
      .innerJoin('buyers as b', 'b.siret', 'c.buyer_siret')
      .select(['b.siret as buyer_siret', 'b.name as buyer_name'])
      .where('c.id', 'in', ids)
      .orderBy(sql`c.notified_on desc nulls last`)
      .orderBy('c.id')
      .limit(paging.perPage)
      .offset(paging.offset)
      .execute(),
  ]);
  return {
    total: count.n,
    page: paging.page,
    perPage: paging.perPage,
    rows: rows.map((row) => ({
      ...rowToContractFacts(row),
      buyer: { siret: row.buyer_siret, name: row.buyer_name },
    })),
  };
}

/**
 * How many suppliers the directory holds (home page).
 * @param db the store or a transaction
 * @returns the number of suppliers
 */
export async function countSuppliers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('suppliers')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
