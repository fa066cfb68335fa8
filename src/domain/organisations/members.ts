import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { requireUser } from '../accounts/account.policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { authorize } from './organisation.policy.ts';
import { findOrganisationById, listMembers, loadOrganisationContext } from './organisation.repository.ts';
import {
  invalidClaim,
  organisationNotFound,
  type Member,
  type MemberRole,
  type Organisation,
} from './organisation.ts';

/** Members of an organisation: who they are, their roles, leaving. An organisation keeps one admin. */

async function organisationOrThrow(db: Kysely<Database> | Transaction<Database>, id: number) {
  const organisation = await findOrganisationById(db, id);
  if (organisation === undefined) {
    throw organisationNotFound(String(id));
  }
  return organisation;
}

/**
 * The members, for a member of the organisation or a platform admin.
 * @throws DomainError `organisation.not_found`, `auth.unauthenticated`, `auth.forbidden`
 */
export async function membersOf(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
): Promise<{ organisation: Organisation; members: Member[] }> {
  const organisation = await organisationOrThrow(db, organisationId);
  authorize(await loadOrganisationContext(db, actor, organisation), 'viewMembers');
  return { organisation, members: await listMembers(db, organisationId) };
}

async function adminCount(trx: Transaction<Database>, organisationId: number): Promise<number> {
  const rows = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .forUpdate()
    .execute();
  return rows.length;
}

/**
 * Changes a member's role.
 * @param actor an admin of the organisation or of the platform
 * @throws DomainError `organisation.not_found`, `auth.*`, `organisation.invalid` (not a member, or the
 *   last admin demoted)
 */
export async function changeMemberRole(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
  userId: string,
  role: MemberRole,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const organisation = await organisationOrThrow(trx, organisationId);
    authorize(await loadOrganisationContext(trx, actor, organisation), 'manageMembers');
    const current = await trx
      .selectFrom('memberships')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (current === undefined) {
      throw invalidClaim('member', 'Cette personne n’est pas membre de l’organisation.');
    }
    if (current.role === 'admin' && role !== 'admin' && (await adminCount(trx, organisationId)) <= 1) {
      throw invalidClaim('member', 'Une organisation garde au moins un administrateur.');
    }
    await trx
      .updateTable('memberships')
      .set({ role })
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'membership.role_changed',
      subjectType: 'organisation',
      subjectId: String(organisationId),
      before: { userId, role: current.role },
      after: { userId, role },
    });
  });
}

/**
 * Removes a member: an admin removes anyone, a member removes themself (leaves).
 * @throws DomainError `organisation.not_found`, `auth.*`, `organisation.invalid` (not a member, or the
 *   last admin)
 */
export async function removeMember(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
  userId: string,
): Promise<void> {
  const actorId = requireUser(actor);
  await db.transaction().execute(async (trx) => {
    const organisation = await organisationOrThrow(trx, organisationId);
    if (actorId !== userId) {
      authorize(await loadOrganisationContext(trx, actor, organisation), 'manageMembers');
    }
    const current = await trx
      .selectFrom('memberships')
      .select('role')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (current === undefined) {
      throw invalidClaim('member', 'Cette personne n’est pas membre de l’organisation.');
    }
    if (current.role === 'admin' && (await adminCount(trx, organisationId)) <= 1) {
      throw invalidClaim(
        'member',
        'Une organisation garde au moins un administrateur : nommez-en un autre avant de partir.',
      );
    }
    await trx
      .deleteFrom('memberships')
      .where('organisation_id', '=', organisationId)
      .where('user_id', '=', userId)
      .execute();
    await recordAudit(trx, {
      actorUserId: actorId,
      action: 'membership.removed',
      subjectType: 'organisation',
      subjectId: String(organisationId),
      before: { userId, role: current.role },
    });
  });
}
