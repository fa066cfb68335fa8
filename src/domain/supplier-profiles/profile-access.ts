import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/index.ts';
import { unauthenticated } from '../accounts/account.errors.ts';
import { loadOrganisationContext, type Organisation } from '../organisations/index.ts';
import { organisationFor } from '../solutions/index.ts';
import { authorize, type ProfileAction, type ProfileContext } from './supplier-profile.policy.ts';

/**
 * Loads an organisation and authorizes an action on its showcase: the start of every profile command.
 * @param organisation its id or SIRET
 * @throws DomainError `auth.unauthenticated` (anonymous edit, before anything is looked up),
 *   `organisation.not_found`, `siret.*`, `auth.forbidden`
 */
export async function authorizeProfile(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  organisation: number | string,
  action: ProfileAction,
): Promise<{ organisation: Organisation; context: ProfileContext }> {
  if (action !== 'read' && actor.kind === 'anonymous') {
    throw unauthenticated();
  }
  const owner = await organisationFor(db, organisation);
  const context = {
    ...(await loadOrganisationContext(db, actor, owner)),
    organisationKind: owner.kind,
  };
  authorize(context, action, owner.siret);
  return { organisation: owner, context };
}
