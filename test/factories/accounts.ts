import type { Insertable, Kysely, Selectable } from 'kysely';
import { hashPassword } from '../../src/domain/accounts/password-hash.ts';
import type { Database, UsersTable } from '../../src/store/schema.ts';

/**
 * Saved accounts for tests. Passwords are hashed with the real argon2id settings (a hash per distinct
 * password, cached: hashing costs ~19 MiB and tens of milliseconds).
 */

/** The password of every `buildUser` account unless another is given. */
export const DEFAULT_PASSWORD = 'cheval agrafe batterie correcte';

const hashes = new Map<string, Promise<string>>();

let counter = 0;

/** A saved user and the password that opens it. */
export type BuiltUser = Selectable<UsersTable> & { password: string };

/**
 * Saves a live account.
 * @param db the store
 * @param overrides columns (`email` default « utilisateur-n@exemple.fr », `display_name` « Utilisateur n »,
 *   `email_verified_at` default now: pass null for an unverified address) and `password`
 * @returns the saved row with the clear password
 */
export async function buildUser(
  db: Kysely<Database>,
  overrides: Partial<Insertable<UsersTable>> & { password?: string } = {},
): Promise<BuiltUser> {
  counter += 1;
  const { password = DEFAULT_PASSWORD, ...columns } = overrides;
  if (!hashes.has(password)) {
    hashes.set(password, hashPassword(password));
  }
  const row = await db
    .insertInto('users')
    .values({
      email: `utilisateur-${counter}-${process.pid}@exemple.fr`,
      display_name: `Utilisateur ${counter}`,
      password_hash: await hashes.get(password)!,
      email_verified_at: new Date(),
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...row, password };
}
