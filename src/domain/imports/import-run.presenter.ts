import type { ImportRunWithRejections } from './find-import-run.ts';
import type { ImportPage, ImportRejection, ImportRunSummary, OutcomeCounts } from './import-run.ts';

/**
 * API shapes of the imports context (`GET /api/v1/imports`, `GET /api/v1/imports/:id`). Fields are listed
 * explicitly: a new column in the store never leaks to the API, and neither does the server path of a
 * file (only its base name).
 */

/** A run of `GET /api/v1/imports`. */
export interface ImportRunView {
  id: number;
  kind: string;
  file: string;
  status: string;
  /** ISO 8601 instant, UTC. */
  startedAt: string;
  finishedAt: string | null;
  counts: OutcomeCounts;
  flags: Record<string, number>;
}

/** The answer of `GET /api/v1/imports`. */
export interface ImportRunListView {
  total: number;
  page: number;
  perPage: number;
  results: ImportRunView[];
}

/** The answer of `GET /api/v1/imports/:id`. */
export interface ImportRunDetailView extends ImportRunView {
  otherFigures: Record<string, number>;
  rejections: { total: number; page: number; perPage: number; results: ImportRejection[] };
}

/**
 * API shape of a run.
 * @param run the domain run
 * @returns the JSON-ready object
 */
export function presentImportRun(run: ImportRunSummary): ImportRunView {
  return {
    id: run.id,
    kind: run.kind,
    file: run.file,
    status: run.status,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt === null ? null : run.finishedAt.toISOString(),
    counts: { ...run.counts },
    flags: { ...run.flags },
  };
}

/**
 * API shape of a page of the journal.
 * @param page the use case's result
 * @returns `{ total, page, perPage, results }`
 */
export function presentImportRunList(page: ImportPage<ImportRunSummary>): ImportRunListView {
  return {
    total: page.total,
    page: page.page,
    perPage: page.perPage,
    results: page.results.map(presentImportRun),
  };
}

/**
 * API shape of a run with one page of its rejected records.
 * @param found the use case's result
 * @returns the run, its other figures and `rejections: { total, page, perPage, results }`
 */
export function presentImportRunDetail(found: ImportRunWithRejections): ImportRunDetailView {
  const { run, rejections } = found;
  return {
    ...presentImportRun(run),
    otherFigures: { ...run.otherFigures },
    rejections: {
      total: rejections.total,
      page: rejections.page,
      perPage: rejections.perPage,
      results: rejections.results.map((r) => ({
        position: r.position,
        reason: r.reason,
        excerpt: r.excerpt,
      })),
    },
  };
}
