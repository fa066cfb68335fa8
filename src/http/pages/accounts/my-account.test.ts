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
import { SESSION_COOKIE } from '../../plugins/session.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

describeWithStore('page /compte (« Mon compte »)', () => {
  let store: Store;
  let smtp: TestSmtpServer;
  let app: FastifyInstance;
  let ip = 0;
  const nextIp = () => `192.0.2.${++ip}`;
  const sessionCount = async (userId: string) =>
    (await store.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length;

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

  it('sends an anonymous visitor to the login page', async () => {
    for (const url of ['/compte', '/compte/mes-donnees']) {
      const res = await new InjectClient(app, nextIp()).get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toBe('/compte/connexion?retour=%2Fcompte');
    }
  });

  it('shows my name, address and open sessions, this one marked', async () => {
    const user = await buildUser(store.db, { display_name: 'Léa Sessions' });
    const credentials = { email: user.email!, password: user.password };
    const phone = await loggedInClient(app, credentials, '198.51.100.20', '');
    const laptop = await loggedInClient(app, credentials, '198.51.100.21', FIREFOX);
    const res = await laptop.get('/compte');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = pageText(res.body);
    expect(text).toContain(`Nom Léa Sessions Adresse électronique ${user.email} vérifiée`);
    const rows = [...res.body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
      pageText(m[1]!).trim(),
    );
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^Firefox sur Linux cet appareil 198\.51\.100\.21 /);
    expect(rows[2]).toMatch(/^Navigateur inconnu 198\.51\.100\.20 /);
    expect(pageText((await phone.get('/compte')).body)).toContain('Navigateur inconnu cet appareil');
  });

  it('logs out everywhere: every session of mine closed, others untouched', async () => {
    const user = await buildUser(store.db);
    const neighbour = await buildUser(store.db);
    const credentials = { email: user.email!, password: user.password };
    const here = await loggedInClient(app, credentials, nextIp());
    const there = await loggedInClient(app, credentials, nextIp());
    const next = await loggedInClient(
      app,
      { email: neighbour.email!, password: neighbour.password },
      nextIp(),
    );
    expect(await sessionCount(user.id)).toBe(2);
    const res = await here.submit('/compte', '/compte/deconnexion-partout', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/connexion?deconnexion=partout');
    expect(here.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount(user.id)).toBe(0);
    expect((await there.get('/compte')).statusCode).toBe(303);
    expect((await next.get('/compte')).statusCode).toBe(200);
  });

  it('refuses « log out everywhere » without the token, or with a token of another session', async () => {
    const user = await buildUser(store.db);
    const credentials = { email: user.email!, password: user.password };
    const mine = await loggedInClient(app, credentials, nextIp());
    expect((await mine.post('/compte/deconnexion-partout', {})).statusCode).toBe(403);
    // A token rendered for my other session is bound to it: it does not work with this one.
    const other = await loggedInClient(app, credentials, nextIp());
    const foreign = /action="\/compte\/deconnexion-partout"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(
      (await other.get('/compte')).body,
    )![1]!;
    mine.cookies.set('amont_csrf', other.cookies.get('amont_csrf')!);
    expect((await mine.post('/compte/deconnexion-partout', { _csrf: foreign })).statusCode).toBe(403);
    expect(await sessionCount(user.id)).toBe(2);
  });

  it('downloads my data as a JSON file', async () => {
    const user = await buildUser(store.db, { display_name: 'Export Export' });
    const browser = await loggedInClient(
      app,
      { email: user.email!, password: user.password },
      '198.51.100.77',
    );
    const res = await browser.get('/compte/mes-donnees');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="amont-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = res.json();
    expect(data.account).toEqual({
      id: user.id,
      email: user.email,
      displayName: 'Export Export',
      createdAt: user.created_at.toISOString(),
      emailVerifiedAt: user.email_verified_at!.toISOString(),
    });
    expect(data.sessions).toHaveLength(1);
    expect(data.sessions[0].ip).toBe('198.51.100.77');
    expect(res.body).not.toContain(user.password_hash!);
  });

  it('deletes my account after checking my password; the address may sign up again', async () => {
    const user = await buildUser(store.db, { email: 'partir@exemple.fr' });
    const browser = await loggedInClient(app, { email: user.email!, password: user.password }, nextIp());
    const wrong = await browser.submit('/compte', '/compte/suppression', { password: 'pas le mien du tout' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('<a href="#password">Le mot de passe est incorrect.');
    expect(await sessionCount(user.id)).toBe(1);

    const done = await browser.submit('/compte', '/compte/suppression', { password: user.password });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/compte/supprime');
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(pageText((await browser.get('/compte/supprime')).body)).toContain('Votre compte est supprimé');
    const row = await store.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect([row.email, row.display_name, row.password_hash]).toEqual([null, null, null]);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect(await sessionCount(user.id)).toBe(0);
    const again = await new InjectClient(app, nextIp()).submit('/compte/inscription', '/compte/inscription', {
      displayName: 'De retour',
      email: 'partir@exemple.fr',
      password: 'une nouvelle vie commence',
    });
    expect(again.statusCode).toBe(303);
  });

  it('sends a new confirmation link to an unverified address', async () => {
    const user = await buildUser(store.db, { email_verified_at: null });
    const browser = await loggedInClient(app, { email: user.email!, password: user.password }, nextIp());
    const page = pageText((await browser.get('/compte')).body);
    expect(page).toContain('non vérifiée');
    const since = smtp.messages.length;
    const res = await browser.submit('/compte', '/compte/verification', {});
    expect(res.headers.location).toBe('/compte?courriel=renvoye');
    expect(pageText((await browser.get('/compte?courriel=renvoye')).body)).toContain(
      'Un nouveau courriel de confirmation vous a été envoyé.',
    );
    const mail = await smtp.waitForMail(user.email!, { since });
    const verified = await browser.get(new URL(linkIn(mail, '/compte/verification/')).pathname);
    expect(pageText(verified.body)).toContain('Adresse électronique confirmée');
    expect(pageText((await browser.get('/compte')).body)).not.toContain('non vérifiée');
  });
});
