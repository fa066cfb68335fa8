import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ImportRunsTable } from '../../store/schema.ts';
import {
  fileBaseName,
  SEED_MARKER_KIND,
  splitFigures,
  type ImportRejection,
  type ImportRunSummary,
  type OutcomeCounts,
} from './import-run.ts';

/**
 * The only Kysely file of the imports context: reads `import_runs` and `import_rejections`, written by
 * the importers (`src/ingest/import-run.ts`). Every function takes the store or a transaction. The seed's
 * marker runs (kind 'seed') are not imports and are left out everywhere.
 */

/** Paging as the use cases compute it. */
export interface Paging {
  /** 1-based. */
  page: number;
  perPage: number;
  /** Rows to skip: (page - 1) × perPage. */
  offset: number;
}

function rowToSummary(
  row: Pick<
    Selectable<ImportRunsTable>,
    'id' | 'kind' | 'file' | 'status' | 'started_at' | 'finished_at' | 'counts'
  >,
): ImportRunSummary {
  return {
    id: row.id,
    kind: row.kind,
    file: fileBaseName(row.file),
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ...splitFigures(row.counts),
  };
}

const SUMMARY_COLUMNS = ['id', 'kind', 'file', 'status', 'started_at', 'finished_at', 'counts'] as const;

/**
 * One page of import runs, the most recently started first (ties: the latest opened first).
 * @param db the store or a transaction
 * @param paging the page to read
 * @returns the runs of the page and how many runs there are in all
 */
export async function listImportRuns(
  db: Kysely<Database>,
  paging: Paging,
): Promise<{ total: number; rows: ImportRunSummary[] }> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('import_runs')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('kind', '<>', SEED_MARKER_KIND)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('import_runs')
      .select(SUMMARY_COLUMNS)
      .where('kind', '<>', SEED_MARKER_KIND)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(paging.perPage)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: count.n, rows: rows.map(rowToSummary) };
}

/**
 * Loads one import run.
 * @param db the store or a transaction
 * @param id `import_runs.id`
 * @returns the run, or undefined when there is none with this id (or it is a seed marker)
 */
export async function findImportRun(db: Kysely<Database>, id: number): Promise<ImportRunSummary | undefined> {
  const row = await db
    .selectFrom('import_runs')
    .select(SUMMARY_COLUMNS)
    .where('id', '=', id)
    .where('kind', '<>', SEED_MARKER_KIND)
    .executeTakeFirst();
  return row && rowToSummary(row);
}

/**
 * One page of the records a run rejected, in the order the importer met them.
 * @param db the store or a transaction
 * @param runId `import_runs.id`
 * @param paging the page to read
 * @returns the rejections of the page and how many the run has in all
 */
export async function listImportRejections(
  db: Kysely<Database>,
  runId: number,
  paging: Paging,
): Promise<{ total: number; rows: ImportRejection[] }> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('import_rejections')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('run_id', '=', runId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('import_rejections')
      .select(['position', 'reason', 'excerpt'])
      .where('run_id', '=', runId)
      .orderBy('id')
      .limit(paging.perPage)
      .offset(paging.offset)
      .execute(),
  ]);
  return { total: count.n, rows };
}

/**
 * The outcome counts of the latest finished run (done or failed) of each file of a kind. A file is
 * identified by its stored path; a run still in progress is skipped, so the figures are those of the
 * last complete picture of each file.
 * @param db the store or a transaction
 * @param kind e.g. 'decp'
 * @returns one entry per file, in file order
 */
export async function latestRunCountsPerFile(
  db: Kysely<Database>,
  kind: string,
): Promise<{ file: string; counts: OutcomeCounts }[]> {
  const rows = await db
    .selectFrom('import_runs')
    .distinctOn('file')
    .select(['file', 'counts'])
    .where('kind', '=', kind)
    .where('status', '<>', 'running')
    .orderBy('file')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({ file: fileBaseName(row.file), counts: splitFigures(row.counts).counts }));
}
