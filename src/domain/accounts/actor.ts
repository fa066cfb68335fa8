/**
 * Who performs a command. Every domain command that reads private data or writes receives one, so that a
 * policy (`*.policy.ts`, `can(actor, action, resource)`) can decide inside the command — for pages, the
 * API and jobs alike. The HTTP layer builds it from the session cookie (`request.actor`); later, API
 * tokens will build the same `user` actor.
 */
export type Actor = AnonymousActor | UserActor;

/** A visitor without an account, or not logged in. Public pages and search need nothing more. */
export interface AnonymousActor {
  readonly kind: 'anonymous';
}

/** A logged-in user. */
export interface UserActor {
  readonly kind: 'user';
  /** `users.id` (uuid). */
  readonly userId: string;
  /**
   * Set when the request is authenticated by an organisation's API token (src/domain/api-tokens): the
   * actor is the member who created the token, limited to that organisation and never an administrator
   * (see `loadOrganisationContext`).
   */
  readonly apiToken?: { readonly id: number; readonly organisationId: number };
}

/** The anonymous actor (one shared frozen value). */
export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: 'anonymous' });

/**
 * The actor of a logged-in user.
 * @param userId `users.id`
 * @returns a user actor
 * @example userActor('0b6c…') // { kind: 'user', userId: '0b6c…' }
 */
export function userActor(userId: string): UserActor {
  return Object.freeze({ kind: 'user', userId });
}
