import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { importCommunes } from '../../src/ingest/cog/import-communes.ts';
import { importCpv } from '../../src/ingest/cpv/import-cpv.ts';
import {
  DERIVED_COLUMNS,
  DERIVED_LATERAL,
  DERIVED_VALUES,
  rebuildLexicon,
} from '../../src/search/indexer.ts';
import { refreshFacetCache } from '../../src/search/postgres/facet-cache.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import type { Database } from '../../src/store/schema.ts';
import type { BenchDocument, CorpusGenerator } from './corpus.ts';

/**
 * Opens a benchmark store and loads a corpus into it in bulk: the real reference data through the
 * product's importers (CPV 2008, COG communes), then the documents by batches of `insert … select` over
 * `unnest` arrays, the vectors and CPV prefix lists computed by PostgreSQL with the indexer's own SQL
 * (`DERIVED_VALUES`), the secondary indexes dropped before and rebuilt after (as one would for a first
 * load), then the typo lexicon (`rebuildLexicon`), `vacuum analyze` and the empty query's counts
 * (`refreshFacetCache`), as `reindexAll` ends.
 *
 * A loaded store carries a marker (comment on `search_documents`) so that `--reuse` skips the load.
 */

/** Where the benchmark runs. */
export type BenchBackend = 'pglite' | 'postgres';

/** Phases of the load, ms. */
export interface LoadReport {
  reused: boolean;
  referenceMs: number;
  documentsMs: number;
  indexesMs: number;
  lexiconMs: number;
  analyzeMs: number;
  /** Refresh of the empty query's counts (search_facet_cache). */
  cacheMs: number;
  totalMs: number;
}

/** Sizes from pg_total_relation_size and friends, bytes. */
export interface SizeReport {
  documents: number;
  table: number;
  toast: number;
  indexes: number;
  total: number;
  lexicon: number;
  indexSizes: [string, number][];
}

/** Where to open the stores. */
export interface StoreLocation {
  /** Folder holding the PGlite data folders (one per size and seed). */
  pgliteRoot: string;
  /** Maintenance URL of the PostgreSQL server (the bench database is created beside). */
  adminUrl: string;
  /** Name of the bench database on the server. */
  database: string;
}

const BATCH = 5000;

