import { DomainError } from '../shared/index.ts';

/** Error codes of the imports context. */
export type ImportRunErrorCode = 'import_run.not_found';

/**
 * The error thrown when the report has no import run with this number.
 * @param id the number that was looked up
 * @returns a DomainError `import_run.not_found` with `details.field = 'id'`
 */
export function importRunNotFound(id: number): DomainError {
  return new DomainError(
    'import_run.not_found',
    `Aucun import n° ${id} ne figure dans le journal des données importées.`,
    { message: `import run ${id} not found`, details: { field: 'id', value: id } },
  );
}
