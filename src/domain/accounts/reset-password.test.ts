import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../test/factories/accounts.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { RESET_TOKEN_LIFETIME_MS } from './account.ts';
import { checkResetLink, requestPasswordReset, resetPassword } from './reset-password.ts';
import { hashSecret } from './secret-token.ts';
import { logIn, resumeSession } from './sessions.ts';

describeWithStore('password reset', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('sets the new password, closes every session and retires every pending reset link', async () => {
    const user = await buildUser(store.db, { email_verified_at: null });
    const credentials = { email: user.email!, password: user.password };
    const sessions = [await logIn(store.db, credentials), await logIn(store.db, credentials)];
    const t0 = new Date();
    const older = await requestPasswordReset(store.db, user.email!.toUpperCase(), { now: t0 });
    const link = await requestPasswordReset(store.db, user.email!, { now: t0 });
    expect(link?.user.id).toBe(user.id);
    const token = await store.db
      .selectFrom('email_tokens')
      .select(['purpose', 'expires_at'])
      .where('token_hash', '=', hashSecret(link!.resetSecret))
      .executeTakeFirstOrThrow();
    expect(token).toEqual({ purpose: 'reset', expires_at: new Date(t0.getTime() + RESET_TOKEN_LIFETIME_MS) });

    const result = await resetPassword(store.db, link!.resetSecret, 'un nouveau mot de passe sûr');
    expect(result.closedSessions).toBe(2);
    for (const s of sessions) {
      expect(await resumeSession(store.db, s.secret)).toBeNull();
    }
    await expect(logIn(store.db, credentials)).rejects.toMatchObject({ code: 'account.invalid_credentials' });
    await expect(
      logIn(store.db, { email: user.email!, password: 'un nouveau mot de passe sûr' }),
    ).resolves.toMatchObject({ user: { id: user.id } });
    // The link reached the mailbox: the address counts as verified.
    expect(result.user.emailVerifiedAt).not.toBeNull();
    for (const secret of [link!.resetSecret, older!.resetSecret]) {
      await expect(resetPassword(store.db, secret, 'encore un autre mot de passe')).rejects.toMatchObject({
        code: 'account.invalid_token',
        details: { reason: 'used' },
      });
    }
  });

  it('keeps the link usable when the new password is refused', async () => {
    const user = await buildUser(store.db);
    const link = await requestPasswordReset(store.db, user.email!);
    await expect(resetPassword(store.db, link!.resetSecret, 'azerty123456')).rejects.toMatchObject({
      code: 'account.invalid',
      details: { fields: { password: expect.stringContaining('trop courant') as unknown } },
    });
    await expect(checkResetLink(store.db, link!.resetSecret)).resolves.toMatchObject({ id: user.id });
  });

  it('refuses a link one hour after it was sent', async () => {
    const user = await buildUser(store.db);
    const t0 = new Date('2026-12-01T10:00:00Z');
    const link = await requestPasswordReset(store.db, user.email!, { now: t0 });
    const late = new Date(t0.getTime() + RESET_TOKEN_LIFETIME_MS);
    await expect(
      resetPassword(store.db, link!.resetSecret, 'trop tard pour changer', { now: late }),
    ).rejects.toMatchObject({ code: 'account.invalid_token', details: { reason: 'expired' } });
    await expect(logIn(store.db, { email: user.email!, password: user.password })).resolves.toBeDefined();
  });

  it('returns nothing for an unknown address, and names a malformed one', async () => {
    expect(await requestPasswordReset(store.db, 'inconnu@exemple.fr')).toBeNull();
    await expect(requestPasswordReset(store.db, 'inconnu')).rejects.toMatchObject({
      code: 'account.invalid',
      details: { field: 'email' },
    });
  });
});
