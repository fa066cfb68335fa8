import type { Actor } from '../accounts/actor.ts';
import { forbidden, unauthenticated } from '../accounts/account.errors.ts';
import type { MemberRole, OrganisationStatus } from './organisation.ts';

/**
 * Who may do what with an organisation. Loaded facts in, yes/no out: the command loads the actor's
 * membership and platform-admin flag (`loadOrganisationContext`), then calls `authorize`.
 *
 * | action          | platform admin | org admin | org member | other user | anonymous |
 * | --------------- | -------------- | --------- | ---------- | ---------- | --------- |
 * | view            | yes            | yes       | yes        | yes        | yes       |
 * | viewMembers     | yes            | yes       | yes        | no (403)   | no (401)  |
 * | act (for it)    | no             | if active | if active  | no (403)   | no (401)  |
 * | manageMembers   | yes            | yes       | no (403)   | no (403)   | no (401)  |
 * | decideClaims    | yes            | yes       | no (403)   | no (403)   | no (401)  |
 * | moderate        | yes            | no (403)  | no (403)   | no (403)   | no (401)  |
 * | viewAudit       | yes            | yes       | no (403)   | no (403)   | no (401)  |
 *
 * « act » is what solutions, profiles and purchase projects check: publishing for the organisation. A
 * suspended organisation's members cannot act until a platform admin lifts the suspension.
 */
export type OrganisationAction =
  'view' | 'viewMembers' | 'act' | 'manageMembers' | 'decideClaims' | 'moderate' | 'viewAudit';

/** The facts a decision needs. */
export interface OrganisationContext {
  actor: Actor;
  /** The actor's role in the organisation, null when not a member (or anonymous). */
  role: MemberRole | null;
  platformAdmin: boolean;
  status: OrganisationStatus;
}

type Rule = (c: OrganisationContext) => boolean;
const member: Rule = (c) => c.role !== null;
const orgAdmin: Rule = (c) => c.role === 'admin';
const platformAdmin: Rule = (c) => c.platformAdmin;

const RULES: Record<OrganisationAction, Rule> = {
  view: () => true,
  viewMembers: (c) => platformAdmin(c) || member(c),
  act: (c) => member(c) && c.status === 'active',
  manageMembers: (c) => platformAdmin(c) || orgAdmin(c),
  decideClaims: (c) => platformAdmin(c) || orgAdmin(c),
  moderate: platformAdmin,
  viewAudit: (c) => platformAdmin(c) || orgAdmin(c),
};

/**
 * Whether the action is allowed.
 * @param context actor, role, platform-admin flag, organisation status
 * @param action what
 */
export function can(context: OrganisationContext, action: OrganisationAction): boolean {
  return RULES[action](context);
}

/**
 * Throws unless the action is allowed.
 * @throws DomainError `auth.unauthenticated` (401) for an anonymous actor on anything but `view`,
 *   `auth.forbidden` (403) otherwise
 */
export function authorize(context: OrganisationContext, action: OrganisationAction): void {
  if (can(context, action)) {
    return;
  }
  throw context.actor.kind === 'anonymous' ? unauthenticated() : forbidden();
}
