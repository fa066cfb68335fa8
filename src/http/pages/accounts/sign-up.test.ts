import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { InjectClient, pageText } from '../../../../test/setup/inject-client.ts';
import {
  accountsOptionsFor,
  linkIn,
  startSmtpServer,
  type TestSmtpServer,
} from '../../../../test/setup/smtp.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';
import { PER_EMAIL } from './limits.ts';

describeWithStore('pages /compte/inscription and /compte/verification', () => {
  let store: Store;
  let smtp: TestSmtpServer;
  let app: FastifyInstance;
  let ip = 0;
  const client = () => new InjectClient(app, `192.0.2.${++ip}`);
  const userCount = async () =>
    Number(
      (
        await store.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    store = await openTestStore();
    smtp = await startSmtpServer();
    app = await buildApp({ store, accounts: accountsOptionsFor(smtp) });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await store.close();
  });

  it('shows the sign-up form with its anti-CSRF field, setting the CSRF cookie only then', async () => {
    const browser = client();
    const home = await browser.get('/');
    expect(home.headers['set-cookie']).toBeUndefined();
    const res = await browser.get('/compte/inscription');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /<form action="\/compte\/inscription" method="post" novalidate>\s*<input type="hidden" name="_csrf" value="[^"]{20,}">/,
    );
    expect(pageText(res.body)).toContain('Créer un compte');
    expect(res.body).toContain('autocomplete="new-password"');
    expect(res.body).toContain('data-i18n.show-password="Afficher"');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^amont_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('a visitor signs up, receives the mail on the SMTP server and follows its link once', async () => {
    const browser = client();
    const since = smtp.messages.length;
    const res = await browser.submit('/compte/inscription', '/compte/inscription', {
      displayName: 'Camille Achat',
      email: 'Camille.Achat@Mairie-Exemple.fr',
      password: 'les achats publics en amont',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/inscription/envoye');
    expect(pageText((await browser.get('/compte/inscription/envoye')).body)).toContain(
      'Consultez votre messagerie',
    );

    const mail = await smtp.waitForMail('camille.achat@mairie-exemple.fr', { since });
    expect(mail.subject).toBe('Confirmez votre adresse électronique – Amont');
    expect(mail.text).toContain('Bonjour Camille Achat,');
    const link = linkIn(mail, '/compte/verification/');
    expect(link).toMatch(/^https:\/\/amont\.test\/compte\/verification\/[A-Za-z0-9_-]{43}$/);

    const row = await store.db
      .selectFrom('users')
      .select(['email', 'email_verified_at'])
      .where('email', '=', 'camille.achat@mairie-exemple.fr')
      .executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();

    const path = new URL(link).pathname;
    const verified = await browser.get(path);
    expect(verified.statusCode).toBe(200);
    expect(verified.headers['referrer-policy']).toBe('no-referrer');
    expect(pageText(verified.body)).toContain('Adresse électronique confirmée');
    const after = await store.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('email', '=', 'camille.achat@mairie-exemple.fr')
      .executeTakeFirstOrThrow();
    expect(after.email_verified_at).toBeInstanceOf(Date);

    const again = await browser.get(path);
    expect(again.statusCode).toBe(400);
    expect(pageText(again.body)).toContain('Ce lien a déjà servi');
  });

  it('answers an existing address exactly as a new one, and mails its owner instead', async () => {
    const owner = await buildUser(store.db, { email: 'deja.inscrit@exemple.fr', display_name: 'Dominique' });
    const before = await userCount();
    const since = smtp.messages.length;
    const fresh = await client().submit('/compte/inscription', '/compte/inscription', {
      displayName: 'Quelqu’un',
      email: 'nouvelle.personne@exemple.fr',
      password: 'une phrase assez longue',
    });
    const taken = await client().submit('/compte/inscription', '/compte/inscription', {
      displayName: 'Quelqu’un',
      email: 'DEJA.Inscrit@exemple.fr',
      password: 'une phrase assez longue',
    });
    expect([taken.statusCode, taken.headers.location, taken.body]).toEqual([
      fresh.statusCode,
      fresh.headers.location,
      fresh.body,
    ]);
    expect(await userCount()).toBe(before + 1);
    const notice = await smtp.waitForMail(owner.email!, { since });
    expect(notice.subject).toBe('Vous avez déjà un compte Amont');
    expect(notice.text).toContain('Bonjour Dominique,');
    expect(linkIn(notice, '/compte/mot-de-passe-oublie')).toBe(
      'https://amont.test/compte/mot-de-passe-oublie',
    );
  });

  it('answers 400 with the govuk error summary, one message per field, and keeps what was typed', async () => {
    const res = await client().submit('/compte/inscription', '/compte/inscription', {
      displayName: '',
      email: 'pas-une-adresse',
      password: 'azertyuiop123',
    });
    expect(res.statusCode).toBe(400);
    const text = pageText(res.body);
    expect(res.body).toContain('<title>Erreur : Créer un compte – Amont</title>');
    expect(text).toContain('Il y a un problème');
    for (const [id, message] of [
      ['displayName', 'Saisissez votre nom.'],
      ['email', 'Saisissez une adresse électronique valide'],
      ['password', 'Ce mot de passe est trop courant'],
    ] as const) {
      expect(res.body).toContain(`<a href="#${id}">${message}`);
      expect(text).toContain(`Erreur : ${message}`);
    }
    expect(res.body).toMatch(/<input[^>]*id="email"[^>]*value="pas-une-adresse"/);
    expect(res.body).not.toContain('azertyuiop123');
  });

  it('refuses a form without its anti-CSRF token with a French 403, and creates nothing', async () => {
    const before = await userCount();
    const browser = client();
    await browser.get('/compte/inscription');
    const fields = {
      displayName: 'Sans jeton',
      email: 'sans.jeton@exemple.fr',
      password: 'une phrase assez longue',
    };
    for (const token of [undefined, 'faux-jeton']) {
      const res = await browser.post(
        '/compte/inscription',
        token === undefined ? fields : { ...fields, _csrf: token },
      );
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('text/html');
      expect(pageText(res.body)).toContain('Ce formulaire a expiré ou ne vient pas d’Amont');
      expect(res.body).toContain('data-error-code="auth.csrf_rejected"');
    }
    // A token taken from another browser does not match this browser's cookie.
    const other = client();
    const html = (await other.get('/compte/inscription')).body;
    const foreign = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    expect((await browser.post('/compte/inscription', { ...fields, _csrf: foreign })).statusCode).toBe(403);
    expect(await userCount()).toBe(before);
  });

  it(`answers 429 with Retry-After after ${PER_EMAIL.max} sign-ups for one address`, async () => {
    const fields = {
      displayName: 'Insistant',
      email: 'insistant@exemple.fr',
      password: 'une phrase assez longue',
    };
    for (let i = 0; i < PER_EMAIL.max; i++) {
      expect((await client().submit('/compte/inscription', '/compte/inscription', fields)).statusCode).toBe(
        303,
      );
    }
    const res = await client().submit('/compte/inscription', '/compte/inscription', fields);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(PER_EMAIL.windowMs / 1000 - 60);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(PER_EMAIL.windowMs / 1000);
    expect(pageText(res.body)).toContain('Trop de tentatives en peu de temps. Réessayez dans 15 minutes.');
  });
});
