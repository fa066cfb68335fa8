import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * What happened to one record of an import file:
 * - `inserted`: new in the store;
 * - `updated`: already there, changed by this record;
 * - `unchanged`: already there with the same content (importing a file twice gives only these);
 * - `duplicate`: the same record appeared earlier (same key) and was merged into it;
 * - `rejected`: not imported; the reason is in the report.
 */
export type RecordOutcome = 'inserted' | 'updated' | 'unchanged' | 'duplicate' | 'rejected';

export type ImportCounts = Record<RecordOutcome, number> & { read: number };

/** One rejected (or flagged) record: where it is in the file and why. */
export interface Rejection {
  /** Position in the file: record index (1-based) and, when known, line or JSON path. */
  position: string;
  /** French, readable reason. */
  reason: string;
  /** The start of the offending record, to find it by eye. */
  excerpt?: string | undefined;
}

/** The report of a finished import run. Counts add up: read = inserted + updated + unchanged + duplicate + rejected. */
export interface ImportReport {
  runId: number;
  kind: string;
  file: string;
  counts: ImportCounts;
  rejections: Rejection[];
  /** Extra per-kind figures (e.g. DECP flags repaired), in addition to the outcome counts. */
  extra: Record<string, number>;
  durationMs: number;
  /** How the run ended: 'failed' when the file could not be read to its end (the CLI then exits non-zero). */
  status?: 'done' | 'failed';
}

export function emptyCounts(): ImportCounts {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 };
}

/**
 * Bookkeeping of one import: the `import_runs` row, its counts and its rejections.
 *
 * Importers call `commitBatch(fn)`: `fn` writes a batch of records inside a transaction, and the
 * counts and rejections of that batch are saved in the same transaction. So whatever the report says was
 * imported is committed, and a crash loses at most the batch in flight.
 */
export class ImportRun {
  readonly runId: number;
  readonly kind: string;
  readonly file: string;
  private readonly db: Kysely<Database>;
  private readonly startedAt = Date.now();
  private readonly counts = emptyCounts();
  private readonly extra: Record<string, number> = {};
  private readonly rejections: Rejection[] = [];
  private pendingCounts = emptyCounts();
  private pendingExtra: Record<string, number> = {};
  private pendingRejections: Rejection[] = [];

  private constructor(db: Kysely<Database>, runId: number, kind: string, file: string) {
    this.db = db;
    this.runId = runId;
    this.kind = kind;
    this.file = file;
  }

  /**
   * Opens a run (status `running`).
   * @param kind 'cpv' | 'communes' | 'decp' | 'sirene'
   * @param file the file path as given
   */
  static async start(
    db: Kysely<Database>,
    kind: string,
    file: string,
    fileSha256?: string,
  ): Promise<ImportRun> {
    const row = await db
      .insertInto('import_runs')
      .values({ kind, file, file_sha256: fileSha256 ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return new ImportRun(db, row.id, kind, file);
  }

  /** Counts one record read from the file with its outcome (saved with the next batch). */
  record(outcome: RecordOutcome): void {
    this.pendingCounts.read += 1;
    this.pendingCounts[outcome] += 1;
  }

  /** Counts one rejected record and keeps why (saved with the next batch). */
  reject(rejection: Rejection): void {
    this.record('rejected');
    this.pendingRejections.push(rejection);
  }

  /** Adds to a per-kind figure, e.g. `bump('flag.amount_invalid')`. */
  bump(name: string, by = 1): void {
    this.pendingExtra[name] = (this.pendingExtra[name] ?? 0) + by;
  }

  /** Records read so far, committed or pending. */
  get recordsRead(): number {
    return this.counts.read + this.pendingCounts.read;
  }

  /**
   * Runs `write` in one transaction together with saving the pending counts and rejections.
   * If `write` throws, nothing of the batch is saved, its pending outcomes are dropped, and the error
   * propagates.
   */
  async commitBatch(write: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await write(trx);
        await this.flushPending(trx);
      });
    } catch (error) {
      // The batch was rolled back: its outcomes must not be reported later as if committed.
      this.pendingCounts = emptyCounts();
      this.pendingExtra = {};
      this.pendingRejections = [];
      throw error;
    }
  }

  /** Saves the pending counts and rejections (records whose outcome did not need a write). */
  async flush(): Promise<void> {
    await this.commitBatch(async () => {});
  }

  private async flushPending(trx: Transaction<Database>): Promise<void> {
    if (this.pendingRejections.length > 0) {
      await trx
        .insertInto('import_rejections')
        .values(
          this.pendingRejections.map((r) => ({
            run_id: this.runId,
            position: r.position,
            reason: r.reason,
            excerpt: r.excerpt ?? null,
          })),
        )
        .execute();
    }
    const nextCounts = { ...this.counts };
    for (const k of Object.keys(this.pendingCounts) as (keyof ImportCounts)[]) {
      nextCounts[k] += this.pendingCounts[k];
    }
    const nextExtra = { ...this.extra };
    for (const [k, v] of Object.entries(this.pendingExtra)) {
      nextExtra[k] = (nextExtra[k] ?? 0) + v;
    }
    await trx
      .updateTable('import_runs')
      .set({ counts: JSON.stringify({ ...nextExtra, ...nextCounts }) })
      .where('id', '=', this.runId)
      .execute();
    // Only once the transaction body succeeded do the in-memory totals move (a rollback rethrows).
    Object.assign(this.counts, nextCounts);
    Object.assign(this.extra, nextExtra);
    this.rejections.push(...this.pendingRejections);
    this.pendingCounts = emptyCounts();
    this.pendingExtra = {};
    this.pendingRejections = [];
  }

  /**
   * Saves what is pending and closes the run.
   * @param status 'done' normally, 'failed' when the file could not be read to its end
   */
  async finish(status: 'done' | 'failed' = 'done'): Promise<ImportReport> {
    await this.flush();
    await this.db
      .updateTable('import_runs')
      .set({ status, finished_at: sql<Date>`now()` })
      .where('id', '=', this.runId)
      .execute();
    return {
      runId: this.runId,
      kind: this.kind,
      file: this.file,
      counts: { ...this.counts },
      rejections: [...this.rejections],
      extra: { ...this.extra },
      durationMs: Date.now() - this.startedAt,
      status,
    };
  }
}
