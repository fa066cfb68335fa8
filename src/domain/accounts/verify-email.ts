import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { User } from './account.ts';
import { invalidToken } from './account.errors.ts';
import { requireUser } from './account.policy.ts';
import * as accounts from './account.repository.ts';
import type { Actor } from './actor.ts';
import { findUsableEmailToken, issueEmailToken } from './email-token.ts';
import { withoutSecret } from './register-account.ts';

/**
 * Marks the address of an account as verified: the user followed the link mailed at sign-up. The link
 * then stops working, as do older verification links of the same user.
 * @param db the store
 * @param secret from the link
 * @param options `now` (default: the current time)
 * @returns the verified user
 * @throws DomainError `account.invalid_token` (`details.reason` 'unknown' | 'used' | 'expired'), also
 *   when the account was deleted meanwhile
 */
export async function verifyEmail(
  db: Kysely<Database>,
  secret: string,
  options: { now?: Date } = {},
): Promise<User> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const userId = await findUsableEmailToken(trx, secret, 'verify', now, { forUpdate: true });
    const user = await accounts.findUserById(trx, userId, { forUpdate: true });
    if (user === undefined) {
      throw invalidToken('unknown');
    }
    await accounts.markEmailVerified(trx, userId, now);
    await accounts.useEmailTokensOfUser(trx, userId, 'verify', now);
    return withoutSecret({ ...user, emailVerifiedAt: user.emailVerifiedAt ?? now });
  });
}

/**
 * A new verification link for the logged-in user whose address is not verified yet.
 * @param db the store
 * @param actor who asks (must be logged in)
 * @param options `now` (default: the current time)
 * @returns the user and the link secret to mail, or null when the address is already verified
 * @throws DomainError `auth.unauthenticated`
 */
export async function resendVerification(
  db: Kysely<Database>,
  actor: Actor,
  options: { now?: Date } = {},
): Promise<{ user: User; verificationSecret: string } | null> {
  const now = options.now ?? new Date();
  const user = await accounts.findUserById(db, requireUser(actor));
  if (user === undefined) {
    return null;
  }
  if (user.emailVerifiedAt !== null) {
    return null;
  }
  const verificationSecret = await issueEmailToken(db, user.id, 'verify', now);
  return { user: withoutSecret(user), verificationSecret };
}
