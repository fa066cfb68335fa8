import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type {
  ContractModificationsTable,
  ContractsTable,
  ContractTitulairesTable,
  Database,
} from '../../store/schema.ts';
import { type NormalisedContract, type NormalisedTitulaire } from './normalise-decp.ts';
import { canonicalJson, type CpvReference, versionSignature } from './decp-identity.ts';

/**
 * The SQL of the DECP import: look up what a batch already has in the store, then write a batch with a
 * handful of multi-row statements (PGlite serialises queries, so round-trips per record would dominate).
 * Every function takes the transaction of the batch (`ImportRun.commitBatch`).
 */

type Db = Kysely<Database> | Transaction<Database>;

/** A normalised contract with its content hash, ready to write. */
export type HashedContract = NormalisedContract & { contentHash: string };

/** A contract to write: its row among the contracts sharing its key (`contracts.homonym_rank`). */
export type RankedContract = HashedContract & { homonymRank: number };

/** What the store holds for a key, to decide the outcome of an incoming record. */
export interface StoredContract {
  id: number;
  /** `contracts.homonym_rank`: 0, then 1, 2… for distinct contracts sharing the key. */
  homonymRank: number;
  kind: 'marche' | 'concession';
  flags: string[];
  contentHash: string;
  publishedOn: string | null;
  modificationCount: number;
}

/**
 * The key of a contract: a DECP `id` is unique only per buyer, and several contracts may share it
 * (`homonym_rank`, unique key `contracts_buyer_decp_id_rank_key`).
 * @returns a string usable as a Map key
 */
export function contractKey(buyerSiret: string, decpId: string): string {
  return `${buyerSiret}\u0000${decpId}`;
}

/**
 * The key of one contract row: `contractKey` plus its homonym rank.
 * @returns a string usable as a Map key
 */
export function rowKey(buyerSiret: string, decpId: string, homonymRank: number): string {
  return `${contractKey(buyerSiret, decpId)}\u0000${homonymRank}`;
}

// PostgreSQL accepts at most 65 535 bind parameters per statement.
const MAX_PARAMETERS = 60_000;

function chunksOf<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) {
    chunks.push(rows.slice(i, i + size));
  }
  return chunks;
}

/** JSON text for a jsonb column, without NUL characters (PostgreSQL refuses `\u0000` in jsonb). */
function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replaceAll('\u0000', '') : v,
  );
}

/**
 * Loads the CPV 2008 list entries of a batch's codes.
 * @param db the store or the batch transaction
 * @param codes 8-digit codes
 * @param listEmpty whether `cpv_codes` is empty (checked once per import)
 */
