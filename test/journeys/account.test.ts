import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../setup/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.ts';
import { accountsOptionsFor, linkIn, startSmtpServer, type TestSmtpServer } from '../setup/smtp.ts';
import { startApp, type RunningApp } from '../setup/start-app.ts';
import { openTestStore } from '../setup/test-store.ts';

/**
 * Browser journey of an account: sign up, receive the verification mail on a real SMTP server (in this
 * process), follow its link, log in on two devices, see both sessions, log out everywhere. Runs in the
 * pglite project only (test/ is not in the postgres project). Uses Debian's chromium; never downloads a
 * browser.
 */

const EMAIL = 'Claire.Dupuis@Mairie-Exemple.fr';
const PASSWORD = 'le marché de la cantine bio';

async function logIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/compte/connexion`);
  await page.locator('#email').fill(EMAIL);
  await page.locator('#password').fill(PASSWORD);
  await Promise.all([
    page.waitForURL(/\/compte$/),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

describe('journey: an account from sign-up to « se déconnecter partout »', () => {
  let store: Store;
  let smtp: TestSmtpServer;
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    store = await openTestStore();
    smtp = await startSmtpServer();
    running = await startApp(store, { accounts: accountsOptionsFor(smtp, 'http://amont.test') });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await smtp?.close();
    await store?.close();
  });

  it('a buyer signs up, confirms the address from the mail, logs in twice and logs out everywhere', async () => {
    const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await laptop.newPage();
    const pageErrors: string[] = [];
    const foreign: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(running.baseUrl)) {
        foreign.push(r.url());
      }
    });

    // From the header of any public page.
    await page.goto(`${running.baseUrl}/`);
    await Promise.all([
      page.waitForURL(/\/compte\/connexion$/),
      page.getByRole('link', { name: 'Se connecter' }).click(),
    ]);
    await Promise.all([
      page.waitForURL(/\/compte\/inscription$/),
      page.getByRole('link', { name: 'Créer un compte' }).click(),
    ]);
    await page.getByLabel('Votre nom').fill('Claire Dupuis');
    await page.getByLabel('Adresse électronique').fill(EMAIL);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/compte\/inscription\/envoye$/),
      page.getByRole('button', { name: 'Créer mon compte' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Consultez votre messagerie');

    const mail = await smtp.waitForMail(EMAIL.toLowerCase());
    expect(mail.subject).toBe('Confirmez votre adresse électronique – Amont');
    const link = linkIn(mail, '/compte/verification/');
    expect(link.startsWith('http://amont.test/compte/verification/')).toBe(true);
    await page.goto(`${running.baseUrl}${new URL(link).pathname}`);
    expect(await page.locator('h1').innerText()).toBe('Adresse électronique confirmée');
    await Promise.all([
      page.waitForURL(/\/compte\/connexion$/),
      page.getByRole('link', { name: 'Se connecter' }).last().click(),
    ]);

    await logIn(page, running.baseUrl);
    expect(await page.locator('h1').innerText()).toBe('Mon compte');
    expect(await page.locator('.amont-account-nav__name').innerText()).toBe('Claire Dupuis');
    expect(await page.locator('.amont-account-summary').innerText()).toContain(
      'claire.dupuis@mairie-exemple.fr',
    );
    expect(await page.locator('.amont-account-summary').innerText()).toContain('vérifiée');
    const cookies = await laptop.cookies();
    expect(cookies.find((c) => c.name === 'amont_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });

    // A second device.
    const phone = await browser.newContext({ locale: 'fr-FR' });
    const phonePage = await phone.newPage();
    await logIn(phonePage, running.baseUrl);
    await page.reload();
    const sessions = page.locator('table.amont-sessions tbody tr');
    expect(await sessions.count()).toBe(2);
    expect(await sessions.first().innerText()).toContain('cet appareil');
    expect(await sessions.first().innerText()).toContain('Chrome sur Linux');
    await page.screenshot({ path: '/tmp/amont-account.png', fullPage: true });

    await Promise.all([
      page.waitForURL(/\/compte\/connexion\?deconnexion=partout$/),
      page.getByRole('button', { name: 'Se déconnecter partout' }).click(),
    ]);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Vous êtes déconnecté de tous vos appareils.',
    );
    expect(await page.locator('.amont-account-nav').innerText()).toBe('Se connecter');
    await phonePage.goto(`${running.baseUrl}/compte`);
    expect(phonePage.url()).toBe(`${running.baseUrl}/compte/connexion?retour=%2Fcompte`);
    expect(await store.db.selectFrom('sessions').select('id').execute()).toEqual([]);

    expect(pageErrors).toEqual([]);
    expect(foreign).toEqual([]);
    await phone.close();
    await laptop.close();
  });
});
