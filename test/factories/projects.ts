import type { Kysely } from 'kysely';
import { userActor, type UserActor } from '../../src/domain/accounts/index.ts';
import {
  claimOrganisation,
  confirmClaimLink,
  type Organisation,
} from '../../src/domain/organisations/index.ts';
import {
  createProject,
  type PurchaseProject,
  type RawProjectInput,
} from '../../src/domain/projects/index.ts';
import type { Database } from '../../src/store/schema.ts';
import { buildUser, type BuiltUser } from './accounts.ts';
import { buildBuyer, buildSupplier } from './index.ts';

/**
 * Organisations with members and purchase projects, built through the real domain commands: the claim
 * flow (claim by an address at the organisation's domain, then the link) and `createProject`. Nothing is
 * inserted behind the commands' back, so the policies see what they will see in production.
 */

let counter = 0;

/** A user who is a member of an organisation, and the actor that acts as them. */
export interface BuiltMember {
  user: BuiltUser;
  actor: UserActor;
  organisation: Organisation;
}

/**
 * A verified buyer organisation (a DECP buyer, so a claim by e-mail is enough) and its first member
 * (its administrator).
 * @param db the store
 * @param name the buyer's name
 * @returns the member, the actor and the organisation
 */
export async function buildBuyerMember(db: Kysely<Database>, name?: string): Promise<BuiltMember> {
  counter += 1;
  const domain = `acheteur-${counter}-${process.pid}.fr`;
  const buyer = await buildBuyer(db, name === undefined ? {} : { name });
  const user = await buildUser(db, { email: `acheteuse@${domain}` });
  return claimAndConfirm(db, user, buyer.siret, 'buyer');
}

/**
 * A supplier organisation (a company of the directory) and its first member.
 * @param db the store
 * @returns the member, the actor and the organisation
 */
export async function buildSupplierMember(db: Kysely<Database>): Promise<BuiltMember> {
  counter += 1;
  const supplier = await buildSupplier(db, { legal_category: '5710' });
  const user = await buildUser(db, { email: `commercial@fournisseur-${counter}-${process.pid}.fr` });
  return claimAndConfirm(db, user, supplier.head_office_siret!, 'supplier');
}

/**
 * Another member of an existing organisation (an address at its domain, claim and link).
 * @param db the store
 * @param member an existing member (gives the organisation and its domain)
 * @returns the new member
 */
export async function buildColleague(db: Kysely<Database>, member: BuiltMember): Promise<BuiltMember> {
  counter += 1;
  const domain = member.user.email!.split('@')[1]!;
  const user = await buildUser(db, { email: `collegue-${counter}@${domain}` });
  return claimAndConfirm(db, user, member.organisation.siret, member.organisation.kind);
}

async function claimAndConfirm(
  db: Kysely<Database>,
  user: BuiltUser,
  siret: string,
  kind: 'buyer' | 'supplier',
): Promise<BuiltMember> {
  const actor = userActor(user.id);
  const outcome = await claimOrganisation(db, actor, { siret, kind });
  if (outcome.linkSecret === null) {
    throw new Error(`the claim of ${siret} needs an approval: the factory expects a claim by e-mail`);
  }
  const { organisation } = await confirmClaimLink(db, outcome.linkSecret);
  return { user, actor, organisation };
}

/**
 * A draft project of a buyer member's organisation.
 * @param db the store
 * @param member the buyer member who creates it
 * @param raw fields over the defaults (an AOO of services, CPV 72000000, Rennes, notification 2027-06-30)
 * @returns the saved draft
 */
export async function buildProject(
  db: Kysely<Database>,
  member: BuiltMember,
  raw: RawProjectInput = {},
): Promise<PurchaseProject> {
  counter += 1;
  return createProject(db, member.actor, member.organisation.id, {
    title: `Projet de test ${counter}`,
    need: 'Nous cherchons à réduire le temps d’attente des usagers au guichet.',
    procedure: 'AOO',
    cpvCodes: '72000000',
    placeKind: 'commune',
    placeCode: '35238',
    estimatedValue: '120000',
    targetNotificationDate: '2027-06-30',
    ...raw,
  });
}
