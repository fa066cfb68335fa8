import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { ANONYMOUS, userActor } from './actor.ts';
import { registerAccount } from './register-account.ts';
import { requestPasswordReset } from './reset-password.ts';
import { resendVerification, verifyEmail } from './verify-email.ts';

describeWithStore('verifyEmail', () => {
  let store: Store;
  let n = 0;
  const signUp = async (now: Date) => {
    n += 1;
    const result = await registerAccount(
      store.db,
      { email: `verif-${n}@exemple.fr`, password: 'la verification marche', displayName: `V ${n}` },
      { now },
    );
    if (result.outcome !== 'created') {
      throw new Error('expected a new account');
    }
    return result;
  };
  const verifiedAt = async (id: string) =>
    (
      await store.db
        .selectFrom('users')
        .select('email_verified_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).email_verified_at;

  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('verifies the address once; the same link then says it was used', async () => {
    const t0 = new Date('2026-12-01T10:00:00Z');
    const { user, verificationSecret } = await signUp(t0);
    const t1 = new Date(t0.getTime() + 3600_000);
    const verified = await verifyEmail(store.db, verificationSecret, { now: t1 });
    expect(verified).toMatchObject({ id: user.id, emailVerifiedAt: t1 });
    expect(await verifiedAt(user.id)).toEqual(t1);
    await expect(verifyEmail(store.db, verificationSecret, { now: t1 })).rejects.toMatchObject({
      code: 'account.invalid_token',
      details: { reason: 'used' },
    });
  });

  it('refuses a link 48 hours after it was sent, and leaves the address unverified', async () => {
    const t0 = new Date('2026-12-01T10:00:00Z');
    const { user, verificationSecret } = await signUp(t0);
    const late = new Date(t0.getTime() + 48 * 3600_000);
    await expect(verifyEmail(store.db, verificationSecret, { now: late })).rejects.toMatchObject({
      code: 'account.invalid_token',
      details: { reason: 'expired' },
    });
    expect(await verifiedAt(user.id)).toBeNull();
    const justInTime = new Date(late.getTime() - 1000);
    await expect(verifyEmail(store.db, verificationSecret, { now: justInTime })).resolves.toMatchObject({
      id: user.id,
    });
  });

  it('refuses an unknown or mangled link, and a reset link used as a verification link', async () => {
    const { user } = await signUp(new Date());
    for (const bad of ['', 'abc', 'x'.repeat(43), '../../etc/passwd']) {
      await expect(verifyEmail(store.db, bad)).rejects.toMatchObject({ details: { reason: 'unknown' } });
    }
    const reset = await requestPasswordReset(store.db, user.email);
    await expect(verifyEmail(store.db, reset!.resetSecret)).rejects.toMatchObject({
      details: { reason: 'unknown' },
    });
  });

  it('sends a new link to an unverified user only; the new link works and retires the old one', async () => {
    const { user, verificationSecret: first } = await signUp(new Date());
    await expect(resendVerification(store.db, ANONYMOUS)).rejects.toMatchObject({
      code: 'auth.unauthenticated',
    });
    const again = await resendVerification(store.db, userActor(user.id));
    expect(again?.verificationSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(again?.verificationSecret).not.toBe(first);
    await verifyEmail(store.db, again!.verificationSecret);
    await expect(verifyEmail(store.db, first)).rejects.toMatchObject({ details: { reason: 'used' } });
    expect(await resendVerification(store.db, userActor(user.id))).toBeNull();
  });
});
