import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Actor } from '../accounts/actor.ts';
import type { Database, OrganisationClaimsTable, OrganisationsTable } from '../../store/schema.ts';
import type { OrganisationContext } from './organisation.policy.ts';
import type { Claim, Member, MemberRole, Organisation } from './organisation.ts';

/** Reads and writes of the organisations context. */

type Db = Kysely<Database> | Transaction<Database>;

export function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    siret: row.siret,
    siren: row.siren,
    kind: row.kind,
    name: row.name,
    emailDomain: row.email_domain,
    status: row.status,
    createdAt: row.created_at,
  };
}

export function toClaim(row: Selectable<OrganisationClaimsTable>): Claim {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    userId: row.user_id,
    email: row.email,
    method: row.method,
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    reason: row.reason,
  };
}

export async function findOrganisationBySiret(db: Db, siret: string): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisations').selectAll().where('siret', '=', siret).executeTakeFirst();
  return row && toOrganisation(row);
}

export async function findOrganisationById(db: Db, id: number): Promise<Organisation | undefined> {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOrganisation(row);
}

/** Whether a user administers the platform. */
export async function isPlatformAdmin(db: Db, actor: Actor): Promise<boolean> {
  // An API token never administers the platform, whoever created it.
  if (actor.kind !== 'user' || actor.apiToken !== undefined) {
    return false;
  }
  const row = await db
    .selectFrom('platform_admins')
    .select('user_id')
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The actor's role in an organisation, null when not a member. An API token acts as its creator for its
 * own organisation only, and as a plain member there (it cannot manage members or decide claims).
 */
export async function roleOf(db: Db, actor: Actor, organisationId: number): Promise<MemberRole | null> {
  if (actor.kind !== 'user' || (actor.apiToken && actor.apiToken.organisationId !== organisationId)) {
    return null;
  }
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return row !== undefined && actor.apiToken !== undefined ? 'member' : (row?.role ?? null);
}

/**
 * What the organisation policy needs to decide for this actor.
 * @param organisation the organisation concerned
 */
export async function loadOrganisationContext(
  db: Db,
  actor: Actor,
  organisation: Organisation,
): Promise<OrganisationContext> {
  return {
    actor,
    role: await roleOf(db, actor, organisation.id),
    platformAdmin: await isPlatformAdmin(db, actor),
    status: organisation.status,
  };
}

/** Members of an organisation, admins first, then by name. Deleted accounts are gone (cascade). */
export async function listMembers(db: Db, organisationId: number): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'm.created_at', 'u.display_name', 'u.email'])
    .where('m.organisation_id', '=', organisationId)
    .where('u.deleted_at', 'is', null)
    .orderBy('m.role')
    .orderBy('u.display_name')
    .orderBy('m.user_id')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    role: r.role,
    since: r.created_at,
    displayName: r.display_name ?? '',
    email: r.email ?? '',
  }));
}

/** The organisations a user is a member of, by name. */
export async function organisationsOfUser(
  db: Db,
  userId: string,
): Promise<(Organisation & { role: MemberRole })[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .selectAll('o')
    .select('m.role')
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ ...toOrganisation(r), role: r.role }));
}

/** The name a store already knows for a SIRET: its establishment, its DECP buyer, or its legal unit. */
export async function knownNameOfSiret(
  db: Db,
  siret: string,
): Promise<{ name: string | null; isDecpBuyer: boolean; legalCategory: string | null }> {
  const siren = siret.slice(0, 9);
  const [establishment, buyer, unit] = await Promise.all([
    db.selectFrom('establishments').select('name').where('siret', '=', siret).executeTakeFirst(),
    db.selectFrom('buyers').select('name').where('siret', '=', siret).executeTakeFirst(),
    db
      .selectFrom('suppliers')
      .select(['name', 'legal_category'])
      .where('siren', '=', siren)
      .executeTakeFirst(),
  ]);
  const unitName = unit?.name === undefined || unit.name.startsWith('[') ? null : unit.name;
  return {
    name: establishment?.name ?? buyer?.name ?? unitName,
    isDecpBuyer: buyer !== undefined,
    legalCategory: unit?.legal_category ?? null,
  };
}