export async function loadCpvReference(db: Db, codes: string[], listEmpty: boolean): Promise<CpvReference> {
  if (listEmpty || codes.length === 0) {
    return { empty: listEmpty, checkDigitOf: () => undefined };
  }
  const rows = await db
    .selectFrom('cpv_codes')
    .select(['code', 'check_digit'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  const digits = new Map(rows.map((r) => [r.code, r.check_digit]));
  return { empty: false, checkDigitOf: (code) => digits.get(code) };
}

/**
 * Whether the CPV 2008 list has been imported.
 * @returns true when `cpv_codes` has no row
 */
export async function isCpvListEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('cpv_codes').select('code').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * The stored contracts of a batch's keys, with what the duplicate rule compares.
 * @param db the batch transaction
 * @param keys (buyer SIRET, DECP id) pairs, duplicates allowed
 * @returns stored contracts by `contractKey`, by increasing homonym rank
 */
export async function findStoredContracts(
  db: Db,
  keys: { buyerSiret: string; decpId: string }[],
): Promise<Map<string, StoredContract[]>> {
  const unique = [...new Map(keys.map((k) => [contractKey(k.buyerSiret, k.decpId), k])).values()];
  const found = new Map<string, StoredContract[]>();
  if (unique.length === 0) {
    return found;
  }
  // Keys go in as two arrays joined with unnest, not as `(buyer_siret, decp_id) in ((…), …)`: two bind
  // parameters whatever the batch size, and PGlite 0.5.17 corrupts its state ("bad buffer ID: 0" at
  // commit) on a row-value IN list of about 300 pairs.
  const rows = await sql<{
    id: number;
    buyer_siret: string;
    decp_id: string;
    homonym_rank: number;
    kind: 'marche' | 'concession';
    quality_flags: string[];
    content_hash: string;
    published_on: string | null;
    modification_count: number;
  }>`
    select c.id, c.buyer_siret, c.decp_id, c.homonym_rank, c.kind, c.quality_flags, c.content_hash,
           c.published_on,
           (select count(*) from contract_modifications m where m.contract_id = c.id)::int as modification_count
      from contracts c
      join unnest(${unique.map((k) => k.buyerSiret)}::text[], ${unique.map((k) => k.decpId)}::text[])
           as k(buyer_siret, decp_id)
        on c.buyer_siret = k.buyer_siret and c.decp_id = k.decp_id
     order by c.homonym_rank`.execute(db);
  for (const r of rows.rows) {
    const key = contractKey(r.buyer_siret, r.decp_id);
    const group = found.get(key) ?? [];
    group.push({
      id: r.id,
      homonymRank: r.homonym_rank,
      kind: r.kind,
      flags: r.quality_flags,
      contentHash: r.content_hash,
      publishedOn: r.published_on,
      modificationCount: r.modification_count,
    });
    found.set(key, group);
  }
  return found;
}

/** What the stored `raw` record of a contract tells. */
export interface StoredRaw {
  /** Canonical JSON of the record, to tell a re-import of the very same published record (normalised
   * differently since: new importer rules, CPV list imported) from another record with the key. */
  canonical: string;
  /** `versionSignature` of the record: versions of one contract, or distinct contracts sharing the key. */
  signature: string;
}

/**
 * The stored `raw` records of some contracts, as compared by the duplicate rule.
 * @param db the batch transaction
 * @param ids contract ids
 * @returns by contract id
 */
export async function loadStoredRaw(db: Db, ids: number[]): Promise<Map<number, StoredRaw>> {
  const result = new Map<number, StoredRaw>();
  for (const chunk of chunksOf(ids, 1)) {
    const rows = await db
      .selectFrom('contracts')
      .select(['id', 'raw', 'kind'])
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) {
      result.set(r.id, { canonical: canonicalJson(r.raw), signature: versionSignature(r.raw, r.kind) });
    }
  }
  return result;
}

/**
 * Adds the flag `decp_id_shared` to stored contracts that lack it (the first contract of a key, once a
 * distinct one with the same key is met). The content hash is left as is: it never includes this flag.
 * @param db the batch transaction
 * @param rows contract ids with their stored flags (sorted)
 */
export async function flagSharedDecpId(db: Db, rows: { id: number; flags: string[] }[]): Promise<void> {
  for (const row of rows) {
    if (row.flags.includes(SHARED_FLAG)) {
      continue;
    }
    await db
      .updateTable('contracts')
      .set({ quality_flags: [...row.flags, SHARED_FLAG].sort(), updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
  }
}

/** Quality flag of the contracts sharing their DECP key with a distinct contract. */
export const SHARED_FLAG = 'decp_id_shared';

function contractRow(c: RankedContract): Insertable<ContractsTable> {
  return {
    buyer_siret: c.buyer.siret,
    decp_id: c.decpId,
    homonym_rank: c.homonymRank,
    uid: c.uid,
    kind: c.kind,
    format: c.format,
    nature: c.nature,
    object: c.object,
    cpv_code: c.cpvCode,
    procedure: c.procedure,
    place_code: c.placeCode,
    place_type: c.placeType,
    place_name: c.placeName,
    duration_months: c.durationMonths,
    initial_duration_months: c.initialDurationMonths,
    amount: c.amount,
    initial_amount: c.initialAmount,
    price_form: c.priceForm,
    notified_on: c.notifiedOn,
    published_on: c.publishedOn,
    innovative: c.innovative,
    social_considerations: c.socialConsiderations,
    environmental_considerations: c.environmentalConsiderations,
    has_social_consideration: c.hasSocialConsideration,
    has_environmental_consideration: c.hasEnvironmentalConsideration,
    ccag: c.ccag,
    offers_received: c.offersReceived,
    source: c.source,
    quality_flags: c.flags,
    content_hash: c.contentHash,
    raw: jsonText(c.raw),
  };
}

/** Columns of `contracts` written by the import (all but the key, the id and the timestamps). */
const CONTRACT_COLUMN_COUNT = 32;

function titulaireForJson(t: NormalisedTitulaire) {
  return {
    identifierType: t.identifierType,
    identifier: t.identifier,
    name: t.name,
    supplierSiren: t.supplierSiren,
  };
}

/** Last occurrence wins, except that `keep(previous, next)` may keep the previous one. */
function distinctBy<T>(rows: T[], key: (row: T) => string, keep?: (previous: T, next: T) => boolean): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const k = key(row);
    const previous = byKey.get(k);
    if (previous === undefined || !keep?.(previous, row)) {
      byKey.set(k, row);
    }
  }
  return [...byKey.values()];
}

/**
 * Writes the contracts of a batch that are new or replace the stored version, with their buyers,
 * holders (establishments, suppliers) and modifications.
 *
 * - buyers: created; the name is refreshed from the latest written contract that gives one;
 * - suppliers: created with `name_source = 'decp'` (the holder's `denominationSociale`, else its id); a
 *   DECP name is refreshed by a later DECP name but never replaces a SIRENE one (`name_source = 'sirene'`)
 *   and an id never replaces a name;
 * - establishments: created (siret, siren); the name is only filled when empty (SIRENE owns it);
 * - contracts: one `insert … on conflict (buyer_siret, decp_id, homonym_rank) do update`; holders and
 *   modifications of a replaced contract are deleted and written again, in file order.
 * Only written contracts touch these rows, so re-importing a file (nothing to write) changes no row.
 * @param trx the batch transaction
 * @param contracts at most one per (key, homonym rank), in file order
 * @param replacedIds ids of stored contracts among them (their children are rewritten)
 */
export async function writeContracts(
  trx: Db,
  contracts: RankedContract[],
  replacedIds: number[],
): Promise<void> {
  if (contracts.length === 0) {
    return;
  }
  const buyers = distinctBy(
    contracts.map((c) => ({ siret: c.buyer.siret, name: c.buyer.name, siret_valid: c.buyer.siretValid })),
    (b) => b.siret,
    (previous, next) => next.name === null && previous.name !== null,
  );
  for (const chunk of chunksOf(buyers, 3)) {
    await trx
      .insertInto('buyers')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('siret')
          .doUpdateSet({ name: (eb) => eb.ref('excluded.name'), updated_at: sql`now()` })
          .where((eb) =>
            eb.and([
              eb('excluded.name', 'is not', null),
              eb('buyers.name', 'is distinct from', eb.ref('excluded.name')),
            ]),
          ),
      )
      .execute();
  }

  const holders = contracts.flatMap((c) => c.titulaires);
  const suppliers = distinctBy(
    holders
      .filter((t) => t.supplierSiren !== null)
      .map((t) => ({
        siren: t.supplierSiren!,
        name: t.name,
        fallback: t.name === null ? (t.identifier ?? t.supplierSiren!) : null,
      })),
    (s) => s.siren,
    (previous, next) => next.name === null && previous.name !== null,
  );
  const named = suppliers
    .filter((s) => s.name !== null)
    .map((s) => ({ siren: s.siren, name: s.name!, name_source: 'decp' as const }));
  const unnamed = suppliers
    .filter((s) => s.name === null)
    .map((s) => ({ siren: s.siren, name: s.fallback!, name_source: 'decp' as const }));
  for (const chunk of chunksOf(named, 3)) {
    await trx
      .insertInto('suppliers')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('siren')
          .doUpdateSet({ name: (eb) => eb.ref('excluded.name'), updated_at: sql`now()` })
          .where((eb) =>
            eb.and([
              eb('suppliers.name_source', '=', 'decp'),
              eb('suppliers.name', 'is distinct from', eb.ref('excluded.name')),
            ]),
          ),
      )
      .execute();
  }
  for (const chunk of chunksOf(unnamed, 3)) {
    await trx
      .insertInto('suppliers')
      .values(chunk)
      .onConflict((oc) => oc.column('siren').doNothing())
      .execute();
  }

  const establishments = distinctBy(
    holders
      .filter((t) => t.siret !== null)
      .map((t) => ({ siret: t.siret!, siren: t.supplierSiren!, name: t.name })),
    (e) => e.siret,
    (previous, next) => next.name === null && previous.name !== null,
  );
  for (const chunk of chunksOf(establishments, 3)) {
    await trx
      .insertInto('establishments')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .column('siret')
          .doUpdateSet({ name: (eb) => eb.ref('excluded.name'), updated_at: sql`now()` })
          .where((eb) =>
            eb.and([eb('establishments.name', 'is', null), eb('excluded.name', 'is not', null)]),
          ),
      )
      .execute();
  }

  const ids = new Map<string, number>();
  for (const chunk of chunksOf(contracts, CONTRACT_COLUMN_COUNT)) {
    const rows = await trx
      .insertInto('contracts')
      .values(chunk.map(contractRow))
      .onConflict((oc) =>
        oc.constraint('contracts_buyer_decp_id_rank_key').doUpdateSet((eb) => ({
          uid: eb.ref('excluded.uid'),
          kind: eb.ref('excluded.kind'),
          format: eb.ref('excluded.format'),
          nature: eb.ref('excluded.nature'),
          object: eb.ref('excluded.object'),
          cpv_code: eb.ref('excluded.cpv_code'),
          procedure: eb.ref('excluded.procedure'),
          place_code: eb.ref('excluded.place_code'),
          place_type: eb.ref('excluded.place_type'),
          place_name: eb.ref('excluded.place_name'),
          duration_months: eb.ref('excluded.duration_months'),
          initial_duration_months: eb.ref('excluded.initial_duration_months'),
          amount: eb.ref('excluded.amount'),
          initial_amount: eb.ref('excluded.initial_amount'),
          price_form: eb.ref('excluded.price_form'),
          notified_on: eb.ref('excluded.notified_on'),
          published_on: eb.ref('excluded.published_on'),
          innovative: eb.ref('excluded.innovative'),
          social_considerations: eb.ref('excluded.social_considerations'),
          environmental_considerations: eb.ref('excluded.environmental_considerations'),
          has_social_consideration: eb.ref('excluded.has_social_consideration'),
          has_environmental_consideration: eb.ref('excluded.has_environmental_consideration'),
          ccag: eb.ref('excluded.ccag'),
          offers_received: eb.ref('excluded.offers_received'),
          source: eb.ref('excluded.source'),
          quality_flags: eb.ref('excluded.quality_flags'),
          content_hash: eb.ref('excluded.content_hash'),
          raw: eb.ref('excluded.raw'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .returning(['id', 'buyer_siret', 'decp_id', 'homonym_rank'])
      .execute();
    for (const r of rows) {
      ids.set(rowKey(r.buyer_siret, r.decp_id, r.homonym_rank), r.id);
    }
  }

  if (replacedIds.length > 0) {
    await trx.deleteFrom('contract_titulaires').where('contract_id', 'in', replacedIds).execute();
    await trx.deleteFrom('contract_modifications').where('contract_id', 'in', replacedIds).execute();
  }

  const titulaireRows: Insertable<ContractTitulairesTable>[] = [];
  const modificationRows: Insertable<ContractModificationsTable>[] = [];
  for (const c of contracts) {
    const id = ids.get(rowKey(c.buyer.siret, c.decpId, c.homonymRank))!;
    c.titulaires.forEach((t, i) => {
      titulaireRows.push({
        contract_id: id,
        position: i + 1,
        identifier_type: t.identifierType,
        identifier: t.identifier,
        name: t.name,
        supplier_siren: t.supplierSiren,
      });
    });
    for (const m of c.modifications) {
      modificationRows.push({
        contract_id: id,
        position: m.position,
        decp_id: m.decpId,
        object: m.object,
        notified_on: m.notifiedOn,
        published_on: m.publishedOn,
        duration_months: m.durationMonths,
        amount: m.amount,
        titulaires: m.titulaires === null ? null : jsonText(m.titulaires.map(titulaireForJson)),
        raw: jsonText(m.raw),
      });
    }
  }
  for (const chunk of chunksOf(titulaireRows, 6)) {
    await trx.insertInto('contract_titulaires').values(chunk).execute();
  }
  for (const chunk of chunksOf(modificationRows, 10)) {
    await trx.insertInto('contract_modifications').values(chunk).execute();
  }
}
