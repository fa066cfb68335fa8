import { DomainError } from '../shared/index.ts';

/**
 * Error codes of the solutions context. Statuses (http/plugins/error-handler.ts): `solution.not_found`,
 * `solution_document.not_found` 404; `solution.invalid`, `solution_document.invalid` 400.
 */
export type SolutionErrorCode =
  'solution.not_found' | 'solution.invalid' | 'solution_document.not_found' | 'solution_document.invalid';

/**
 * No such solution, or one the actor may not see (a draft of another organisation is « not found »:
 * saying 403 would confirm it exists).
 * @param id the id asked for, as given
 */
export function solutionNotFound(id: string | number): DomainError {
  return new DomainError('solution.not_found', 'Cette solution n’existe pas ou n’est pas publiée.', {
    details: { id: String(id) },
  });
}

/**
 * A request with bad fields, each with its French message (all reported at once, so a form shows them
 * together).
 * @param code e.g. 'solution.invalid', 'supplier_profile.invalid'
 * @param fields field → French message (at least one)
 * @returns DomainError with `details.fields` and `details.field` (the first one)
 */
export function invalidFieldsOf(code: string, fields: Record<string, string>): DomainError {
  const [first] = Object.keys(fields);
  return new DomainError(code, Object.values(fields).join(' '), {
    message: `${code}: ${Object.keys(fields).join(', ')}`,
    details: { field: first, fields },
  });
}

/** Solution fields that cannot be saved: DomainError `solution.invalid` (see `invalidFieldsOf`). */
export function invalidSolution(fields: Record<string, string>): DomainError {
  return invalidFieldsOf('solution.invalid', fields);
}

export function documentNotFound(id: string | number): DomainError {
  return new DomainError('solution_document.not_found', 'Ce document n’existe pas.', {
    details: { id: String(id) },
  });
}

/**
 * An upload that is refused.
 * @param message French, says why (type, size, name)
 * @returns DomainError `solution_document.invalid` on the field `document`
 */
export function invalidDocument(message: string): DomainError {
  return new DomainError('solution_document.invalid', message, {
    details: { field: 'document', fields: { document: message } },
  });
}
