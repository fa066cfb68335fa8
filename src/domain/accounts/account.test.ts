import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  emailError,
  loadCommonPasswords,
  normalizeEmail,
  passwordError,
  PASSWORD_MIN_LENGTH,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_MAX_LIFETIME_MS,
  sessionExpiry,
} from './account.ts';
import { can } from './account.policy.ts';
import { ANONYMOUS, userActor } from './actor.ts';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { hashSecret, newSecret } from './secret-token.ts';

describe('normalizeEmail and emailError', () => {
  it('folds case, trims and normalises Unicode, so that one address is one account', () => {
    expect(normalizeEmail('  Marie.DUPONT@Mairie-Exemple.FR ')).toBe('marie.dupont@mairie-exemple.fr');
    expect(normalizeEmail('e\u0301lodie@exemple.fr')).toBe('\u00e9lodie@exemple.fr');
  });

  it('accepts ordinary addresses and names what is wrong with the others', () => {
    expect(emailError('prenom.nom+amont@exemple.fr')).toBeNull();
    expect(emailError('')).toBe('Saisissez votre adresse électronique.');
    expect(emailError('prenom.nom')).toContain('adresse électronique valide');
    expect(emailError('prenom@intranet')).toContain('adresse électronique valide');
    expect(emailError(`${'a'.repeat(250)}@exemple.fr`)).toContain('254 caractères');
  });
});

describe('passwordError', () => {
  it('requires 12 characters, counted as characters and not bytes', () => {
    expect(passwordError('court')).toContain(`au moins ${PASSWORD_MIN_LENGTH} caractères`);
    expect(passwordError('éléphant-vé')).toContain('au moins 12');
    expect(passwordError('éléphant-vélo rose')).toBeNull();
    expect(passwordError('')).toBe('Saisissez un mot de passe.');
    expect(passwordError('x'.repeat(257))).toContain('256 caractères');
  });

  it('refuses every password of the common list, in any case', () => {
    const list = fs
      .readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(list.length).toBeGreaterThan(100);
    expect(loadCommonPasswords().size).toBe(new Set(list.map((l) => l.trim().toLowerCase())).size);
    for (const common of list) {
      expect(passwordError(common), common).toContain('trop courant');
      expect(passwordError(common.toUpperCase()), common).toContain('trop courant');
    }
  });

  it('refuses one or two characters repeated, and the e-mail address itself', () => {
    expect(passwordError('abababababababab')).toContain('trop courant');
    expect(passwordError('marie.dupont@exemple.fr', { email: 'marie.dupont@exemple.fr' })).toContain(
      'votre adresse électronique',
    );
    expect(passwordError('Marie.Dupont1', { email: 'marie.dupont1@exemple.fr' })).toContain(
      'votre adresse électronique',
    );
  });
});

describe('sessionExpiry', () => {
  it('slides 7 days after the activity but never beyond 30 days after the login', () => {
    const login = new Date('2026-12-01T08:00:00Z');
    expect(sessionExpiry(login, login).getTime()).toBe(login.getTime() + SESSION_IDLE_TIMEOUT_MS);
    const day26 = new Date(login.getTime() + 26 * 86_400_000);
    expect(sessionExpiry(login, day26).getTime()).toBe(login.getTime() + SESSION_MAX_LIFETIME_MS);
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at the OWASP setting and verifies only the right password', async () => {
    const stored = await hashPassword('une phrase de passe assez longue');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(stored, 'une phrase de passe assez longue')).toBe(true);
    expect(await verifyPassword(stored, 'une phrase de passe assez longuE')).toBe(false);
    expect(await verifyPassword(null, 'une phrase de passe assez longue')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA')).toBe(true);
  });
});

describe('secrets', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256', () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('account policy', () => {
  it('lets a user act on their own account only, and nobody anonymous', () => {
    const mine = { id: 'a1' };
    expect(can(userActor('a1'), 'delete', mine)).toBe(true);
    expect(can(userActor('b2'), 'delete', mine)).toBe(false);
    expect(can(ANONYMOUS, 'read', mine)).toBe(false);
  });
});
