import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/actor.ts';
import { emailError, normalizeEmail } from '../accounts/account.ts';
import { findUserById } from '../accounts/account.repository.ts';
import { requireUser } from '../accounts/account.policy.ts';
import { hashSecret, newSecret } from '../accounts/secret-token.ts';
import { Siret } from '../shared/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { authorize } from './organisation.policy.ts';
import {
  findOrganisationById,
  findOrganisationBySiret,
  knownNameOfSiret,
  loadOrganisationContext,
  roleOf,
  toClaim,
  toOrganisation,
} from './organisation.repository.ts';
import {
  CLAIM_LINK_LIFETIME_MS,
  claimNotFound,
  emailDomainOf,
  invalidClaim,
  invalidClaimLink,
  isPublicLegalCategory,
  type Claim,
  type ClaimMethod,
  type MemberRole,
  type Organisation,
  type OrganisationKind,
  unverifiedAccount,
} from './organisation.ts';
import { isPersonalWebmail } from './webmail-domains.ts';

/**
 * Claims: how a user becomes a member of an organisation.
 *
 * - By e-mail (`email_domain`): the user gives an address at the organisation's own domain; a link is sent
 *   there; following it makes the user a member. The first such claim records the organisation's domain;
 *   later claims from another domain need an approval. Every claim is listed for the platform admins
 *   (moderation), who can suspend the organisation.
 * - By approval (`approval`): from a personal webmail (suppliers only), from another domain than the
 *   recorded one, or for a buyer the store cannot confirm as a public entity. An administrator of the
 *   organisation, or of the platform, approves or rejects it.
 * The first member of an organisation becomes its administrator.
 * Buyer organisations refuse personal webmail addresses: a public buyer acts with its administration's.
 */

/** A claim request, as typed in the form or the API. */
export interface ClaimRequest {
  /** 14 digits, spaces allowed. */
  siret: string;
  /** 'buyer' | 'supplier'. */
  kind: string;
  /** The address to verify; the account's own address when absent. */
  email?: string | undefined;
  /** Required only when the store knows no name for this SIRET. */
  name?: string | undefined;
}

/** What a claim did. */
export interface ClaimOutcome {
  organisation: Organisation;
  claim: Claim;
  /** For `email_domain`: the secret of the link to send to `claim.email` (never stored); else null. */
  linkSecret: string | null;
}

/**
 * Asks to act for an organisation, creating it on Amont when it is the first claim of its SIRET.
 * @param actor a logged-in user whose own address is verified
 * @param request SIRET, kind, address, name
 * @param now the clock
 * @returns the organisation, the claim and, for a claim by e-mail, the link secret to send
 * @throws DomainError `auth.unauthenticated` (anonymous); `organisation.invalid` with `details.field`
 *   (bad SIRET, kind, address, webmail for a buyer, kind contradicting SIRENE, already a member or a
 *   pending claim, missing name); `organisation.invalid_account` when the account's address is unverified
 */
