import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { normalizePaging } from '../buyers/index.ts';
import { importRunNotFound } from './import-run.errors.ts';
import * as importRunRepository from './import-run.repository.ts';
import type { ImportPage, ImportRejection, ImportRunSummary } from './import-run.ts';

/** Rejected records per page of a run's report, unless asked otherwise. */
export const IMPORT_REJECTIONS_PER_PAGE = 50;
/** Most rejected records one request may ask for. */
export const IMPORT_REJECTIONS_MAX_PER_PAGE = 200;

/** A run and one page of the records it rejected. */
export interface ImportRunWithRejections {
  run: ImportRunSummary;
  rejections: ImportPage<ImportRejection>;
}

/**
 * Finds an import run with one page of the records it rejected (position in the file, reason, excerpt).
 * @param db the store or a transaction
 * @param id the run's number (`import_runs.id`)
 * @param paging optional 1-based `page` and `perPage` of the rejections (default 50, at most 200)
 * @returns the run and its rejections, in file order
 * @throws DomainError `import_run.not_found` (also for a seed marker, which is not an import)
 */
export async function findImportRun(
  db: Kysely<Database>,
  id: number,
  paging: { page?: number | undefined; perPage?: number | undefined } = {},
): Promise<ImportRunWithRejections> {
  const run = await importRunRepository.findImportRun(db, id);
  if (run === undefined) {
    throw importRunNotFound(id);
  }
  const page = normalizePaging(
    paging.page,
    paging.perPage,
    IMPORT_REJECTIONS_PER_PAGE,
    IMPORT_REJECTIONS_MAX_PER_PAGE,
  );
  const { total, rows } = await importRunRepository.listImportRejections(db, run.id, page);
  return {
    run,
    rejections: {
      total,
      page: page.page,
      perPage: page.perPage,
      pageCount: Math.max(1, Math.ceil(total / page.perPage)),
      results: rows,
    },
  };
}
