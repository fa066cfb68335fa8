import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { unauthenticated } from '../accounts/account.errors.ts';
import { DomainError } from '../shared/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { authorize } from './organisation.policy.ts';
import {
  findOrganisationById,
  isPlatformAdmin,
  loadOrganisationContext,
  toClaim,
  toOrganisation,
} from './organisation.repository.ts';
import {
  organisationNotFound,
  type Claim,
  type Organisation,
  type OrganisationStatus,
} from './organisation.ts';

/**
 * Moderation by the platform's administrators: the queue of recent claims, suspension of an
 * organisation, and the grant of the administrator role (from the command line).
 */

/** A claim with what a moderator needs to judge it. */
export interface ClaimForReview extends Claim {
  organisation: Pick<Organisation, 'id' | 'siret' | 'name' | 'kind' | 'emailDomain' | 'status'>;
  claimant: { displayName: string; email: string };
}

/**
 * Recent claims, newest first: for a platform admin every claim; for an organisation admin those of
 * the organisations they administer that wait for a decision.
 * @param actor a logged-in user
 * @param options `limit` (default 50, at most 200), `status` to filter
 * @throws DomainError `auth.unauthenticated`
 */
export async function listClaimsForReview(
  db: Kysely<Database>,
  actor: Actor,
  options: { limit?: number; status?: Claim['status'] } = {},
): Promise<ClaimForReview[]> {
  if (actor.kind !== 'user') {
    throw unauthenticated();
  }
  const admin = await isPlatformAdmin(db, actor);
  let query = db
    .selectFrom('organisation_claims as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('c')
    .select([
      'o.siret',
      'o.name as organisation_name',
      'o.kind',
      'o.email_domain',
      'o.status as organisation_status',
      'u.display_name',
      'u.email as account_email',
    ])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 50, 1), 200));
  if (options.status !== undefined) {
    query = query.where('c.status', '=', options.status);
  }
  if (!admin) {
    query = query
      .where('c.status', '=', 'pending')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .select('m.user_id')
            .whereRef('m.organisation_id', '=', 'c.organisation_id')
            .where('m.user_id', '=', actor.userId)
            .where('m.role', '=', 'admin'),
        ),
      );
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    ...toClaim(r),
    organisation: {
      id: r.organisation_id,
      siret: r.siret,
      name: r.organisation_name,
      kind: r.kind,
      emailDomain: r.email_domain,
      status: r.organisation_status,
    },
    claimant: { displayName: r.display_name ?? '', email: r.account_email ?? '' },
  }));
}

/**
 * Suspends an organisation (its members cannot act for it; its solutions leave the search) or lifts
 * the suspension.
 * @param actor a platform admin
 * @param status 'suspended' | 'active'
 * @param reason recorded in the audit log
 * @throws DomainError `organisation.not_found`, `auth.unauthenticated`, `auth.forbidden`
 */
export async function setOrganisationStatus(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
  status: OrganisationStatus,
  reason: string | null = null,
): Promise<Organisation> {
  return db.transaction().execute(async (trx) => {
    const organisation = await findOrganisationById(trx, organisationId);
    if (organisation === undefined) {
      throw organisationNotFound(String(organisationId));
    }
    authorize(await loadOrganisationContext(trx, actor, organisation), 'moderate');
    const row = await trx
      .updateTable('organisations')
      .set({ status, updated_at: new Date() })
      .where('id', '=', organisationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      action: status === 'suspended' ? 'organisation.suspended' : 'organisation.reinstated',
      subjectType: 'organisation',
      subjectId: String(organisationId),
      before: { status: organisation.status },
      after: { status, reason },
    });
    return toOrganisation(row);
  });
}

/**
 * Makes an account a platform administrator. Only from the command line (`amont admin grant EMAIL`):
 * no page can create the first administrator.
 * @param email the account's address (any case)
 * @throws DomainError `account.not_found` when no live account has this address
 */
export async function grantPlatformAdmin(db: Kysely<Database>, email: string): Promise<string> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where(({ fn }) => fn('lower', ['email']), '=', email.trim().toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (user === undefined) {
    throw new DomainError('account.not_found', `Aucun compte Amont n’a l’adresse ${email.trim()}.`);
  }
  await db
    .insertInto('platform_admins')
    .values({ user_id: user.id })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  await recordAudit(db, {
    actorUserId: null,
    action: 'platform_admin.granted',
    subjectType: 'user',
    subjectId: user.id,
  });
  return user.id;
}
