import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../test/factories/accounts.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { DomainError } from '../shared/index.ts';
import { hashSecret } from './secret-token.ts';
import { registerAccount } from './register-account.ts';

describeWithStore('registerAccount', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates an unverified account with an argon2id hash and a 48-hour verification link', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const result = await registerAccount(
      store.db,
      {
        email: ' Claire.Martin@Mairie-Exemple.fr ',
        password: 'le bureau est au fond',
        displayName: ' Claire ',
      },
      { now },
    );
    expect(result.outcome).toBe('created');
    if (result.outcome !== 'created') {
      return;
    }
    expect(result.user).toMatchObject({
      email: 'claire.martin@mairie-exemple.fr',
      displayName: 'Claire',
      emailVerifiedAt: null,
    });
    expect(result.user).not.toHaveProperty('passwordHash');
    const row = await store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', result.user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain('le bureau');
    const token = await store.db
      .selectFrom('email_tokens')
      .selectAll()
      .where('user_id', '=', result.user.id)
      .executeTakeFirstOrThrow();
    expect(token).toMatchObject({
      purpose: 'verify',
      used_at: null,
      token_hash: hashSecret(result.verificationSecret),
    });
    expect(token.expires_at.getTime() - now.getTime()).toBe(48 * 3600_000);
  });

  it('finds the existing account when the address differs only by case, and changes nothing', async () => {
    const owner = await buildUser(store.db, { email: 'jean.dupont@exemple.fr', display_name: 'Jean' });
    const again = await registerAccount(store.db, {
      email: 'JEAN.Dupont@Exemple.FR',
      password: 'un tout autre mot de passe',
      displayName: 'Imposteur',
    });
    expect(again).toMatchObject({ outcome: 'existing', user: { id: owner.id, displayName: 'Jean' } });
    const rows = await store.db
      .selectFrom('users')
      .select(['display_name', 'password_hash'])
      .where(sql<string>`lower(email)`, '=', 'jean.dupont@exemple.fr')
      .execute();
    expect(rows).toEqual([{ display_name: 'Jean', password_hash: owner.password_hash }]);
  });

  it('is guarded by a unique index on lower(email) in the store itself', async () => {
    await buildUser(store.db, { email: 'unique@exemple.fr' });
    await expect(buildUser(store.db, { email: 'UNIQUE@exemple.fr' })).rejects.toThrow(/users_email_key/);
  });

  it('refuses a weak password, a bad address and an empty name all at once, naming each field', async () => {
    const error = await registerAccount(store.db, {
      email: 'pas-une-adresse',
      password: 'motdepasse123',
      displayName: '   ',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'account.invalid', details: { field: 'displayName' } });
    const fields = (error as DomainError).details?.fields as Record<string, string>;
    expect(Object.keys(fields).sort()).toEqual(['displayName', 'email', 'password']);
    expect(fields.password).toContain('trop courant');
    expect(fields.email).toContain('adresse électronique valide');
    const short = await registerAccount(store.db, {
      email: 'court@exemple.fr',
      password: 'onze-signes',
      displayName: 'Court',
    }).catch((e: unknown) => e);
    expect((short as DomainError).details?.fields).toEqual({
      password: 'Le mot de passe doit comporter au moins 12 caractères.',
    });
    const count = await store.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email', 'in', ['court@exemple.fr', 'pas-une-adresse'])
      .executeTakeFirstOrThrow();
    expect(count.n).toBe('0');
  });
});
