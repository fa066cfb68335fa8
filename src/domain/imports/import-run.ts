/**
 * The public report of the open-data imports (CPV 2008 list, COG communes, SIRENE, DECP): one run per
 * imported file, with what happened to each record read. The report is public so that anyone can check
 * the directory's figures against the files they come from. Types and pure rules only, no I/O.
 *
 * The importers (`src/ingest/import-run.ts`) store a run's figures in one JSON object `import_runs.counts`:
 * - the outcome counts `read`, `inserted`, `updated`, `unchanged`, `duplicate`, `rejected`, which add up:
 *   read = inserted + updated + unchanged + duplicate + rejected;
 * - quality flags `flag.<name>`: records imported with a value repaired, or nulled because it had no single
 *   reading (e.g. `flag.cpv_unknown`: DECP `codeCPV` missing from the CPV 2008 list);
 * - other figures: `rejected.<code>` (rejections by cause, DECP) and `supplier.head_office_set` (SIRENE).
 */

/** The figures every run has. */
export const OUTCOME_KEYS = ['read', 'inserted', 'updated', 'unchanged', 'duplicate', 'rejected'] as const;

/** One of the outcome counts. */
export type OutcomeKey = (typeof OUTCOME_KEYS)[number];

/** Records read and their outcomes: read = inserted + updated + unchanged + duplicate + rejected. */
export type OutcomeCounts = Record<OutcomeKey, number>;

/** The kind of the marker run `seedFromOpenData` writes at the end of a seed: not an import, never shown. */
export const SEED_MARKER_KIND = 'seed';

/** Prefix of the quality flags in `import_runs.counts`. */
export const FLAG_PREFIX = 'flag.';

/** A run as the report shows it. */
export interface ImportRunSummary {
  id: number;
  /** 'cpv' | 'communes' | 'sirene' | 'decp' (the importers' kinds). */
  kind: string;
  /** Base name of the imported file: the server path is never shown. */
  file: string;
  /** 'running' | 'done' | 'failed'. */
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  counts: OutcomeCounts;
  /** Quality flags without their `flag.` prefix, e.g. `{ cpv_unknown: 3 }`. */
  flags: Record<string, number>;
  /** Any other figure, with its stored key, e.g. `{ 'rejected.json_invalid': 1 }`. */
  otherFigures: Record<string, number>;
}

/** A record the import left out: where it is in the file, why, and its start. */
export interface ImportRejection {
  /** e.g. 'enregistrement 3, ligne 5 (octet 412)', 'ligne 12'. */
  position: string;
  /** French, readable reason. */
  reason: string;
  /** The start of the record as read, or null. */
  excerpt: string | null;
}

/** A page of rows and how many there are in all. */
export interface ImportPage<T> {
  /** Rows over every page. */
  total: number;
  /** 1-based. */
  page: number;
  perPage: number;
  /** At least 1, so that « page 1 sur 1 » reads right on an empty list. */
  pageCount: number;
  results: T[];
}

/**
 * Zero for every outcome.
 * @returns `{ read: 0, inserted: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 }`
 */
export function zeroCounts(): OutcomeCounts {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 };
}

/**
 * The base name of a file path, Unix or Windows: the report shows which file was imported, never where
 * it sits on the server.
 * @param file the path stored by the importer
 * @returns the last segment, or the input itself when it has none
 * @example fileBaseName('/srv/data/decp/real-v1-2019/e-marchespublics.json') // 'e-marchespublics.json'
 */
export function fileBaseName(file: string): string {
  const segments = file.split(/[\\/]/).filter((segment) => segment !== '');
  return segments.at(-1) ?? file;
}

/**
 * Splits the stored figures of a run into outcome counts (missing ones are 0: a run that just started has
 * none yet), quality flags (prefix removed) and other figures. Values that are not finite numbers are
 * ignored.
 * @param stored `import_runs.counts`
 * @returns the three groups, flag and figure keys in alphabetical order
 * @example splitFigures({ read: 2, inserted: 2, 'flag.cpv_unknown': 1 }).flags // { cpv_unknown: 1 }
 */
export function splitFigures(
  stored: Record<string, unknown>,
): Pick<ImportRunSummary, 'counts' | 'flags' | 'otherFigures'> {
  const counts = zeroCounts();
  const flags: Record<string, number> = {};
  const otherFigures: Record<string, number> = {};
  for (const key of Object.keys(stored).sort()) {
    const value = stored[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      continue;
    }
    if ((OUTCOME_KEYS as readonly string[]).includes(key)) {
      counts[key as OutcomeKey] = value;
    } else if (key.startsWith(FLAG_PREFIX) && key.length > FLAG_PREFIX.length) {
      flags[key.slice(FLAG_PREFIX.length)] = value;
    } else {
      otherFigures[key] = value;
    }
  }
  return { counts, flags, otherFigures };
}

/**
 * Adds outcome counts.
 * @param runs the counts of several runs
 * @returns their sum, outcome by outcome
 */
export function sumCounts(runs: readonly OutcomeCounts[]): OutcomeCounts {
  const total = zeroCounts();
  for (const counts of runs) {
    for (const key of OUTCOME_KEYS) {
      total[key] += counts[key];
    }
  }
  return total;
}

/**
 * Whether the outcome counts add up (read = inserted + updated + unchanged + duplicate + rejected), as
 * every finished run's should.
 * @param counts a run's counts or a sum of them
 * @returns true when they add up
 */
export function countsAddUp(counts: OutcomeCounts): boolean {
  return (
    counts.read === counts.inserted + counts.updated + counts.unchanged + counts.duplicate + counts.rejected
  );
}
