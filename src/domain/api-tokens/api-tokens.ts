import type { Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Database } from '../../store/schema.ts';
import { requireUser, userActor, type Actor, type UserActor } from '../accounts/index.ts';
import { forbidden, unauthenticated } from '../accounts/account.errors.ts';
import { hashSecret, newSecret } from '../accounts/secret-token.ts';
import { recordAudit } from '../audit/audit-log.ts';
import {
  findOrganisationById,
  loadOrganisationContext,
  organisationNotFound,
} from '../organisations/index.ts';
import { invalidFieldsOf } from '../solutions/index.ts';
import {
  LAST_USED_RESOLUTION_MS,
  TOKEN_NAME_MAX_LENGTH,
  TOKEN_PREFIX,
  tokenNotFound,
  type ApiToken,
} from './api-token.ts';

function toToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * Only an administrator of an active organisation manages its tokens: a token carries the power to act
 * for the organisation. A platform admin does not (a token acts as its creator, who must be a member).
 */
async function authorizeTokens(db: Kysely<Database>, actor: Actor, organisationId: number) {
  if (actor.kind === 'anonymous') {
    throw unauthenticated();
  }
  const organisation = await findOrganisationById(db, organisationId);
  if (organisation === undefined) {
    throw organisationNotFound(String(organisationId));
  }
  const context = await loadOrganisationContext(db, actor, organisation);
  if (context.role !== 'admin' || organisation.status !== 'active') {
    throw forbidden();
  }
  return organisation;
}

/**
 * The tokens of an organisation, newest first (revoked ones included, marked).
 * @param actor an administrator of the organisation
 * @throws DomainError `auth.unauthenticated`, `organisation.not_found`, `auth.forbidden`
 */
export async function listApiTokens(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
): Promise<ApiToken[]> {
  await authorizeTokens(db, actor, organisationId);
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toToken);
}

/**
 * Creates a token. The secret is returned once and never stored (only its SHA-256).
 * @param actor an administrator of the organisation (the token will act as them)
 * @param name what the token is for, e.g. « Catalogue produits »
 * @returns the token and its secret (`amont_` + 43 base64url characters)
 * @throws DomainError `auth.unauthenticated`, `organisation.not_found`, `auth.forbidden`,
 *   `api_token.invalid` (name missing or too long)
 */
export async function createApiToken(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
  name: string,
): Promise<{ token: ApiToken; secret: string }> {
  await authorizeTokens(db, actor, organisationId);
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > TOKEN_NAME_MAX_LENGTH) {
    throw invalidFieldsOf('api_token.invalid', {
      name: `Nommez le jeton (à quoi il sert), en ${TOKEN_NAME_MAX_LENGTH} caractères au plus.`,
    });
  }
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  const userId = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        organisation_id: organisationId,
        name: trimmed,
        token_hash: hashSecret(secret),
        created_by: userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const token = toToken(row);
    await recordAudit(trx, {
      actorUserId: userId,
      action: 'api_token.created',
      subjectType: 'organisation',
      subjectId: String(organisationId),
      after: { tokenId: token.id, name: token.name },
    });
    return { token, secret };
  });
}

/**
 * Revokes a token: it opens nothing any more.
 * @param actor an administrator of the organisation
 * @throws DomainError `auth.unauthenticated`, `organisation.not_found`, `auth.forbidden`,
 *   `api_token.not_found`
 */
export async function revokeApiToken(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
  tokenId: number,
  now = new Date(),
): Promise<ApiToken> {
  await authorizeTokens(db, actor, organisationId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('id', '=', Number.isSafeInteger(tokenId) && tokenId <= 2_147_483_647 ? tokenId : 0)
      .where('organisation_id', '=', organisationId)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) {
      throw tokenNotFound(tokenId);
    }
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'api_token.revoked',
      subjectType: 'organisation',
      subjectId: String(organisationId),
      before: { tokenId, revokedAt: null },
      after: { tokenId, revokedAt: now },
    });
    return toToken(row);
  });
}

/**
 * The actor of a request that presents a token: its creator, limited to its organisation.
 * @param secret the token as sent (`amont_…`)
 * @returns the actor, or null when the token is unknown, revoked, or its creator's account is gone
 */
export async function authenticateApiToken(
  db: Kysely<Database>,
  secret: string,
  now = new Date(),
): Promise<UserActor | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) {
    return null;
  }
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.created_by')
    .select(['t.id', 't.organisation_id', 't.created_by', 't.last_used_at'])
    .where('t.token_hash', '=', hashSecret(secret))
    .where('t.revoked_at', 'is', null)
    .where('u.deleted_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined || row.created_by === null) {
    return null;
  }
  if (row.last_used_at === null || now.getTime() - row.last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return Object.freeze({
    ...userActor(row.created_by),
    apiToken: Object.freeze({ id: row.id, organisationId: row.organisation_id }),
  });
}
