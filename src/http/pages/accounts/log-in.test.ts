import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser, type BuiltUser } from '../../../../test/factories/accounts.ts';
import { InjectClient, loggedInClient, pageText } from '../../../../test/setup/inject-client.ts';
import { accountsOptionsFor, startSmtpServer, type TestSmtpServer } from '../../../../test/setup/smtp.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { hashSecret } from '../../../domain/accounts/secret-token.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';
import { SESSION_COOKIE } from '../../plugins/session.ts';
import { PER_EMAIL, PER_IP } from './limits.ts';

describeWithStore('pages /compte/connexion and /compte/deconnexion', () => {
  let store: Store;
  let smtp: TestSmtpServer;
  let app: FastifyInstance;
  let user: BuiltUser;
  let ip = 0;
  const nextIp = () => `198.51.100.${++ip}`;
  const sessionsOf = async (userId: string) =>
    store.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();

  beforeAll(async () => {
    store = await openTestStore();
    smtp = await startSmtpServer();
    app = await buildApp({ store, accounts: accountsOptionsFor(smtp) });
    user = await buildUser(store.db, {
      email: 'marie.acheteuse@exemple.fr',
      display_name: 'Marie Acheteuse',
    });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await store.close();
  });

  it('logs in: a signed, HttpOnly, Lax, Secure session cookie of 30 days, the name in the header', async () => {
    const browser = new InjectClient(app, nextIp());
    const anonymousHome = pageText((await browser.get('/')).body);
    expect(anonymousHome).toContain('Se connecter');
    expect(anonymousHome).not.toContain('Mon compte');

    const res = await browser.submit('/compte/connexion', '/compte/connexion', {
      email: 'MARIE.Acheteuse@exemple.fr',
      password: user.password,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte');
    const setCookie = [res.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(
      /^amont_session=[A-Za-z0-9_-]{43}\.[^;]+; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const secret = /^amont_session=([A-Za-z0-9_-]{43})\./.exec(setCookie!)![1]!;
    expect(await sessionsOf(user.id)).toEqual([{ id: hashSecret(secret) }]);

    const home = (await browser.get('/')).body;
    expect(home).toContain('<span class="amont-account-nav__name">Marie Acheteuse</span>');
    expect(home).toContain('href="/compte">Mon compte</a>');
  });

  it('answers a wrong password exactly as an unknown address: 400, one message, no cookie', async () => {
    const user = await buildUser(store.db);
    const wrong = await new InjectClient(app, nextIp()).submit('/compte/connexion', '/compte/connexion', {
      email: user.email!,
      password: 'pas le bon mot de passe',
    });
    const unknown = await new InjectClient(app, nextIp()).submit('/compte/connexion', '/compte/connexion', {
      email: 'personne@exemple.fr',
      password: 'pas le bon mot de passe',
    });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(400);
      expect(pageText(res.body)).toContain(
        'Il y a un problème Adresse électronique ou mot de passe incorrect.',
      );
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain(SESSION_COOKIE);
    }
    const withoutInput = (html: string) => pageText(html.replace(/<input[^>]*>/g, ''));
    expect(withoutInput(wrong.body)).toBe(withoutInput(unknown.body));
  });

  it('opens a new session at each login and closes the previous one (no fixation)', async () => {
    const user = await buildUser(store.db);
    const browser = await loggedInClient(app, { email: user.email!, password: user.password }, nextIp());
    const first = browser.cookies.get(SESSION_COOKIE)!;
    await browser.submit('/compte/connexion?deconnexion=1', '/compte/connexion', {
      email: user.email!,
      password: user.password,
    });
    const second = browser.cookies.get(SESSION_COOKIE)!;
    expect(second).not.toBe(first);
    const replay = new InjectClient(app, nextIp());
    replay.cookies.set(SESSION_COOKIE, first);
    const res = await replay.get('/compte');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/connexion?retour=%2Fcompte');
    expect(replay.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('goes back to the page asked for, but never to another site', async () => {
    const user = await buildUser(store.db);
    const page = '/compte/connexion?retour=%2Ffournisseurs%3Fq%3Dlyon';
    const form = (await new InjectClient(app, nextIp()).get(page)).body;
    expect(form).toContain('<input type="hidden" name="retour" value="/fournisseurs?q=lyon">');
    const back = await new InjectClient(app, nextIp()).submit(page, '/compte/connexion', {
      email: user.email!,
      password: user.password,
      retour: '/fournisseurs?q=lyon',
    });
    expect(back.headers.location).toBe('/fournisseurs?q=lyon');
    for (const evil of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const res = await new InjectClient(app, nextIp()).submit('/compte/connexion', '/compte/connexion', {
        email: user.email!,
        password: user.password,
        retour: evil,
      });
      expect(res.headers.location, evil).toBe('/compte');
    }
  });

  it('ignores a session cookie with a forged signature, and clears it', async () => {
    const user = await buildUser(store.db);
    const browser = await loggedInClient(app, { email: user.email!, password: user.password }, nextIp());
    const [secret] = browser.cookies.get(SESSION_COOKIE)!.split('.');
    browser.cookies.set(SESSION_COOKIE, `${secret}.signature-inventee`);
    const res = await browser.get('/');
    expect(res.body).not.toContain('Mon compte');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
  });

  it('logs out: this session is closed, the cookie cleared, the others stay open', async () => {
    const user = await buildUser(store.db);
    const here = await loggedInClient(app, { email: user.email!, password: user.password }, nextIp());
    const elsewhere = await loggedInClient(app, { email: user.email!, password: user.password }, nextIp());
    const res = await here.submit('/compte', '/compte/deconnexion', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/connexion?deconnexion=1');
    expect(here.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(pageText((await here.get('/compte/connexion?deconnexion=1')).body)).toContain(
      'Vous êtes déconnecté.',
    );
    expect((await here.get('/compte')).statusCode).toBe(303);
    expect((await elsewhere.get('/compte')).statusCode).toBe(200);
  });

  it(`answers 429 after ${PER_EMAIL.max} attempts on one address, even from several places`, async () => {
    const target = await buildUser(store.db);
    for (let i = 0; i < PER_EMAIL.max; i++) {
      const res = await new InjectClient(app, nextIp()).submit('/compte/connexion', '/compte/connexion', {
        email: target.email!,
        password: `essai ${i} qui échoue`,
      });
      expect(res.statusCode).toBe(400);
    }
    const blocked = await new InjectClient(app, nextIp()).submit('/compte/connexion', '/compte/connexion', {
      email: target.email!.toUpperCase(),
      password: target.password,
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toMatch(/^\d+$/);
    expect(pageText(blocked.body)).toContain('Trop de tentatives');
    expect(await sessionsOf(target.id)).toEqual([]);
  });

  it(`answers 429 after ${PER_IP.max} attempts from one IP, whatever the addresses`, async () => {
    const user = await buildUser(store.db);
    const browser = new InjectClient(app, '203.0.113.9');
    for (let i = 0; i < PER_IP.max; i++) {
      const res = await browser.submit('/compte/connexion', '/compte/connexion', {
        email: `inconnu-${i}@exemple.fr`,
        password: 'un mot de passe',
      });
      expect(res.statusCode, `attempt ${i + 1}`).toBe(400);
    }
    const res = await browser.submit('/compte/connexion', '/compte/connexion', {
      email: user.email!,
      password: user.password,
    });
    expect(res.statusCode).toBe(429);
    // Another address is not concerned.
    expect(
      (await loggedInClient(app, { email: user.email!, password: user.password }, nextIp())).cookies.has(
        SESSION_COOKIE,
      ),
    ).toBe(true);
  });

  it('keeps public pages open without an account, and without any cookie', async () => {
    const visitor = new InjectClient(app, nextIp());
    for (const url of ['/', '/fournisseurs', '/donnees', '/api/v1/suppliers']) {
      const res = await visitor.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
  });
});
