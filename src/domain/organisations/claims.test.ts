import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { buildBuyer, buildSupplier, siretOf } from '../../../test/factories/index.ts';
import { buildUser, type BuiltUser } from '../../../test/factories/accounts.ts';
import type { Store } from '../../store/database.ts';
import { ANONYMOUS, userActor } from '../accounts/actor.ts';
import { DomainError } from '../shared/index.ts';
import { auditTrail } from '../audit/audit-log.ts';
import { claimOrganisation, confirmClaimLink, decideClaim } from './claims.ts';
import { changeMemberRole, membersOf, removeMember } from './members.ts';
import { grantPlatformAdmin, listClaimsForReview, setOrganisationStatus } from './moderation.ts';
import { can, type OrganisationContext } from './organisation.policy.ts';
import { CLAIM_LINK_LIFETIME_MS } from './organisation.ts';

/** The code (and field) of the DomainError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; field?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) {
      return { code: error.code, field: error.details?.field };
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

describeWithStore('organisation claims', () => {
  let store: Store;
  let alice: BuiltUser;
  beforeAll(async () => {
    store = await openTestStore();
    alice = await buildUser(store.db, { email: 'alice@atelier-exemple.fr', display_name: 'Alice' });
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates the organisation with its SIRENE name, verifies by link, and makes the first member admin', async () => {
    const supplier = await buildSupplier(store.db, { name: 'ATELIER EXEMPLE', legal_category: '5710' });
    const siret = supplier.head_office_siret!;
    const outcome = await claimOrganisation(store.db, userActor(alice.id), {
      siret: `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`,
      kind: 'supplier',
    });
    expect(outcome.organisation).toMatchObject({
      siret,
      siren: supplier.siren,
      kind: 'supplier',
      name: 'ATELIER EXEMPLE',
      emailDomain: null,
      status: 'active',
    });
    expect(outcome.claim).toMatchObject({ method: 'email_domain', status: 'pending', email: alice.email });
    expect(outcome.linkSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const confirmed = await confirmClaimLink(store.db, outcome.linkSecret!);
    expect(confirmed.role).toBe('admin');
    expect(confirmed.organisation.emailDomain).toBe('atelier-exemple.fr');
    expect(await failure(confirmClaimLink(store.db, outcome.linkSecret!))).toEqual({
      code: 'claim.invalid_token',
    });

    // A colleague at the same domain is verified the same way and becomes a member.
    const bob = await buildUser(store.db, { email: 'bob@atelier-exemple.fr', display_name: 'Bob' });
    const second = await claimOrganisation(store.db, userActor(bob.id), { siret, kind: 'supplier' });
    expect(second.claim.method).toBe('email_domain');
    expect((await confirmClaimLink(store.db, second.linkSecret!)).role).toBe('member');

    // Someone from another domain needs an approval, which Alice (admin) gives.
    const carol = await buildUser(store.db, { email: 'carol@autre-domaine.fr', display_name: 'Carol' });
    const third = await claimOrganisation(store.db, userActor(carol.id), { siret, kind: 'supplier' });
    expect(third).toMatchObject({ linkSecret: null, claim: { method: 'approval', status: 'pending' } });
    expect(await failure(decideClaim(store.db, userActor(bob.id), third.claim.id, 'approve'))).toEqual({
      code: 'auth.forbidden',
    });
    const queue = await listClaimsForReview(store.db, userActor(alice.id));
    expect(queue.map((c) => c.id)).toEqual([third.claim.id]);
    await decideClaim(store.db, userActor(alice.id), third.claim.id, 'approve');

    const { members } = await membersOf(store.db, userActor(carol.id), outcome.organisation.id);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ['alice@atelier-exemple.fr', 'admin'],
      ['bob@atelier-exemple.fr', 'member'],
      ['carol@autre-domaine.fr', 'member'],
    ]);
    const trail = await auditTrail(store.db, 'organisation', String(outcome.organisation.id));
    expect(trail.map((e) => e.action)).toEqual([
      'organisation.created',
      'claim.created',
      'membership.granted',
      'claim.created',
      'membership.granted',
      'claim.created',
      'claim.approved',
      'membership.granted',
    ]);
    expect(trail[0]?.actorUserId).toBe(alice.id);
    expect(trail.at(-1)?.after).toEqual({ userId: carol.id, role: 'member' });
  });

  it('refuses personal webmail for buyers, and sends suppliers from a webmail to approval', async () => {
    const buyer = await buildBuyer(store.db, { name: 'COMMUNE DE TESTVILLE' });
    const user = await buildUser(store.db, { email: 'maire.testville@gmail.com' });
    expect(
      await failure(claimOrganisation(store.db, userActor(user.id), { siret: buyer.siret, kind: 'buyer' })),
    ).toEqual({ code: 'organisation.invalid', field: 'email' });

    const supplier = await buildSupplier(store.db);
    const outcome = await claimOrganisation(store.db, userActor(user.id), {
      siret: supplier.head_office_siret!,
      kind: 'supplier',
    });
    expect(outcome).toMatchObject({ linkSecret: null, claim: { method: 'approval' } });
  });

  it('accepts a DECP buyer by e-mail, but sends an unknown buyer to approval and refuses a company as buyer', async () => {
    const buyer = await buildBuyer(store.db, { name: 'SDIS DE TEST' });
    const agent = await buildUser(store.db, { email: 'achats@sdis-test.fr' });
    const decpBuyer = await claimOrganisation(store.db, userActor(agent.id), {
      siret: buyer.siret,
      kind: 'buyer',
    });
    expect(decpBuyer).toMatchObject({
      organisation: { name: 'SDIS DE TEST' },
      claim: { method: 'email_domain' },
    });

    const unknownSiret = siretOf();
    expect(
      await failure(claimOrganisation(store.db, userActor(agent.id), { siret: unknownSiret, kind: 'buyer' })),
    ).toEqual({ code: 'organisation.invalid', field: 'name' });
    const unknown = await claimOrganisation(store.db, userActor(agent.id), {
      siret: unknownSiret,
      kind: 'buyer',
      name: 'Syndicat mixte de test',
    });
    expect(unknown).toMatchObject({
      organisation: { name: 'Syndicat mixte de test' },
      claim: { method: 'approval' },
    });

    const company = await buildSupplier(store.db, { legal_category: '5710' });
    expect(
      await failure(
        claimOrganisation(store.db, userActor(agent.id), {
          siret: company.head_office_siret!,
          kind: 'buyer',
        }),
      ),
    ).toEqual({ code: 'organisation.invalid', field: 'kind' });
  });

  it('checks the request: anonymous, unverified account, bad SIRET, duplicate claim, expired link', async () => {
    const supplier = await buildSupplier(store.db);
    const siret = supplier.head_office_siret!;
    expect(await failure(claimOrganisation(store.db, ANONYMOUS, { siret, kind: 'supplier' }))).toEqual({
      code: 'auth.unauthenticated',
    });
    const unverified = await buildUser(store.db, { email_verified_at: null });
    expect(
      await failure(claimOrganisation(store.db, userActor(unverified.id), { siret, kind: 'supplier' })),
    ).toEqual({
      code: 'organisation.invalid_account',
      field: 'email',
    });
    const user = await buildUser(store.db, { email: 'dev@startup-test.fr' });
    expect(
      await failure(
        claimOrganisation(store.db, userActor(user.id), {
          siret: `${siret.slice(0, 13)}0`,
          kind: 'supplier',
        }),
      ),
    ).toMatchObject({ code: 'organisation.invalid', field: 'siret' });
    expect(
      await failure(claimOrganisation(store.db, userActor(user.id), { siret, kind: 'fournisseur' })),
    ).toEqual({
      code: 'organisation.invalid',
      field: 'kind',
    });
    const claimedAt = new Date();
    const outcome = await claimOrganisation(
      store.db,
      userActor(user.id),
      { siret, kind: 'supplier' },
      claimedAt,
    );
    expect(
      await failure(claimOrganisation(store.db, userActor(user.id), { siret, kind: 'supplier' })),
    ).toEqual(expect.objectContaining({ code: 'organisation.invalid', field: 'siret' }));
    const late = new Date(claimedAt.getTime() + CLAIM_LINK_LIFETIME_MS + 1);
    expect(await failure(confirmClaimLink(store.db, outcome.linkSecret!, late))).toEqual({
      code: 'claim.invalid_token',
    });
  });
});

describeWithStore('organisation members and moderation', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  async function organisationWithAdmin() {
    const supplier = await buildSupplier(store.db);
    const admin = await buildUser(store.db, { email: `admin-${supplier.siren}@societe-test.fr` });
    const outcome = await claimOrganisation(store.db, userActor(admin.id), {
      siret: supplier.head_office_siret!,
      kind: 'supplier',
    });
    await confirmClaimLink(store.db, outcome.linkSecret!);
    return { organisation: outcome.organisation, admin };
  }

  it('keeps one admin: the last one can neither be demoted nor leave', async () => {
    const { organisation, admin } = await organisationWithAdmin();
    const actor = userActor(admin.id);
    expect(await failure(changeMemberRole(store.db, actor, organisation.id, admin.id, 'member'))).toEqual({
      code: 'organisation.invalid',
      field: 'member',
    });
    expect(await failure(removeMember(store.db, actor, organisation.id, admin.id))).toEqual({
      code: 'organisation.invalid',
      field: 'member',
    });
    const outsider = await buildUser(store.db);
    expect(await failure(membersOf(store.db, userActor(outsider.id), organisation.id))).toEqual({
      code: 'auth.forbidden',
    });
    expect(await failure(membersOf(store.db, ANONYMOUS, organisation.id))).toEqual({
      code: 'auth.unauthenticated',
    });
  });

  it('lets only a platform admin suspend an organisation and see every claim', async () => {
    const { organisation, admin } = await organisationWithAdmin();
    expect(
      await failure(setOrganisationStatus(store.db, userActor(admin.id), organisation.id, 'suspended')),
    ).toEqual({
      code: 'auth.forbidden',
    });
    const moderator = await buildUser(store.db, { email: 'moderation@amont-test.fr' });
    expect(await failure(grantPlatformAdmin(store.db, 'personne@nulle-part.fr'))).toEqual({
      code: 'account.not_found',
    });
    await grantPlatformAdmin(store.db, 'MODERATION@amont-test.fr');
    const suspended = await setOrganisationStatus(
      store.db,
      userActor(moderator.id),
      organisation.id,
      'suspended',
      'SIRET usurpé',
    );
    expect(suspended.status).toBe('suspended');
    const queue = await listClaimsForReview(store.db, userActor(moderator.id));
    expect(queue.map((c) => c.organisation.id)).toContain(organisation.id);
    expect(queue.find((c) => c.organisation.id === organisation.id)).toMatchObject({
      status: 'verified',
      organisation: { status: 'suspended' },
      claimant: { email: admin.email },
    });
    const trail = await auditTrail(store.db, 'organisation', String(organisation.id));
    expect(trail.at(-1)).toMatchObject({
      action: 'organisation.suspended',
      actorUserId: moderator.id,
      before: { status: 'active' },
      after: { status: 'suspended', reason: 'SIRET usurpé' },
    });
  });
});

describe('organisation policy', () => {
  const user = userActor('00000000-0000-4000-8000-000000000001');
  const ctx = (over: Partial<OrganisationContext>): OrganisationContext => ({
    actor: user,
    role: null,
    platformAdmin: false,
    status: 'active',
    ...over,
  });
  it('lets members act only while the organisation is active; platform admins moderate but do not act', () => {
    expect(can(ctx({ role: 'member' }), 'act')).toBe(true);
    expect(can(ctx({ role: 'admin', status: 'suspended' }), 'act')).toBe(false);
    expect(can(ctx({ platformAdmin: true }), 'act')).toBe(false);
    expect(can(ctx({ platformAdmin: true }), 'moderate')).toBe(true);
    expect(can(ctx({ role: 'admin' }), 'moderate')).toBe(false);
    expect(can(ctx({ role: 'member' }), 'decideClaims')).toBe(false);
    expect(can(ctx({ actor: ANONYMOUS }), 'view')).toBe(true);
    expect(can(ctx({ actor: ANONYMOUS }), 'viewMembers')).toBe(false);
  });
});
