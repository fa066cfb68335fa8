import { forbidden, unauthenticated } from '../accounts/account.errors.ts';
import type { Actor } from '../accounts/index.ts';
import type { MemberRole, OrganisationKind, OrganisationStatus } from '../organisations/index.ts';
import { projectNotFound } from './project.errors.ts';

/**
 * Who may do what with a purchase project. Loaded facts in, yes/no out (project-access.ts loads them):
 *
 * | action                | member of the buyer | supplier member | other user | anonymous | platform admin |
 * | --------------------- | ------------------- | --------------- | ---------- | --------- | -------------- |
 * | read (draft)          | yes                 | no (404)        | no (404)   | no (404)  | no (404)       |
 * | read (published once) | yes                 | yes             | yes        | yes       | yes            |
 * | edit                  | if org. active      | no (403)        | no (403)   | no (401)  | no (403)       |
 * | readReservedDocuments | yes                 | yes             | no (403)   | no (401)  | no (403)       |
 *
 * « Member of the buyer » is a member of the buyer organisation that owns the project; editing also needs
 * that organisation to be an active buyer (organisation policy `act`: a suspended organisation's members
 * cannot publish). « Supplier member » is a member of an active supplier organisation: reserved studies
 * are for companies that could answer, as the buyer chose. A project nobody else may read answers 404, so
 * that drafts cannot be discovered.
 */
export type ProjectAction = 'read' | 'edit' | 'readReservedDocuments';

/** The facts a decision needs. */
export interface ProjectContext {
  actor: Actor;
  /** the actor's role in the project's organisation, null when not a member (or anonymous) */
  role: MemberRole | null;
  organisationKind: OrganisationKind;
  organisationStatus: OrganisationStatus;
  /** the actor is a member of an active supplier organisation */
  supplierMember: boolean;
  /** the project was published once (public since, whatever its state) */
  published: boolean;
}

type Rule = (c: ProjectContext) => boolean;
const member: Rule = (c) => c.role !== null;
const readable: Rule = (c) => c.published || member(c);

const RULES: Record<ProjectAction, Rule> = {
  read: readable,
  edit: (c) => member(c) && c.organisationKind === 'buyer' && c.organisationStatus === 'active',
  readReservedDocuments: (c) => readable(c) && (member(c) || c.supplierMember),
};

/**
 * Whether the action is allowed.
 * @param context the loaded facts
 * @param action what
 * @returns true when allowed
 */
export function can(context: ProjectContext, action: ProjectAction): boolean {
  return RULES[action](context);
}

/**
 * Throws unless the action is allowed.
 * @param context the loaded facts
 * @param action what
 * @param id the project's id, for the not-found error
 * @throws DomainError `project.not_found` when the actor may not even read the project;
 *   `auth.unauthenticated` for an anonymous actor; `auth.forbidden` otherwise
 */
export function authorize(context: ProjectContext, action: ProjectAction, id: number): void {
  if (!can(context, 'read')) {
    throw projectNotFound(id);
  }
  if (can(context, action)) {
    return;
  }
  throw context.actor.kind === 'anonymous' ? unauthenticated() : forbidden();
}

/** What the actor may do with a project, for templates and API clients. */
export interface ProjectAbilities {
  edit: boolean;
  readReservedDocuments: boolean;
}

/**
 * The abilities of the actor on a project.
 * @param context the loaded facts
 * @returns edit, readReservedDocuments
 */
export function abilitiesOf(context: ProjectContext): ProjectAbilities {
  return { edit: can(context, 'edit'), readReservedDocuments: can(context, 'readReservedDocuments') };
}
