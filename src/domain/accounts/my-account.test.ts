import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../test/factories/accounts.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { ANONYMOUS, userActor } from './actor.ts';
import { deleteMyAccount, exportMyAccount, getMyAccount } from './my-account.ts';
import { registerAccount } from './register-account.ts';
import { requestPasswordReset } from './reset-password.ts';
import { logIn, resumeSession } from './sessions.ts';

describeWithStore('my account', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('lists my open sessions, most recently used first, and refuses the anonymous', async () => {
    const user = await buildUser(store.db);
    const t0 = new Date();
    const credentials = { email: user.email!, password: user.password };
    const a = await logIn(store.db, credentials, {
      now: new Date(t0.getTime() - 60_000),
      origin: { userAgent: 'A' },
    });
    const b = await logIn(store.db, credentials, { now: t0, origin: { userAgent: 'B' } });
    const mine = await getMyAccount(store.db, userActor(user.id));
    expect(mine.user).toMatchObject({ id: user.id, email: user.email, displayName: user.display_name });
    expect(mine.sessions.map((s) => [s.id, s.userAgent])).toEqual([
      [b.session.id, 'B'],
      [a.session.id, 'A'],
    ]);
    await expect(getMyAccount(store.db, ANONYMOUS)).rejects.toMatchObject({ code: 'auth.unauthenticated' });
  });

  it('exports every personal datum and no secret', async () => {
    const user = await buildUser(store.db, { display_name: 'Zoé Export' });
    const now = new Date('2026-12-02T12:00:00Z');
    const session = await logIn(
      store.db,
      { email: user.email!, password: user.password },
      { now: new Date('2026-12-02T11:00:00Z'), origin: { userAgent: 'Chromium', ip: '198.51.100.4' } },
    );
    const link = await requestPasswordReset(store.db, user.email!, { now: new Date('2026-12-02T11:30:00Z') });
    const data = await exportMyAccount(store.db, userActor(user.id), { now });
    expect(data).toEqual({
      exportedAt: '2026-12-02T12:00:00.000Z',
      account: {
        id: user.id,
        email: user.email,
        displayName: 'Zoé Export',
        createdAt: user.created_at.toISOString(),
        emailVerifiedAt: user.email_verified_at!.toISOString(),
      },
      sessions: [
        {
          createdAt: '2026-12-02T11:00:00.000Z',
          lastSeenAt: '2026-12-02T11:00:00.000Z',
          expiresAt: '2026-12-09T11:00:00.000Z',
          userAgent: 'Chromium',
          ip: '198.51.100.4',
        },
      ],
      emailLinks: [
        {
          purpose: 'reset',
          createdAt: '2026-12-02T11:30:00.000Z',
          expiresAt: '2026-12-02T12:30:00.000Z',
          usedAt: null,
        },
      ],
    });
    const text = JSON.stringify(data);
    for (const secret of [user.password_hash!, session.secret, session.session.id, link!.resetSecret]) {
      expect(text).not.toContain(secret);
    }
  });

  it('deletes my account only with my password: personal data erased, sessions closed, id kept', async () => {
    const user = await buildUser(store.db, { email: 'a-effacer@exemple.fr', display_name: 'À effacer' });
    const session = await logIn(store.db, { email: user.email!, password: user.password });
    await requestPasswordReset(store.db, user.email!);
    await expect(
      deleteMyAccount(store.db, userActor(user.id), 'pas le bon mot de passe'),
    ).rejects.toMatchObject({
      code: 'account.invalid',
      details: { fields: { password: 'Le mot de passe est incorrect.' } },
    });
    await expect(deleteMyAccount(store.db, ANONYMOUS, user.password)).rejects.toMatchObject({
      code: 'auth.unauthenticated',
    });
    const now = new Date('2026-12-03T08:00:00Z');
    await deleteMyAccount(store.db, userActor(user.id), user.password, { now });
    const row = await store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      email: null,
      password_hash: null,
      display_name: null,
      email_verified_at: null,
      deleted_at: now,
    });
    expect(
      await store.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute(),
    ).toEqual([]);
    expect(
      await store.db.selectFrom('email_tokens').select('id').where('user_id', '=', user.id).execute(),
    ).toEqual([]);
    expect(await resumeSession(store.db, session.secret)).toBeNull();
    await expect(getMyAccount(store.db, userActor(user.id))).rejects.toMatchObject({
      code: 'auth.unauthenticated',
    });
    // The address is free again.
    const again = await registerAccount(store.db, {
      email: 'a-effacer@exemple.fr',
      password: 'je reviens avec un autre',
      displayName: 'De retour',
    });
    expect(again.outcome).toBe('created');
    expect(again.user.id).not.toBe(user.id);
  });
});
