import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to a user (session cookie, e-mail links): 32 random bytes, base64url (43 characters).
 * Only their SHA-256 is stored, so the database cannot be replayed against Amont. A fast hash is right
 * here: the secret has 256 bits of entropy, there is nothing to brute-force.
 */

/**
 * A new secret.
 * @returns 43 base64url characters
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The stored form of a secret.
 * @param secret as handed to the user
 * @returns SHA-256, 64 lower-case hex digits
 * @example hashSecret('abc') // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
