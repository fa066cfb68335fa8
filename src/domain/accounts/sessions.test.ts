import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../test/factories/accounts.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { DomainError } from '../shared/index.ts';
import { SESSION_IDLE_TIMEOUT_MS, SESSION_MAX_LIFETIME_MS } from './account.ts';
import { ANONYMOUS, userActor } from './actor.ts';
import { deleteMyAccount } from './my-account.ts';
import { hashSecret } from './secret-token.ts';
import { logIn, logOut, logOutEverywhere, resumeSession } from './sessions.ts';

const HOUR = 3600_000;

describeWithStore('sessions', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  const sessionCount = async (userId: string) =>
    (await store.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

  it('logs in with the address in any case, storing only the hash of the cookie secret', async () => {
    const user = await buildUser(store.db, { email: 'acheteuse@exemple.fr' });
    const now = new Date('2026-12-01T09:00:00Z');
    const result = await logIn(
      store.db,
      { email: 'Acheteuse@EXEMPLE.fr', password: user.password },
      { now, origin: { userAgent: 'Firefox 140', ip: '192.0.2.7' } },
    );
    expect(result.user.id).toBe(user.id);
    expect(result.session).toMatchObject({
      id: hashSecret(result.secret),
      userAgent: 'Firefox 140',
      ip: '192.0.2.7',
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_IDLE_TIMEOUT_MS),
    });
    const stored = await store.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(stored).toEqual([{ id: hashSecret(result.secret) }]);
  });

  it('answers a wrong password exactly as an unknown address or a deleted account', async () => {
    const user = await buildUser(store.db);
    const deleted = await buildUser(store.db);
    await deleteMyAccount(store.db, userActor(deleted.id), deleted.password);
    const failures = await Promise.all([
      logIn(store.db, { email: user.email!, password: `${user.password}!` }).catch((e: unknown) => e),
      logIn(store.db, { email: 'personne@exemple.fr', password: user.password }).catch((e: unknown) => e),
      logIn(store.db, { email: deleted.email!, password: deleted.password }).catch((e: unknown) => e),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(DomainError);
    }
    const shapes = failures.map((f) => {
      const e = f as DomainError;
      return { code: e.code, userMessage: e.userMessage, details: e.details };
    });
    expect(shapes[0]).toEqual({
      code: 'account.invalid_credentials',
      userMessage: 'Adresse électronique ou mot de passe incorrect.',
      details: { fields: { email: 'Adresse électronique ou mot de passe incorrect.' } },
    });
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('names the empty fields', async () => {
    await expect(logIn(store.db, { email: ' ', password: '' })).rejects.toMatchObject({
      code: 'account.invalid',
      details: {
        fields: { email: 'Saisissez votre adresse électronique.', password: 'Saisissez votre mot de passe.' },
      },
    });
  });

  it('gives a new session id at each login and closes the one the browser presented', async () => {
    const user = await buildUser(store.db);
    const first = await logIn(store.db, { email: user.email!, password: user.password });
    const second = await logIn(
      store.db,
      { email: user.email!, password: user.password },
      { previousSecret: first.secret },
    );
    expect(second.secret).not.toBe(first.secret);
    expect(await resumeSession(store.db, first.secret)).toBeNull();
    expect((await resumeSession(store.db, second.secret))?.actor).toEqual(userActor(user.id));
    expect(await sessionCount(user.id)).toBe(1);
  });

  it('slides the expiry with activity, up to 30 days after the login', async () => {
    const user = await buildUser(store.db);
    const t0 = new Date('2026-12-01T09:00:00Z');
    const { secret } = await logIn(store.db, { email: user.email!, password: user.password }, { now: t0 });
    // Activity every 6 days keeps it alive (idle timeout 7 days)…
    for (let day = 6; day <= 24; day += 6) {
      const now = new Date(t0.getTime() + day * 24 * HOUR);
      const resumed = await resumeSession(store.db, secret, { now });
      expect(resumed?.session.lastSeenAt, `day ${day}`).toEqual(now);
      expect(resumed?.session.expiresAt.getTime()).toBe(
        Math.min(now.getTime() + SESSION_IDLE_TIMEOUT_MS, t0.getTime() + SESSION_MAX_LIFETIME_MS),
      );
    }
    // …but not beyond 30 days after the login.
    const day29 = new Date(t0.getTime() + 29 * 24 * HOUR);
    expect(await resumeSession(store.db, secret, { now: day29 })).not.toBeNull();
    const day30 = new Date(t0.getTime() + SESSION_MAX_LIFETIME_MS);
    expect(await resumeSession(store.db, secret, { now: day30 })).toBeNull();
  });

  it('ends a session after 7 days without activity', async () => {
    const user = await buildUser(store.db);
    const t0 = new Date('2026-12-01T09:00:00Z');
    const { secret } = await logIn(store.db, { email: user.email!, password: user.password }, { now: t0 });
    const idle = new Date(t0.getTime() + SESSION_IDLE_TIMEOUT_MS);
    expect(await resumeSession(store.db, secret, { now: new Date(idle.getTime() - 1000) })).not.toBeNull();
    // The previous call was 1 s before the limit: it slid the expiry a week further.
    expect(await resumeSession(store.db, secret, { now: idle })).not.toBeNull();
    const later = new Date(idle.getTime() + SESSION_IDLE_TIMEOUT_MS + 1000);
    expect(await resumeSession(store.db, secret, { now: later })).toBeNull();
  });

  it('logs out of one session, then of all of them', async () => {
    const user = await buildUser(store.db);
    const other = await buildUser(store.db);
    const credentials = { email: user.email!, password: user.password };
    const [a, b, c] = [
      await logIn(store.db, credentials),
      await logIn(store.db, credentials),
      await logIn(store.db, credentials),
    ];
    const kept = await logIn(store.db, { email: other.email!, password: other.password });
    expect(await logOut(store.db, a.secret)).toBe(true);
    expect(await logOut(store.db, a.secret)).toBe(false);
    expect(await resumeSession(store.db, a.secret)).toBeNull();
    await expect(logOutEverywhere(store.db, ANONYMOUS)).rejects.toMatchObject({
      code: 'auth.unauthenticated',
    });
    expect(await logOutEverywhere(store.db, userActor(user.id))).toBe(2);
    expect(await resumeSession(store.db, b.secret)).toBeNull();
    expect(await resumeSession(store.db, c.secret)).toBeNull();
    expect(await resumeSession(store.db, kept.secret)).not.toBeNull();
  });
});