function marker(size: number, seed: number): string {
  return `amont-bench-search v1 size=${size} seed=${seed}`;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Opens the store of a backend, creating it when `fresh` (a PGlite folder is emptied, the server
 * database dropped and created again).
 */
export async function openBenchStore(
  backend: BenchBackend,
  location: StoreLocation,
  size: number,
  seed: number,
  fresh: boolean,
  poolSize: number,
): Promise<Store> {
  if (backend === 'pglite') {
    const dir = path.join(location.pgliteRoot, `pglite-${size}-s${seed}`);
    if (fresh) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return openStore({ dataDir: dir, owner: { role: 'cli' } });
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(location.database)) {
    throw new Error(`invalid database name ${location.database}`);
  }
  if (fresh) {
    await adminQuery(location.adminUrl, `drop database if exists ${location.database} with (force)`);
    await adminQuery(location.adminUrl, `create database ${location.database}`);
  }
  const url = new URL(location.adminUrl);
  url.pathname = `/${location.database}`;
  return openStore({ databaseUrl: url.toString(), poolSize });
}

/** Drops the server's bench database. */
export async function dropBenchDatabase(location: StoreLocation): Promise<void> {
  await adminQuery(location.adminUrl, `drop database if exists ${location.database} with (force)`);
}

/** True when the store already holds this corpus (marker written at the end of a load). */
export async function holdsCorpus(db: Kysely<Database>, size: number, seed: number): Promise<boolean> {
  const row = await sql<{ comment: string | null }>`
    select obj_description(to_regclass('search_documents'), 'pg_class') as comment`.execute(db);
  return row.rows[0]?.comment === marker(size, seed);
}

async function insertBatch(db: Kysely<Database>, docs: BenchDocument[]): Promise<void> {
  const column = <T>(get: (d: BenchDocument) => T) => docs.map(get);
  await sql`
    insert into search_documents (kind, siren, name, naf_code, naf_label, contract_objects, cpv_codes, commune_code,
      department_code, region_code, latitude, longitude, size_category, ess, contract_count, has_contracts,
      has_innovative_contract, ${DERIVED_COLUMNS})
    select 'supplier', siren, name, naf_code, naf_label, contract_objects, cpv_codes, commune_code, department_code,
           region_code, latitude, longitude, size_category, ess, contract_count, contract_count > 0, innovative,
           ${DERIVED_VALUES}
      from (select u.siren, u.name, u.naf_code, u.naf_label, u.contract_objects,
                   case when u.cpv = '' then '{}'::text[] else string_to_array(u.cpv, ',') end as cpv_codes,
                   u.commune_code, u.department_code, u.region_code, u.latitude, u.longitude, u.size_category,
                   u.ess, u.contract_count, u.innovative
              from unnest(${column((d) => d.siren)}::text[], ${column((d) => d.name)}::text[],
                          ${column((d) => d.nafCode)}::text[], ${column((d) => d.nafLabel)}::text[],
                          ${column((d) => d.objects)}::text[], ${column((d) => d.cpvCodes.join(','))}::text[],
                          ${column((d) => d.communeCode)}::text[], ${column((d) => d.departmentCode)}::text[],
                          ${column((d) => d.regionCode)}::text[], ${column((d) => d.latitude)}::float8[],
                          ${column((d) => d.longitude)}::float8[], ${column((d) => d.size)}::text[],
                          ${column((d) => d.ess)}::boolean[], ${column((d) => d.contractCount)}::int[],
                          ${column((d) => d.innovative)}::boolean[])
                as u(siren, name, naf_code, naf_label, contract_objects, cpv, commune_code, department_code,
                     region_code, latitude, longitude, size_category, ess, contract_count, innovative)) docs
      ${DERIVED_LATERAL}`.execute(db);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/**
 * Migrates the store and loads the corpus (unless it is already there).
 * @param options corpus size and seed, open-data folder, concurrent batches, progress callback (documents written)
 */
export async function loadCorpus(
  store: Store,
  generator: CorpusGenerator,
  options: {
    size: number;
    seed: number;
    dataRoot: string;
    /** Batches written at the same time (server connections). */
    workers: number;
    onProgress?: (written: number) => void;
  },
): Promise<LoadReport> {
  const db = store.db;
  await migrateToLatest(db);
  if (await holdsCorpus(db, options.size, options.seed)) {
    // The cache of a store loaded by an older version of the engine may lack facets: written again.
    const cacheMs = await timed(() => refreshFacetCache(db));
    return {
      reused: true,
      referenceMs: 0,
      documentsMs: 0,
      indexesMs: 0,
      lexiconMs: 0,
      analyzeMs: 0,
      cacheMs,
      totalMs: 0,
    };
  }
  const started = performance.now();
  const referenceMs = await timed(async () => {
    await importCpv(db, path.join(options.dataRoot, 'cpv', 'cpv_2008.csv'));
    await importCommunes(db, path.join(options.dataRoot, 'geo', 'communes_geo.csv'));
  });
  await sql`truncate search_documents, search_lexicon`.execute(db);
  // Secondary indexes are rebuilt after the load (one sort each instead of a million insertions).
  const indexes = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
     where tablename = 'search_documents' and indexname <> 'search_documents_pkey'`.execute(db);
  for (const index of indexes.rows) {
    await sql`drop index ${sql.ref(index.name)}`.execute(db);
  }
  // Batches are handed out in order to `workers` connections (PGlite has one: they queue).
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < options.size) {
      const from = next;
      const to = Math.min(options.size, from + BATCH);
      next = to;
      await insertBatch(db, generator.documents(from, to));
      written += to - from;
      options.onProgress?.(written);
    }
  };
  const documentsMs = await timed(() =>
    Promise.all(Array.from({ length: Math.max(1, options.workers) }, worker)),
  );
  const indexesMs = await timed(async () => {
    for (const index of indexes.rows) {
      await sql.raw(index.def).execute(db);
    }
  });
  const lexiconMs = await timed(() => db.transaction().execute((trx) => rebuildLexicon(trx)));
  const analyzeMs = await timed(() => sql`vacuum analyze search_documents`.execute(db));
  const cacheMs = await timed(() => refreshFacetCache(db));
  await sql`vacuum analyze search_lexicon`.execute(db);
  await sql.raw(`comment on table search_documents is '${marker(options.size, options.seed)}'`).execute(db);
  return {
    reused: false,
    referenceMs,
    documentsMs,
    indexesMs,
    lexiconMs,
    analyzeMs,
    cacheMs,
    totalMs: performance.now() - started,
  };
}

/** Sizes of the search tables and of each index. */
export async function measureSizes(db: Kysely<Database>): Promise<SizeReport> {
  const totals = await sql<{
    documents: number;
    heap: string;
    indexes: string;
    total: string;
    lexicon: string;
  }>`select (select count(*)::int from search_documents) as documents,
            pg_relation_size('search_documents') as heap,
            pg_indexes_size('search_documents') as indexes,
            pg_total_relation_size('search_documents') as total,
            pg_total_relation_size('search_lexicon') as lexicon`.execute(db);
  const perIndex = await sql<{ name: string; bytes: string }>`
    select indexname as name, pg_relation_size(to_regclass(indexname)) as bytes from pg_indexes
     where tablename = 'search_documents' order by 2 desc`.execute(db);
  const row = totals.rows[0];
  if (row === undefined) {
    throw new Error('no size row');
  }
  const table = Number(row.heap);
  const indexes = Number(row.indexes);
  const total = Number(row.total);
  return {
    documents: row.documents,
    table,
    toast: total - table - indexes,
    indexes,
    total,
    lexicon: Number(row.lexicon),
    indexSizes: perIndex.rows.map((r) => [r.name, Number(r.bytes)]),
  };
}
