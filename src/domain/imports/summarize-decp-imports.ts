import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { countDirectory, type DirectoryCounts } from '../suppliers/index.ts';
import * as importRunRepository from './import-run.repository.ts';
import { sumCounts, type OutcomeCounts } from './import-run.ts';

/** What the DECP files gave, next to what the directory holds now. */
export interface DecpImportSummary {
  /** Number of distinct DECP files imported (each counted by its latest finished run). */
  files: number;
  /** Sum over those runs: read = inserted + updated + unchanged + duplicate + rejected. */
  counts: OutcomeCounts;
  /** Contracts, buyers and suppliers in the store now. */
  store: DirectoryCounts;
}

/**
 * Sums the latest finished run of each DECP file and counts what the directory holds, so that a reader
 * can check the directory against the files: every record read is inserted, updated, unchanged, merged as
 * a duplicate or rejected. A contract is stored once whatever the number of files publishing it (DECP key:
 * buyer SIRET + `id`), and a run counts as inserted only what it added: once a file is imported again, its
 * latest run shows its records as unchanged, so the store holds more contracts than the latest runs
 * inserted.
 * @param db the store or a transaction
 * @returns the number of files, the summed counts and the store counts
 */
export async function summarizeDecpImports(db: Kysely<Database>): Promise<DecpImportSummary> {
  const [runs, store] = await Promise.all([
    importRunRepository.latestRunCountsPerFile(db, 'decp'),
    countDirectory(db),
  ]);
  return { files: runs.length, counts: sumCounts(runs.map((r) => r.counts)), store };
}
