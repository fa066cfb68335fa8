import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/index.ts';
import {
  findOrganisationById,
  loadOrganisationContext,
  organisationsOfUser,
  type Organisation,
} from '../organisations/index.ts';
import { projectNotFound } from './project.errors.ts';
import { authorize, type ProjectAction, type ProjectContext } from './project.policy.ts';
import { findProjectRow } from './project.repository.ts';
import { isPublic, type PurchaseProject } from './purchase-project.ts';

/** Loading a project with the facts its policy needs, and authorizing in one call (used by every command). */

type Db = Kysely<Database> | Transaction<Database>;

/** A project, its organisation and the actor's facts. */
export interface LoadedProject {
  project: PurchaseProject;
  organisation: Organisation;
  context: ProjectContext;
}

/**
 * Whether the actor is a member of an active supplier organisation.
 * @param actor who asks
 * @returns false for an anonymous actor
 */
export async function isSupplierMember(db: Db, actor: Actor): Promise<boolean> {
  if (actor.kind !== 'user') {
    return false;
  }
  const organisations = await organisationsOfUser(db, actor.userId);
  return organisations.some((o) => o.kind === 'supplier' && o.status === 'active');
}

/**
 * Loads a project and authorizes an action on it.
 * @param actor who asks
 * @param id the project
 * @param action read, edit or readReservedDocuments
 * @param options `forUpdate`: lock the project's row (inside a transaction)
 * @returns the project, its organisation and the loaded context
 * @throws DomainError `project.not_found` (unknown, or a draft the actor may not read), `auth.unauthenticated`,
 *   `auth.forbidden`
 */
export async function loadProject(
  db: Db,
  actor: Actor,
  id: number,
  action: ProjectAction,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedProject> {
  const project = await findProjectRow(db, id, options);
  const organisation = project && (await findOrganisationById(db, project.organisationId));
  if (project === undefined || organisation === undefined) {
    throw projectNotFound(id);
  }
  const organisationContext = await loadOrganisationContext(db, actor, organisation);
  const context: ProjectContext = {
    actor,
    role: organisationContext.role,
    organisationKind: organisation.kind,
    organisationStatus: organisation.status,
    supplierMember: await isSupplierMember(db, actor),
    published: isPublic(project),
  };
  authorize(context, action, id);
  return { project, organisation, context };
}
