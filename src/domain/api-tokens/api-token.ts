import { DomainError } from '../shared/index.ts';

/**
 * Per-organisation API tokens: a member's software (an ERP, a product catalogue) acts for the
 * organisation through `/api/v1` with `Authorization: Bearer amont_…`.
 *
 * How a token acts: as the member who created it (`users.id`), for its organisation only, with the role
 * `member` there (never `admin`, never platform admin): see `UserActor.apiToken` and
 * `loadOrganisationContext`. So every policy applies to it unchanged, and a token stops working as soon
 * as its creator leaves the organisation, loses their account, or the organisation is suspended
 * (« act » needs an active organisation). Only the token's SHA-256 is stored; the token is shown once.
 */

/** A token as listed (never its secret). */
export interface ApiToken {
  id: number;
  organisationId: number;
  name: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Prefix of every token, so that secret scanners and people recognise one. */
export const TOKEN_PREFIX = 'amont_';
/** Longest token name, characters. */
export const TOKEN_NAME_MAX_LENGTH = 100;
/** `last_used_at` is written at most this often per token, ms (a busy client must not write each call). */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function tokenNotFound(id: number | string): DomainError {
  return new DomainError('api_token.not_found', 'Ce jeton d’API n’existe pas.', {
    details: { id: String(id) },
  });
}

/** A token presented in `Authorization` that opens nothing (unknown, revoked, creator gone). */
export function invalidToken(): DomainError {
  return new DomainError(
    'auth.unauthenticated',
    'Ce jeton d’API n’est pas valable (inconnu ou révoqué) : créez-en un nouveau dans « Mon organisation ».',
    { message: 'API token rejected' },
  );
}
