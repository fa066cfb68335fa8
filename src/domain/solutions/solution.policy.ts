import { forbidden, unauthenticated } from '../accounts/account.errors.ts';
import {
  can as canForOrganisation,
  type OrganisationContext,
  type OrganisationKind,
} from '../organisations/index.ts';
import { solutionNotFound } from './solution.errors.ts';
import type { SolutionStatus } from './solution.ts';

/**
 * Who may do what with a solution. The command loads the facts (`loadSolutionContext`), then calls
 * `authorize`; pages, the API and the command line share the rule.
 *
 * | action   | anonymous         | other user        | member (active supplier) | platform admin   |
 * | -------- | ----------------- | ----------------- | ------------------------ | ---------------- |
 * | read     | if public, else 404 | if public, else 404 | yes                    | yes              |
 * | edit     | 401               | 403 (404 if not public) | yes                | 403 (404 …)      |
 * | publish  | 401               | 403 (404 …)       | yes, unless suspended    | 403              |
 * | moderate | 401               | 403 (404 …)       | 403                      | yes              |
 *
 * « public » = published by an active organisation. Members of a suspended organisation still read their
 * solutions but cannot change them (organisation action `act`). Writing needs a supplier organisation:
 * a buyer organisation has no solutions.
 *
 * Why 404 rather than 403 for what the actor cannot read: a draft is private; answering 403 would
 * confirm that a solution with this id exists and is unpublished. An anonymous write is 401 whatever the
 * solution, so that a client knows to authenticate before learning anything.
 *
 * API tokens: a token acts as the member who created it, for its organisation only and never as an
 * administrator (`loadOrganisationContext` gives it the role `member` there and none elsewhere), so the
 * rules above apply to it unchanged.
 */
export type SolutionAction = 'read' | 'edit' | 'publish' | 'moderate';

/** The facts a decision needs. */
export interface SolutionContext extends OrganisationContext {
  organisationKind: OrganisationKind;
  /** The solution's status; null when it does not exist yet (creation). */
  solutionStatus: SolutionStatus | null;
}

type Rule = (c: SolutionContext) => boolean;

const member: Rule = (c) => c.role !== null;
const isPublic: Rule = (c) => c.solutionStatus === 'published' && c.status === 'active';
const edit: Rule = (c) => c.organisationKind === 'supplier' && canForOrganisation(c, 'act');

const RULES: Record<SolutionAction, Rule> = {
  read: (c) => isPublic(c) || member(c) || c.platformAdmin,
  edit,
  publish: (c) => edit(c) && c.solutionStatus !== 'suspended',
  moderate: (c) => c.platformAdmin,
};

/**
 * Whether the action is allowed.
 * @param context actor, role, platform-admin flag, organisation status and kind, solution status
 * @param action what
 */
export function can(context: SolutionContext, action: SolutionAction): boolean {
  return RULES[action](context);
}

/**
 * Throws unless the action is allowed (see the table above).
 * @param context the loaded facts
 * @param action what
 * @throws DomainError `solution.not_found` when the actor may not read the solution (and is not an
 *   anonymous writer), `auth.unauthenticated` for an anonymous write, `auth.forbidden` otherwise
 */
export function authorize(context: SolutionContext, action: SolutionAction, solutionId?: number): void {
  if (can(context, action)) {
    return;
  }
  if (action !== 'read' && context.actor.kind === 'anonymous') {
    throw unauthenticated();
  }
  if (context.solutionStatus !== null && !can(context, 'read')) {
    throw solutionNotFound(solutionId ?? '');
  }
  throw forbidden();
}