export async function claimOrganisation(
  db: Kysely<Database>,
  actor: Actor,
  request: ClaimRequest,
  now = new Date(),
): Promise<ClaimOutcome> {
  const userId = requireUser(actor);
  const user = await findUserById(db, userId);
  if (user === undefined) {
    throw invalidClaim('email', 'Compte introuvable.');
  }
  if (user.emailVerifiedAt === null) {
    throw unverifiedAccount();
  }
  const siret = Siret.tryParse(request.siret);
  if (!siret.ok) {
    throw invalidClaim('siret', siret.error.userMessage);
  }
  if (request.kind !== 'buyer' && request.kind !== 'supplier') {
    throw invalidClaim('kind', 'Choisissez « acheteur public » ou « fournisseur ».');
  }
  const kind: OrganisationKind = request.kind;
  const email = normalizeEmail(request.email ?? user.email);
  const badEmail = emailError(email);
  if (badEmail !== null) {
    throw invalidClaim('email', badEmail);
  }
  const domain = emailDomainOf(email);
  const webmail = isPersonalWebmail(domain);
  if (kind === 'buyer' && webmail) {
    throw invalidClaim(
      'email',
      `Un acheteur public agit avec l’adresse de son administration : les messageries personnelles (${domain}) ne sont pas acceptées.`,
    );
  }

  return db.transaction().execute(async (trx) => {
    const organisation = await findOrCreateOrganisation(trx, userId, siret.value, kind, request.name);
    if ((await roleOf(trx, actor, organisation.id)) !== null) {
      throw invalidClaim('siret', `Vous êtes déjà membre de ${organisation.name}.`);
    }
    const pending = await trx
      .selectFrom('organisation_claims')
      .select('id')
      .where('organisation_id', '=', organisation.id)
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    if (pending !== undefined) {
      throw invalidClaim('siret', `Une demande de rattachement à ${organisation.name} est déjà en cours.`);
    }
    const method = await claimMethod(trx, organisation, domain, webmail);
    const linkSecret = method === 'email_domain' ? newSecret() : null;
    const row = await trx
      .insertInto('organisation_claims')
      .values({
        organisation_id: organisation.id,
        user_id: userId,
        email,
        method,
        status: 'pending',
        token_hash: linkSecret === null ? null : hashSecret(linkSecret),
        expires_at: linkSecret === null ? null : new Date(now.getTime() + CLAIM_LINK_LIFETIME_MS),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const claim = toClaim(row);
    await recordAudit(trx, {
      actorUserId: userId,
      action: 'claim.created',
      subjectType: 'organisation',
      subjectId: String(organisation.id),
      after: { claimId: claim.id, email, method },
    });
    return { organisation, claim, linkSecret };
  });
}

/** How a claim is verified (see the module comment). */
async function claimMethod(
  trx: Transaction<Database>,
  organisation: Organisation,
  domain: string,
  webmail: boolean,
): Promise<ClaimMethod> {
  if (webmail) {
    return 'approval';
  }
  if (organisation.emailDomain !== null) {
    return organisation.emailDomain === domain ? 'email_domain' : 'approval';
  }
  if (organisation.kind === 'buyer') {
    const known = await knownNameOfSiret(trx, organisation.siret);
    return known.isDecpBuyer || isPublicLegalCategory(known.legalCategory) ? 'email_domain' : 'approval';
  }
  return 'email_domain';
}

/** The organisation of a SIRET, created (with its name from the store, or the one given) if new. */
async function findOrCreateOrganisation(
  trx: Transaction<Database>,
  userId: string,
  siret: string,
  kind: OrganisationKind,
  givenName: string | undefined,
): Promise<Organisation> {
  const existing = await findOrganisationBySiret(trx, siret);
  if (existing !== undefined) {
    if (existing.kind !== kind) {
      throw invalidClaim(
        'kind',
        `${existing.name} est inscrite sur Amont comme ${existing.kind === 'buyer' ? 'acheteur public' : 'fournisseur'}.`,
      );
    }
    return existing;
  }
  const known = await knownNameOfSiret(trx, siret);
  if (kind === 'buyer' && known.legalCategory !== null && !isPublicLegalCategory(known.legalCategory)) {
    throw invalidClaim(
      'kind',
      `Selon SIRENE, ce SIRET n’est pas une personne publique (catégorie juridique ${known.legalCategory}) : choisissez « fournisseur ».`,
    );
  }
  const name = known.name ?? givenName?.trim() ?? '';
  if (name === '') {
    throw invalidClaim('name', 'Amont ne connaît pas encore ce SIRET : indiquez le nom de l’organisation.');
  }
  const row = await trx
    .insertInto('organisations')
    .values({ siret, siren: siret.slice(0, 9), kind, name: name.slice(0, 200) })
    .returningAll()
    .executeTakeFirstOrThrow();
  const organisation = toOrganisation(row);
  await recordAudit(trx, {
    actorUserId: userId,
    action: 'organisation.created',
    subjectType: 'organisation',
    subjectId: String(organisation.id),
    after: organisation,
  });
  return organisation;
}

/** Makes a user a member (administrator when the organisation has none yet). */
async function grantMembership(
  trx: Transaction<Database>,
  organisationId: number,
  userId: string,
  decidedBy: string | null,
): Promise<MemberRole> {
  const admin = await trx
    .selectFrom('memberships')
    .select('user_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  const role: MemberRole = admin === undefined ? 'admin' : 'member';
  await trx
    .insertInto('memberships')
    .values({ organisation_id: organisationId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
    .execute();
  await recordAudit(trx, {
    actorUserId: decidedBy ?? userId,
    action: 'membership.granted',
    subjectType: 'organisation',
    subjectId: String(organisationId),
    after: { userId, role },
  });
  return role;
}

/**
 * Follows a claim link: the address is proven, the user becomes a member, and the first verified domain
 * becomes the organisation's.
 * @param secret the secret from the link
 * @returns the organisation and the role granted
 * @throws DomainError `claim.invalid_token` (unknown, used, expired)
 */
export async function confirmClaimLink(
  db: Kysely<Database>,
  secret: string,
  now = new Date(),
): Promise<{ organisation: Organisation; role: MemberRole; claim: Claim }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('organisation_claims')
      .selectAll()
      .where('token_hash', '=', hashSecret(secret))
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) {
      throw invalidClaimLink('unknown');
    }
    if (row.status !== 'pending') {
      throw invalidClaimLink('used');
    }
    if (row.expires_at !== null && row.expires_at <= now) {
      await trx
        .updateTable('organisation_claims')
        .set({ status: 'expired' })
        .where('id', '=', row.id)
        .execute();
      throw invalidClaimLink('expired');
    }
    await trx
      .updateTable('organisation_claims')
      .set({ status: 'verified', decided_at: now })
      .where('id', '=', row.id)
      .execute();
    await trx
      .updateTable('organisations')
      .set({ email_domain: emailDomainOf(row.email), updated_at: now })
      .where('id', '=', row.organisation_id)
      .where('email_domain', 'is', null)
      .execute();
    const role = await grantMembership(trx, row.organisation_id, row.user_id, null);
    const organisation = await findOrganisationById(trx, row.organisation_id);
    if (organisation === undefined) {
      throw invalidClaimLink('unknown');
    }
    return { organisation, role, claim: toClaim({ ...row, status: 'verified', decided_at: now }) };
  });
}

/**
 * Approves or rejects a claim waiting for a decision.
 * @param actor an administrator of the organisation or of the platform
 * @param claimId the claim
 * @param decision 'approve' | 'reject'
 * @param reason shown to the claimant (optional)
 * @throws DomainError `claim.not_found`; `auth.unauthenticated` / `auth.forbidden`;
 *   `organisation.invalid` when the claim is not pending any more
 */
export async function decideClaim(
  db: Kysely<Database>,
  actor: Actor,
  claimId: number,
  decision: 'approve' | 'reject',
  reason: string | null = null,
  now = new Date(),
): Promise<Claim> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('organisation_claims')
      .selectAll()
      .where('id', '=', claimId)
      .forUpdate()
      .executeTakeFirst();
    const organisation = row && (await findOrganisationById(trx, row.organisation_id));
    if (row === undefined || organisation === undefined) {
      throw claimNotFound();
    }
    authorize(await loadOrganisationContext(trx, actor, organisation), 'decideClaims');
    if (row.status !== 'pending') {
      throw invalidClaim('claim', 'Cette demande a déjà été traitée.');
    }
    const deciderId = requireUser(actor);
    const status = decision === 'approve' ? 'approved' : 'rejected';
    const updated = await trx
      .updateTable('organisation_claims')
      .set({ status, decided_at: now, decided_by: deciderId, reason, token_hash: null })
      .where('id', '=', claimId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: deciderId,
      action: `claim.${status}`,
      subjectType: 'organisation',
      subjectId: String(organisation.id),
      before: { claimId, status: row.status },
      after: { claimId, status, reason },
    });
    if (decision === 'approve') {
      await grantMembership(trx, organisation.id, row.user_id, deciderId);
    }
    return toClaim(updated);
  });
}
