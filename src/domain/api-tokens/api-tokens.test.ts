import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { failureOf } from '../../../test/setup/domain-failure.ts';
import { buildUser } from '../../../test/factories/accounts.ts';
import { addMember, buildOrganisation } from '../../../test/factories/showcase.ts';
import type { Store } from '../../store/database.ts';
import { ANONYMOUS, userActor, type Actor } from '../accounts/index.ts';
import { hashSecret } from '../accounts/secret-token.ts';
import { auditTrail } from '../audit/audit-log.ts';
import { loadOrganisationContext, type Organisation } from '../organisations/index.ts';
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';

const codeOf = async (promise: Promise<unknown>) => (await failureOf(promise)).code;

describeWithStore('API tokens', () => {
  let store: Store;
  let organisation: Organisation;
  let other: Organisation;
  let admin: Actor & { userId: string };
  let member: Actor;

  beforeAll(async () => {
    store = await openTestStore();
    organisation = await buildOrganisation(store.db);
    other = await buildOrganisation(store.db);
    const a = await buildUser(store.db);
    await addMember(store.db, organisation.id, a.id, 'admin');
    await addMember(store.db, other.id, a.id, 'admin');
    admin = userActor(a.id);
    const m = await buildUser(store.db);
    await addMember(store.db, organisation.id, m.id, 'member');
    member = userActor(m.id);
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates a token shown once, stored as its hash, and opening a member actor for its organisation only', async () => {
    const { token, secret } = await createApiToken(store.db, admin, organisation.id, ' Catalogue produits ');
    expect(secret).toMatch(/^amont_[A-Za-z0-9_-]{43}$/);
    const row = await store.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Catalogue produits', token_hash: hashSecret(secret) });
    const actor = await authenticateApiToken(store.db, secret, new Date('2026-11-30T10:00:00Z'));
    expect(actor).toEqual({
      kind: 'user',
      userId: admin.userId,
      apiToken: { id: token.id, organisationId: organisation.id },
    });
    const here = await loadOrganisationContext(store.db, actor!, organisation);
    const there = await loadOrganisationContext(store.db, actor!, other);
    expect([here.role, here.platformAdmin, there.role]).toEqual(['member', false, null]);
    const used = await store.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).toEqual(new Date('2026-11-30T10:00:00Z'));
  });

  it('opens nothing once revoked, or with a wrong secret', async () => {
    const { token, secret } = await createApiToken(store.db, admin, organisation.id, 'Temporaire');
    await revokeApiToken(store.db, admin, organisation.id, token.id);
    expect(await authenticateApiToken(store.db, secret)).toBeNull();
    expect(await authenticateApiToken(store.db, `${secret.slice(0, -1)}x`)).toBeNull();
    expect(await codeOf(revokeApiToken(store.db, admin, organisation.id, token.id))).toBe(
      'api_token.not_found',
    );
    const listed = await listApiTokens(store.db, admin, organisation.id);
    expect(listed.find((t) => t.id === token.id)?.revokedAt).toBeInstanceOf(Date);
    const trail = await auditTrail(store.db, 'organisation', String(organisation.id));
    expect(trail.filter((e) => e.action.startsWith('api_token.')).map((e) => e.action)).toContain(
      'api_token.revoked',
    );
  });

  it('is managed by the organisation’s administrators only', async () => {
    expect(await codeOf(createApiToken(store.db, ANONYMOUS, organisation.id, 'x'))).toBe(
      'auth.unauthenticated',
    );
    expect(await codeOf(createApiToken(store.db, member, organisation.id, 'x'))).toBe('auth.forbidden');
    expect(await codeOf(createApiToken(store.db, admin, organisation.id, ''))).toBe('api_token.invalid');
  });
});
