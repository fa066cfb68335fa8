import { DomainError } from '../shared/index.ts';

/** Error codes of the planning context (dates and amounts reuse `date.*` and `amount.invalid`). */
export type PlanningErrorCode =
  | 'planning.invalid_procedure'
  | 'planning.invalid_anchor'
  | 'planning.invalid_buyer_type'
  | 'planning.invalid_nature'
  | 'planning.invalid_value'
  | 'planning.invalid_milestone';

/**
 * A planning input error naming the field at fault.
 * @param code the error code
 * @param field the form field or query parameter, e.g. 'procedure'
 * @param userMessage French, shown beside the field
 * @param value the offending value, if any
 * @returns a DomainError with `details.field`
 */
export function planningInputError(
  code: PlanningErrorCode,
  field: string,
  userMessage: string,
  value?: string,
): DomainError {
  return new DomainError(code, userMessage, {
    message: `planning input ${field} rejected (${code})`,
    details: value === undefined ? { field } : { field, value },
  });
}
