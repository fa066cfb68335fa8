import { DomainError } from '../shared/index.ts';

/**
 * Error codes of the purchase-projects context. Statuses (http/plugins/error-handler.ts): `*.not_found` 404,
 * `*.invalid` and `*.invalid_*` 400; `auth.unauthenticated` 401 and `auth.forbidden` 403 come from the
 * accounts context.
 */
export type ProjectErrorCode =
  | 'project.not_found'
  | 'project.invalid'
  | 'project.invalid_transition'
  | 'project_planning.not_found'
  | 'project_lot.not_found'
  | 'project_document.not_found'
  | 'project_document.invalid';

/** Field → French message. */
export type FieldErrors = Record<string, string>;

/**
 * A request with one or more bad fields.
 * @param fields field path → French message (at least one)
 * @returns DomainError `project.invalid` with `details.fields` and `details.field` (the first one)
 */
export function invalidProject(fields: FieldErrors): DomainError {
  const names = Object.keys(fields);
  return new DomainError('project.invalid', Object.values(fields).join(' '), {
    message: `invalid project fields: ${names.join(', ')}`,
    details: { field: names[0], fields },
  });
}

/**
 * A transition the state machine refuses.
 * @param message French, naming the current state
 * @param from the current state
 * @param transition the refused transition
 * @returns DomainError `project.invalid_transition`
 */
export function invalidTransition(message: string, from: string, transition: string): DomainError {
  return new DomainError('project.invalid_transition', message, {
    message: `transition ${transition} refused from ${from}`,
    details: { field: 'status', from, transition },
  });
}

/**
 * An unknown project, or one the actor may not read (a draft of another organisation): the same answer,
 * so that drafts cannot be discovered.
 * @param id the project id asked for
 * @returns DomainError `project.not_found`
 */
export function projectNotFound(id: number | string): DomainError {
  return new DomainError('project.not_found', 'Ce projet d’achat n’existe pas ou n’est pas public.', {
    message: `project ${id} not found or not readable`,
    details: { id: String(id) },
  });
}

/**
 * A project without a retro-planning (neither a target notification day nor a target launch day yet).
 * @param id the project
 * @returns DomainError `project_planning.not_found`
 */
export function planningNotFound(id: number): DomainError {
  return new DomainError(
    'project_planning.not_found',
    'Ce projet n’a pas encore de date de notification ni de date de lancement visée : il n’a pas de rétroplanning.',
    { message: `project ${id} has no target notification date`, details: { id: String(id) } },
  );
}

/**
 * An unknown lot of a project.
 * @param number the lot number
 * @returns DomainError `project_lot.not_found`
 */
export function lotNotFound(number: number): DomainError {
  return new DomainError('project_lot.not_found', `Ce projet n’a pas de lot n° ${number}.`, {
    details: { number },
  });
}

/**
 * An unknown study document, or one the actor may not download.
 * @param id the document id
 * @returns DomainError `project_document.not_found`
 */
export function documentNotFound(id: number): DomainError {
  return new DomainError('project_document.not_found', 'Ce document n’existe pas.', { details: { id } });
}

/**
 * An upload refused (empty, too large, wrong type, bad title).
 * @param message French
 * @param field form field, default 'file'
 * @returns DomainError `project_document.invalid`
 */
export function invalidDocument(message: string, field = 'file'): DomainError {
  return new DomainError('project_document.invalid', message, {
    details: { field, fields: { [field]: message } },
  });
}
