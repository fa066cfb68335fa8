import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { normalizePaging } from '../buyers/index.ts';
import * as importRunRepository from './import-run.repository.ts';
import type { ImportPage, ImportRunSummary } from './import-run.ts';

/** Import runs per page of the report, unless asked otherwise. */
export const IMPORT_RUNS_PER_PAGE = 20;
/** Most import runs one request may ask for. */
export const IMPORT_RUNS_MAX_PER_PAGE = 100;

/**
 * The public journal of the open-data imports: every run (CPV, communes, SIRENE, DECP), the most recent
 * first, with its counts and quality flags. The seed's marker runs are left out.
 * @param db the store or a transaction
 * @param paging optional 1-based `page` and `perPage` (default 20, at most 100)
 * @returns the page of runs with the total count; a page past the end has no results
 */
export async function listImportRuns(
  db: Kysely<Database>,
  paging: { page?: number | undefined; perPage?: number | undefined } = {},
): Promise<ImportPage<ImportRunSummary>> {
  const page = normalizePaging(paging.page, paging.perPage, IMPORT_RUNS_PER_PAGE, IMPORT_RUNS_MAX_PER_PAGE);
  const { total, rows } = await importRunRepository.listImportRuns(db, page);
  return {
    total,
    page: page.page,
    perPage: page.perPage,
    pageCount: Math.max(1, Math.ceil(total / page.perPage)),
    results: rows,
  };
}
