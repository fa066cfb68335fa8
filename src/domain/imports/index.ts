/**
 * Public surface of the imports context: the public journal of the open-data imports (CPV, communes,
 * SIRENE, DECP), their counts, quality flags and rejected records. Other contexts import only this file.
 */
export type {
  ImportPage,
  ImportRejection,
  ImportRunSummary,
  OutcomeCounts,
  OutcomeKey,
} from './import-run.ts';
export {
  countsAddUp,
  fileBaseName,
  OUTCOME_KEYS,
  splitFigures,
  sumCounts,
  zeroCounts,
} from './import-run.ts';
export { figureLabel, importKindLabel, importStatusLabel, qualityFlagLabel } from './import-labels.ts';
export type { ImportRunErrorCode } from './import-run.errors.ts';
export { IMPORT_RUNS_MAX_PER_PAGE, IMPORT_RUNS_PER_PAGE, listImportRuns } from './list-import-runs.ts';
export {
  findImportRun,
  IMPORT_REJECTIONS_MAX_PER_PAGE,
  IMPORT_REJECTIONS_PER_PAGE,
  type ImportRunWithRejections,
} from './find-import-run.ts';
export { summarizeDecpImports, type DecpImportSummary } from './summarize-decp-imports.ts';
export {
  presentImportRun,
  presentImportRunDetail,
  presentImportRunList,
  type ImportRunDetailView,
  type ImportRunListView,
  type ImportRunView,
} from './import-run.presenter.ts';
