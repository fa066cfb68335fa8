import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { emailError, normalizeEmail, passwordError, type User } from './account.ts';
import { invalidFields, invalidToken } from './account.errors.ts';
import * as accounts from './account.repository.ts';
import { findUsableEmailToken, issueEmailToken } from './email-token.ts';
import { hashPassword } from './password-hash.ts';
import { withoutSecret } from './register-account.ts';

/**
 * « Mot de passe oublié » : a link valid one hour is mailed to the address, if it has an account; using
 * it sets a new password and closes every session of the account.
 */

/**
 * Prepares a password-reset link for an address.
 * @param db the store
 * @param rawEmail as typed
 * @param options `now` (default: the current time)
 * @returns the user and the link secret to mail, or null when no live account has this address (the
 *   caller answers the same either way)
 * @throws DomainError `account.invalid` (`details.fields.email`) when the address is empty or malformed
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  rawEmail: string,
  options: { now?: Date } = {},
): Promise<{ user: User; resetSecret: string } | null> {
  const now = options.now ?? new Date();
  const email = normalizeEmail(rawEmail);
  const problem = emailError(email);
  if (problem !== null) {
    throw invalidFields({ email: problem });
  }
  const user = await accounts.findUserByEmail(db, email);
  if (user === undefined) {
    return null;
  }
  const resetSecret = await issueEmailToken(db, user.id, 'reset', now);
  return { user: withoutSecret(user), resetSecret };
}

/**
 * Checks that a reset link can still be used, without using it (to show the form).
 * @param db the store
 * @param secret from the link
 * @param options `now`
 * @returns the user the link was sent to
 * @throws DomainError `account.invalid_token` ('unknown' | 'used' | 'expired')
 */
export async function checkResetLink(
  db: Kysely<Database>,
  secret: string,
  options: { now?: Date } = {},
): Promise<User> {
  const userId = await findUsableEmailToken(db, secret, 'reset', options.now ?? new Date());
  const user = await accounts.findUserById(db, userId);
  if (user === undefined) {
    throw invalidToken('unknown');
  }
  return withoutSecret(user);
}

/**
 * Sets a new password through a reset link. The link and every other pending reset link of the account
 * stop working, every session of the account is closed (whoever knew the old password is logged out),
 * and the address counts as verified (the link reached it).
 * @param db the store
 * @param secret from the link
 * @param newPassword as typed (12 characters at least, not a common one)
 * @param options `now`
 * @returns the user and how many sessions were closed
 * @throws DomainError `account.invalid_token`; `account.invalid` (`details.fields.password`)
 */
export async function resetPassword(
  db: Kysely<Database>,
  secret: string,
  newPassword: string,
  options: { now?: Date } = {},
): Promise<{ user: User; closedSessions: number }> {
  const now = options.now ?? new Date();
  const user = await checkResetLink(db, secret, { now });
  const problem = passwordError(newPassword, { email: user.email });
  if (problem !== null) {
    throw invalidFields({ password: problem });
  }
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    // Again under lock: the link may have been used meanwhile, in another tab.
    const userId = await findUsableEmailToken(trx, secret, 'reset', now, { forUpdate: true });
    await accounts.updatePasswordHash(trx, userId, passwordHash, now);
    await accounts.useEmailTokensOfUser(trx, userId, 'reset', now);
    await accounts.markEmailVerified(trx, userId, now);
    const closedSessions = await accounts.deleteSessionsOfUser(trx, userId);
    return { user: { ...user, emailVerifiedAt: user.emailVerifiedAt ?? now }, closedSessions };
  });
}
