import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { RESET_TOKEN_LIFETIME_MS, VERIFY_TOKEN_LIFETIME_MS, type EmailTokenPurpose } from './account.ts';
import { invalidToken } from './account.errors.ts';
import * as accounts from './account.repository.ts';
import { hashSecret, newSecret } from './secret-token.ts';

/**
 * Single-use links sent by e-mail (address verification: 48 hours; password reset: 1 hour). The secret
 * goes into the link, only its hash into the store.
 */

const LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  verify: VERIFY_TOKEN_LIFETIME_MS,
  reset: RESET_TOKEN_LIFETIME_MS,
};

/**
 * Creates a link secret for a user.
 * @param db the store or a transaction
 * @param userId `users.id`
 * @param purpose 'verify' or 'reset'
 * @param now creation time; the link expires 48 h (verify) or 1 h (reset) later
 * @returns the secret to put in the link (43 base64url characters)
 */
export async function issueEmailToken(
  db: Kysely<Database>,
  userId: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string> {
  const secret = newSecret();
  await accounts.insertEmailToken(db, {
    userId,
    purpose,
    tokenHash: hashSecret(secret),
    now,
    expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
  });
  return secret;
}

/**
 * Finds a usable link: known, unused and not expired.
 * @param db the store or a transaction (with `forUpdate`, the row stays locked until it ends)
 * @param secret from the link
 * @param purpose what the link is for: a reset secret does not verify an address, nor the reverse
 * @param now the time of use
 * @returns the id of the user the link was sent to
 * @throws DomainError `account.invalid_token` with `details.reason` 'unknown' | 'used' | 'expired'
 */
export async function findUsableEmailToken(
  db: Kysely<Database>,
  secret: string,
  purpose: EmailTokenPurpose,
  now: Date,
  options: { forUpdate?: boolean } = {},
): Promise<string> {
  const token = /^[A-Za-z0-9_-]{43}$/.test(secret)
    ? await accounts.findEmailToken(db, hashSecret(secret), purpose, options)
    : undefined;
  if (token === undefined) {
    throw invalidToken('unknown');
  }
  if (token.used_at !== null) {
    throw invalidToken('used');
  }
  if (token.expires_at.getTime() <= now.getTime()) {
    throw invalidToken('expired');
  }
  return token.user_id;
}
