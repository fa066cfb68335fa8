import type { User } from './account.ts';

/**
 * API shape of the logged-in user (`GET /api/v1/me`). Fields are listed explicitly: a new column never
 * leaks to the API.
 */
export interface MeView {
  id: string;
  email: string;
  displayName: string;
  emailVerified: boolean;
  createdAt: string;
}

/**
 * API shape of a user, for themselves.
 * @param user the domain user
 * @returns the JSON-ready object (ISO 8601 UTC times)
 */
export function presentMe(user: User): MeView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}
