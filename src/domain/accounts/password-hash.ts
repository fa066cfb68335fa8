import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** `Algorithm.Argon2id`: the enum is a `const enum`, which `verbatimModuleSyntax` cannot import. */
const ARGON2ID = 2 as Algorithm;

/**
 * Password hashing with argon2id and the OWASP Password Storage Cheat Sheet's first setting:
 * m = 19 MiB, t = 2, p = 1 (each hash costs about 19 MiB and a few tens of milliseconds). The salt is
 * random per hash and stored in the PHC string with the parameters, so they can be raised later:
 * `needsRehash` says when a stored hash uses weaker ones.
 */
export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * Hashes a password.
 * @param password as typed
 * @returns a PHC string, e.g. `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// A hash of a random string, made once: `verifyPassword` runs against it when there is no account, so a
// login for an unknown address takes as long as one with a wrong password.
let decoy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash, in constant work even without a hash.
 * @param stored the PHC string, or null when there is no such account (or it was deleted)
 * @param password as typed
 * @returns true only when `stored` is a hash of `password`
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
    await verify(await decoy, password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * Whether a stored hash was made with weaker parameters than today's.
 * @param stored a PHC string
 * @returns true when it should be re-hashed at the next successful login
 */
export function needsRehash(stored: string): boolean {
  const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS;
  return !stored.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}
