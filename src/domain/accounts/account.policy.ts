import type { Actor } from './actor.ts';
import { forbidden, unauthenticated } from './account.errors.ts';

/**
 * Who may do what with an account. The only rule today: a user acts on their own account, nobody else
 * does (no administrator role yet). Later policies (organisations, solutions) follow the same shape:
 * a typed action union, small predicates, `authorize()` called inside the command.
 */

/** What can be done with an account. */
export type AccountAction = 'read' | 'export' | 'logOutEverywhere' | 'delete';

/** The account a rule is checked against. */
export interface AccountResource {
  id: string;
}

const isUser = (actor: Actor): actor is Extract<Actor, { kind: 'user' }> => actor.kind === 'user';
const isOwner = (actor: Actor, account: AccountResource) => isUser(actor) && actor.userId === account.id;

const RULES: Record<AccountAction, (actor: Actor, account: AccountResource) => boolean> = {
  read: isOwner,
  export: isOwner,
  logOutEverywhere: isOwner,
  delete: isOwner,
};

/**
 * Whether the actor may do the action on the account.
 * @param actor who asks
 * @param action what
 * @param account on which account
 * @returns true when allowed
 */
export function can(actor: Actor, action: AccountAction, account: AccountResource): boolean {
  return RULES[action](actor, account);
}

/**
 * Throws unless the actor may do the action.
 * @param actor who asks
 * @param action what
 * @param account on which account
 * @throws DomainError `auth.unauthenticated` for an anonymous actor, `auth.forbidden` for another user
 */
export function authorize(actor: Actor, action: AccountAction, account: AccountResource): void {
  if (!isUser(actor)) {
    throw unauthenticated();
  }
  if (!can(actor, action, account)) {
    throw forbidden();
  }
}

/**
 * The user id of a logged-in actor, for commands on « my » account.
 * @param actor who asks
 * @returns `actor.userId`
 * @throws DomainError `auth.unauthenticated` for an anonymous actor
 */
export function requireUser(actor: Actor): string {
  if (!isUser(actor)) {
    throw unauthenticated();
  }
  return actor.userId;
}
