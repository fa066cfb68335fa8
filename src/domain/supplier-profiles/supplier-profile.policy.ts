import { forbidden, unauthenticated } from '../accounts/account.errors.ts';
import {
  can as canForOrganisation,
  organisationNotFound,
  type OrganisationContext,
  type OrganisationKind,
} from '../organisations/index.ts';

/**
 * Who may read and change a supplier organisation's showcase (profile, declared references).
 *
 * | action | anonymous               | other user              | member (active supplier) | platform admin |
 * | ------ | ----------------------- | ----------------------- | ------------------------ | -------------- |
 * | read   | if active, else 404     | if active, else 404     | yes                      | yes            |
 * | edit   | 401                     | 403                     | yes                      | 403            |
 *
 * A suspended organisation's page is gone for the public (404: moderation hides it) but its members
 * still see it. Writing follows the organisation action `act` (member of an active organisation) and
 * needs a supplier organisation. API tokens act as their creator, for their organisation only.
 */
export type ProfileAction = 'read' | 'edit';

export interface ProfileContext extends OrganisationContext {
  organisationKind: OrganisationKind;
}

const RULES: Record<ProfileAction, (c: ProfileContext) => boolean> = {
  read: (c) => c.status === 'active' || c.role !== null || c.platformAdmin,
  edit: (c) => c.organisationKind === 'supplier' && canForOrganisation(c, 'act'),
};

/** Whether the action is allowed. */
export function can(context: ProfileContext, action: ProfileAction): boolean {
  return RULES[action](context);
}

/**
 * Throws unless the action is allowed.
 * @param siret named in the not-found message
 * @throws DomainError `auth.unauthenticated` (anonymous edit), `organisation.not_found` (cannot read),
 *   `auth.forbidden`
 */
export function authorize(context: ProfileContext, action: ProfileAction, siret: string): void {
  if (can(context, action)) {
    return;
  }
  if (action !== 'read' && context.actor.kind === 'anonymous') {
    throw unauthenticated();
  }
  if (!can(context, 'read')) {
    throw organisationNotFound(siret);
  }
  throw forbidden();
}
