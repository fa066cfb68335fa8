import type { Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

/**
 * Accounts (src/domain/accounts): users, sessions, e-mail links, platform administrators.
 */

/**
 * Accounts (src/domain/accounts). `email` is stored trimmed, NFC-normalised and lower-cased; a deleted
 * account keeps its id with every personal field null and `deleted_at` set.
 */
export interface UsersTable {
  id: Generated<string>;
  email: string | null;
  /** argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
  password_hash: string | null;
  display_name: string | null;
  email_verified_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: Timestamp | null;
}

/** A server-side session: `id` is the SHA-256 (hex) of the secret sent in the `amont_session` cookie. */
export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  /** Sliding: min(last activity + idle timeout, creation + maximum lifetime). */
  expires_at: Timestamp;
  user_agent: string | null;
  ip: string | null;
}

/** A single-use link sent by e-mail: `token_hash` is the SHA-256 (hex) of the secret in the link. */
export interface EmailTokensTable {
  id: Generated<number>;
  user_id: string;
  purpose: 'verify' | 'reset';
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** Users who administer the platform (moderation, claim approvals). */
export interface PlatformAdminsTable {
  user_id: string;
  granted_at: Generated<Date>;
}
