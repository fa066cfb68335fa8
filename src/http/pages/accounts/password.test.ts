import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { InjectClient, loggedInClient, pageText } from '../../../../test/setup/inject-client.ts';
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

describeWithStore('pages /compte/mot-de-passe-oublie and /compte/mot-de-passe/:token', () => {
  let store: Store;
  let smtp: TestSmtpServer;
  let app: FastifyInstance;
  let ip = 0;
  const client = () => new InjectClient(app, `192.0.2.${++ip}`);

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

  it('mails a one-hour link; the new password replaces the old one and closes every session', async () => {
    const user = await buildUser(store.db, { display_name: 'Paul Oublieux' });
    const otherDevice = await loggedInClient(
      app,
      { email: user.email!, password: user.password },
      `192.0.2.${++ip}`,
    );
    const since = smtp.messages.length;
    const asked = await client().submit('/compte/mot-de-passe-oublie', '/compte/mot-de-passe-oublie', {
      email: user.email!.toUpperCase(),
    });
    expect(asked.statusCode).toBe(303);
    expect(asked.headers.location).toBe('/compte/mot-de-passe-oublie/envoye');

    const mail = await smtp.waitForMail(user.email!, { since });
    expect(mail.subject).toBe('Choisissez un nouveau mot de passe – Amont');
    expect(mail.text).toContain('Bonjour Paul Oublieux,');
    expect(mail.text).toContain('valable une heure');
    const path = new URL(linkIn(mail, '/compte/mot-de-passe/')).pathname;

    const browser = client();
    const form = await browser.get(path);
    expect(form.statusCode).toBe(200);
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    expect(form.headers['cache-control']).toBe('no-store');
    expect(pageText(form.body)).toContain(`Pour le compte ${user.email}.`);

    const weak = await browser.submit(path, path, { password: 'motdepasse123' });
    expect(weak.statusCode).toBe(400);
    expect(pageText(weak.body)).toContain('Ce mot de passe est trop courant');

    const done = await browser.submit(path, path, { password: 'mon nouveau mot de passe' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/compte/connexion?motdepasse=modifie');
    expect(pageText((await browser.get(done.headers.location as string)).body)).toContain(
      'Votre mot de passe a été modifié',
    );
    expect((await otherDevice.get('/compte')).statusCode).toBe(303);

    const old = await client().submit('/compte/connexion', '/compte/connexion', {
      email: user.email!,
      password: user.password,
    });
    expect(old.statusCode).toBe(400);
    await loggedInClient(
      app,
      { email: user.email!, password: 'mon nouveau mot de passe' },
      `192.0.2.${++ip}`,
    );

    const reused = await client().get(path);
    expect(reused.statusCode).toBe(400);
    expect(pageText(reused.body)).toContain('Ce lien a déjà servi');
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const known = await buildUser(store.db);
    await app.accounts.outbox.drain();
    const since = smtp.messages.length;
    const a = await client().submit('/compte/mot-de-passe-oublie', '/compte/mot-de-passe-oublie', {
      email: 'jamais.vu@exemple.fr',
    });
    const b = await client().submit('/compte/mot-de-passe-oublie', '/compte/mot-de-passe-oublie', {
      email: known.email!,
    });
    expect([a.statusCode, a.headers.location]).toEqual([b.statusCode, b.headers.location]);
    await smtp.waitForMail(known.email!, { since });
    await app.accounts.outbox.drain();
    expect(smtp.messages.slice(since).flatMap((m) => m.to)).toEqual([known.email]);
  });

  it('answers 400 for a malformed address and a mangled link', async () => {
    const bad = await client().submit('/compte/mot-de-passe-oublie', '/compte/mot-de-passe-oublie', {
      email: 'pas une adresse',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#email">Saisissez une adresse électronique valide');
    const link = await client().get('/compte/mot-de-passe/inexistant');
    expect(link.statusCode).toBe(400);
    expect(pageText(link.body)).toContain('Ce lien ne fonctionne pas');
    expect(link.body).toContain('href="/compte/mot-de-passe-oublie"');
  });

  it(`answers 429 after ${PER_EMAIL.max} requests for one address`, async () => {
    const user = await buildUser(store.db);
    for (let i = 0; i < PER_EMAIL.max; i++) {
      const res = await client().submit('/compte/mot-de-passe-oublie', '/compte/mot-de-passe-oublie', {
        email: user.email!,
      });
      expect(res.statusCode).toBe(303);
    }
    const res = await client().submit('/compte/mot-de-passe-oublie', '/compte/mot-de-passe-oublie', {
      email: user.email!,
    });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });
});
