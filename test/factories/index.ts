import { createHash, randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  BuyerRow,
  BuyersTable,
  CommunesTable,
  ContractRow,
  ContractsTable,
  ContractTitulairesTable,
  CpvCodesTable,
  Database,
  SupplierRow,
  SuppliersTable,
} from '../../src/store/schema.ts';
import { nextSiren, siretOf } from './identifiers.ts';

export { nextSiren, siretOf, withLuhnKey, withWrongKey } from './identifiers.ts';

/**
 * Test factories: each `build*` inserts one row (with sensible, valid defaults) straight into the store
 * through Kysely, following `src/store/schema.ts`, and returns the saved row. They do not go through the
 * importers, so tests of the directory do not depend on the DECP/SIRENE ingestion code.
 */

type Db = Kysely<Database>;

let counter = 0;
const next = () => ++counter;

/**
 * Saves a buyer.
 * @param db the store
 * @param overrides columns to set; `siret` defaults to a new valid SIRET
 * @returns the saved row
 */
export async function buildBuyer(
  db: Db,
  overrides: Partial<Insertable<BuyersTable>> = {},
): Promise<BuyerRow> {
  const n = next();
  return db
    .insertInto('buyers')
    .values({ siret: siretOf(), name: `Commune de Test ${n}`, ...overrides })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Saves a supplier (legal unit).
 * @param db the store
 * @param overrides columns to set; `siren` defaults to a new valid SIREN, the name to « Entreprise Test n »
 * @returns the saved row
 */
export async function buildSupplier(
  db: Db,
  overrides: Partial<Insertable<SuppliersTable>> = {},
): Promise<SupplierRow> {
  const n = next();
  const siren = overrides.siren ?? nextSiren();
  return db
    .insertInto('suppliers')
    .values({
      siren,
      name: `Entreprise Test ${n}`,
      name_source: 'sirene',
      naf_code: '62.01Z',
      size_category: 'PME',
      ess: false,
      diffusible: true,
      head_office_siret: siretOf(siren),
      postal_code: '69001',
      commune_code: '69381',
      active: true,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A titulaire given to `buildContract`: a saved supplier, or a free DECP titulaire. */
export type TitulaireInput =
  | SupplierRow
  | {
      name?: string | null;
      identifier?: string | null;
      identifierType?: string | null;
      supplierSiren?: string | null;
    };

/** A saved contract with its saved titulaires and buyer. */
export type BuiltContract = ContractRow & {
  buyer: BuyerRow;
  titulaires: Selectable<ContractTitulairesTable>[];
};

/**
 * Saves a contract of a buyer with its titulaires.
 * @param db the store
 * @param input `buyer` (default: a new buyer), `titulaires` (default: one new supplier), and contract
 *   columns to set (`amount` in euros HT, `notified_on` 'YYYY-MM-DD'…)
 * @returns the saved contract row, with `buyer` and `titulaires`
 */
export async function buildContract(
  db: Db,
  input: { buyer?: BuyerRow; titulaires?: TitulaireInput[] } & Partial<Insertable<ContractsTable>> = {},
): Promise<BuiltContract> {
  const { buyer: givenBuyer, titulaires: givenTitulaires, ...overrides } = input;
  const n = next();
  const buyer = givenBuyer ?? (await buildBuyer(db));
  const titulaires = givenTitulaires ?? [await buildSupplier(db)];
  const decpId = overrides.decp_id ?? `2019-TEST-${String(n).padStart(5, '0')}`;
  const contract = await db
    .insertInto('contracts')
    .values({
      buyer_siret: buyer.siret,
      decp_id: decpId,
      uid: `${buyer.siret}${decpId}`,
      kind: 'marche',
      format: 'decp-2019',
      nature: 'Marché',
      object: `Marché de test n° ${n}`,
      cpv_code: '72000000',
      procedure: 'Procédure adaptée',
      amount: 10_000,
      initial_amount: 10_000,
      notified_on: '2019-03-15',
      published_on: '2019-03-20',
      content_hash: createHash('sha256').update(randomUUID()).digest('hex'),
      raw: JSON.stringify({ id: decpId }),
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const savedTitulaires: Selectable<ContractTitulairesTable>[] = [];
  for (const [position, t] of titulaires.entries()) {
    const values =
      'siren' in t
        ? {
            identifier_type: 'SIRET',
            identifier: t.head_office_siret ?? siretOf(t.siren),
            name: t.name,
            supplier_siren: t.siren,
          }
        : {
            identifier_type: t.identifierType ?? null,
            identifier: t.identifier ?? null,
            name: t.name ?? null,
            supplier_siren: t.supplierSiren ?? null,
          };
    savedTitulaires.push(
      await db
        .insertInto('contract_titulaires')
        .values({ contract_id: contract.id, position, ...values })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return { ...contract, buyer, titulaires: savedTitulaires };
}

/**
 * Saves a CPV 2008 code with its French label.
 * @param db the store
 * @param overrides `code` (8 digits, default '72000000'), `label`, `check_digit`…
 * @returns the saved row
 */
export async function buildCpvCode(
  db: Db,
  overrides: Partial<Insertable<CpvCodesTable>> = {},
): Promise<Selectable<CpvCodesTable>> {
  return db
    .insertInto('cpv_codes')
    .values({
      code: '72000000',
      check_digit: '5',
      label:
        "Services de technologies de l'information, conseil, développement de logiciels, Internet et appui",
      parent_code: null,
      level: 1,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Saves a COG commune.
 * @param db the store
 * @param overrides `insee_code` (default '69381', Lyon 1er Arrondissement), `name`…
 * @returns the saved row
 */
export async function buildCommune(
  db: Db,
  overrides: Partial<Insertable<CommunesTable>> = {},
): Promise<Selectable<CommunesTable>> {
  return db
    .insertInto('communes')
    .values({
      insee_code: '69381',
      name: 'Lyon 1er Arrondissement',
      type: 'ARM',
      parent_code: '69123',
      department_code: '69',
      region_code: '84',
      postal_code: '69001',
      latitude: 45.7675,
      longitude: 4.8345,
      population: 29_000,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
