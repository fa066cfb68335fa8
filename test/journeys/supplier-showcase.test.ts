import { type Browser } from 'playwright-core';
import { launchChromium } from '../setup/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindexAll } from '../../src/search/index.ts';
import type { Store } from '../../src/store/database.ts';
import { buildCpvCode, buildSupplier } from '../factories/index.ts';
import { accountsOptionsFor, linkIn, startSmtpServer, type TestSmtpServer } from '../setup/smtp.ts';
import { startApp, type RunningApp } from '../setup/start-app.ts';
import { openTestStore } from '../setup/test-store.ts';

/**
 * Browser journey of a supplier (issue 4): sign up, confirm the address from the mail, claim its company
 * by the link mailed to an address at the company's domain, write and publish a solution, then find it as
 * anyone would, through the public search page. A real SMTP server in this process receives the mails.
 * Runs in the pglite project only (test/ is not in the postgres project). Uses Debian's chromium.
 */

const EMAIL = 'camille.martin@hydrogene-littoral.fr';
const PASSWORD = 'la pile à combustible du port';
const COMPANY = 'HYDROGÈNE DU LITTORAL';

/** innerText with the no-break spaces French formatting uses turned into plain spaces. */
const plain = (text: string) =>
  text
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('journey: a supplier publishes a solution and it is found in the search', () => {
  let store: Store;
  let smtp: TestSmtpServer;
  let running: RunningApp;
  let browser: Browser;
  let siret: string;

  beforeAll(async () => {
    store = await openTestStore();
    await buildCpvCode(store.db, {
      code: '31000000',
      check_digit: '6',
      label: 'Machines, appareils, équipement et fournitures électriques',
    });
    const unit = await buildSupplier(store.db, { name: COMPANY });
    siret = unit.head_office_siret!;
    await reindexAll(store.db);
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

  it('signs up, confirms, claims the company, publishes a solution and finds it through /recherche', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const local = (link: string) => `${running.baseUrl}${new URL(link).pathname}`;

    // Sign up and confirm the address.
    await page.goto(`${running.baseUrl}/compte/inscription`);
    await page.getByLabel('Votre nom').fill('Camille Martin');
    await page.getByLabel('Adresse électronique').fill(EMAIL);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/compte\/inscription\/envoye$/),
      page.getByRole('button', { name: 'Créer mon compte' }).click(),
    ]);
    const verification = await smtp.waitForMail(EMAIL);
    await page.goto(local(linkIn(verification, '/compte/verification/')));
    expect(await page.locator('h1').innerText()).toBe('Adresse électronique confirmée');

    // Log in, on the way to the claim form.
    await page.goto(`${running.baseUrl}/organisations/rattachement`);
    expect(page.url()).toContain('/compte/connexion?retour=');
    await page.locator('#email').fill(EMAIL);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/\/organisations\/rattachement$/),
      page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);

    // Claim the company: the link goes to the account's own address, at the company's domain.
    const since = smtp.messages.length;
    await page.getByLabel('SIRET de l’établissement').fill(siret);
    await page.getByLabel('un fournisseur (entreprise, association…)').check();
    await page.getByRole('button', { name: 'Demander le rattachement' }).click();
    expect(await page.locator('h1').innerText()).toBe('Consultez votre messagerie');
    const claimMail = await smtp.waitForMail(EMAIL, { since });
    expect(claimMail.subject).toBe(`Confirmez votre rattachement à ${COMPANY} – Amont`);
    await page.goto(local(linkIn(claimMail, '/organisations/rattachement/')));
    expect(await page.locator('h1').innerText()).toBe('Rattachement confirmé');
    await Promise.all([
      page.waitForURL(new RegExp(`/mon-organisation/${siret}$`)),
      page.getByRole('link', { name: `Gérer ${COMPANY}` }).click(),
    ]);

    // Write the solution, then publish it.
    await Promise.all([
      page.waitForURL(/\/solutions\/nouvelle$/),
      page.getByRole('button', { name: 'Ajouter une solution' }).click(),
    ]);
    await page.getByLabel('Titre').fill('Borne de recharge à hydrogène portuaire');
    await page.getByLabel('Résumé').fill('Une pile à combustible qui alimente les navires à quai.');
    await page.getByLabel('Codes CPV').fill('31000000-6');
    await page.getByLabel('Niveau de maturité technologique (TRL)').selectOption('7');
    await page.getByRole('radio', { name: 'Autour d’une commune' }).check();
    await page.getByLabel('Commune (autour d’une commune)').fill('35238');
    await page.getByLabel('Rayon en kilomètres').fill('150');
    await Promise.all([
      page.waitForURL(/\/mon-organisation\/solutions\/\d+\?fait=creee$/),
      page.getByRole('button', { name: 'Enregistrer le brouillon' }).click(),
    ]);
    await Promise.all([
      page.waitForURL(/\?fait=publiee$/),
      page.getByRole('button', { name: 'Publier la solution' }).click(),
    ]);
    expect(plain(await page.locator('.govuk-notification-banner').innerText())).toContain(
      'La solution est publiée : elle apparaît dans la recherche.',
    );

    // Anyone finds it through the search page, by words of the solution.
    const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await visitor.goto(`${running.baseUrl}/recherche`);
    await visitor.getByLabel('Que cherchez-vous ?').fill('pile à combustible portuaire');
    await Promise.all([
      visitor.waitForURL(/\/recherche\?q=/),
      visitor.getByRole('button', { name: 'Rechercher' }).click(),
    ]);
    const results = plain(await visitor.locator('main').innerText());
    expect(results).toContain('1 fournisseur pour « pile à combustible portuaire »');
    expect(results).toContain(COMPANY);
    expect(plain(await visitor.locator('#facette-trl').innerText())).toContain(
      'TRL 7 – démonstration en environnement opérationnel (1',
    );

    // And its public page shows the solution.
    await visitor.goto(`${running.baseUrl}/organisations/${siret}`);
    await Promise.all([
      visitor.waitForURL(/\/solutions\/\d+$/),
      visitor.getByRole('link', { name: 'Borne de recharge à hydrogène portuaire' }).click(),
    ]);
    const solution = plain(await visitor.locator('main').innerText());
    expect(solution).toContain('TRL 7 – démonstration en environnement opérationnel');
    expect(solution).toContain('Dans un rayon de 150 km autour de Rennes (35238)');
    await page.screenshot({ path: '/tmp/amont-supplier-showcase.png', fullPage: true });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
