import { type Browser } from 'playwright-core';
import { launchChromium } from '../setup/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePlanning, formatFrenchDateTime } from '../../src/domain/planning/index.ts';
import type { Store } from '../../src/store/database.ts';
import { minimalPdf } from '../fixtures/documents/documents.ts';
import { buildBuyerMember, type BuiltMember } from '../factories/projects.ts';
import { startApp, type RunningApp } from '../setup/start-app.ts';
import { openTestStore } from '../setup/test-store.ts';

/**
 * Browser journey of a buyer (issue 5): a member of a verified buyer organisation (claimed by the real
 * claim commands: an address at the buyer's domain, then the link) logs in, creates a purchase project,
 * adds two lots and a study (a PDF made here), publishes the project, and sees its retro-planning on the
 * public page as any visitor does. Runs in the pglite project only (test/ is not in the postgres project).
 * Uses Debian's chromium; never downloads a browser.
 */

/** innerText with the no-break spaces French formatting uses turned into plain spaces. */
const plain = (text: string) =>
  text
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('journey: a buyer publishes a purchase project and sees its retro-planning', () => {
  let store: Store;
  let running: RunningApp;
  let browser: Browser;
  let buyer: BuiltMember;

  beforeAll(async () => {
    store = await openTestStore();
    buyer = await buildBuyerMember(store.db, 'Ville de Lorient');
    running = await startApp(store);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await store?.close();
  });

  it('logs in, creates a project with two lots and a study, publishes it and reads its retro-planning', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    const siret = buyer.organisation.siret;

    // The buyer pages need a login: Amont asks for it and comes back.
    await page.goto(`${running.baseUrl}/mon-organisation/${siret}/projets/nouveau`);
    expect(page.url()).toContain('/compte/connexion?retour=');
    await page.locator('#email').fill(buyer.user.email!);
    await page.locator('#password').fill(buyer.user.password);
    await Promise.all([
      page.waitForURL(new RegExp(`/mon-organisation/${siret}/projets/nouveau$`)),
      page.getByRole('button', { name: 'Se connecter' }).click(),
    ]);

    // The draft.
    await page.getByLabel('Titre du projet').fill('Rénovation énergétique des écoles');
    await page
      .getByLabel('Le besoin, décrit comme un problème à résoudre')
      .fill(
        'Les écoles consomment trop de chauffage ; nous cherchons comment réduire la facture sans travaux lourds.',
      );
    await page.getByLabel('Procédure envisagée').selectOption('AOO');
    await page.getByLabel('Codes CPV').fill('45321000 71314300');
    await page.getByLabel('Valeur estimée').fill('950 000');
    await page.getByLabel('Lieu d’exécution').selectOption('commune');
    await page.getByLabel('Code INSEE du lieu').fill('56121');
    await page.getByLabel('Date de notification visée').fill('30/09/2027');
    await page.getByLabel('La transition vers une économie circulaire').check();
    await Promise.all([
      page.waitForURL(/\/mon-organisation\/projets\/\d+\?fait=cree$/),
      page.getByRole('button', { name: 'Créer le brouillon' }).click(),
    ]);
    const manageUrl = page.url().replace(/\?.*$/, '');
    const id = Number(manageUrl.split('/').at(-1));
    expect(plain(await page.locator('.govuk-notification-banner').innerText())).toContain(
      'Le projet a été créé (brouillon)',
    );

    // Two lots, the first with its criteria, the second allowing variants.
    const addLot = page.locator('form.amont-add-lot');
    await addLot.locator('#new-lot-title').fill('Isolation des combles');
    await addLot.locator('#new-lot-estimatedValue').fill('600 000');
    await addLot.locator('#new-lot-crit-price').fill('50');
    await addLot.locator('#new-lot-crit-technical').fill('30');
    await addLot.locator('#new-lot-crit-environmental').fill('20');
    await Promise.all([
      page.waitForURL(/\?fait=lot$/),
      addLot.getByRole('button', { name: 'Ajouter le lot' }).click(),
    ]);
    await page.locator('form.amont-add-lot #new-lot-title').fill('Pilotage du chauffage');
    await page.locator('form.amont-add-lot #new-lot-variants-3').check();
    await page
      .locator('form.amont-add-lot #new-lot-variantMinimumRequirements')
      .fill('Protocoles ouverts, données exportables.');
    await Promise.all([
      page.waitForURL(/\?fait=lot$/),
      page.locator('form.amont-add-lot').getByRole('button', { name: 'Ajouter le lot' }).click(),
    ]);

    // A study, a PDF made here.
    const pdf = minimalPdf('Audit energetique des ecoles');
    await page.locator('#study-title').fill('Audit énergétique');
    await page
      .locator('#file')
      .setInputFiles({ name: 'audit.pdf', mimeType: 'application/pdf', buffer: pdf });
    await Promise.all([
      page.waitForURL(/\?fait=etude$/),
      page.getByRole('button', { name: 'Envoyer l’étude' }).click(),
    ]);

    // Publish.
    await Promise.all([
      page.waitForURL(/\?fait=publie$/),
      page.getByRole('button', { name: 'Publier le projet' }).click(),
    ]);
    await page.screenshot({ path: '/tmp/amont-project-manage.png', fullPage: true });

    // The public page, as any visitor sees it.
    const visitor = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR' });
    const publicPage = await visitor.newPage();
    publicPage.on('pageerror', (e) => pageErrors.push(String(e)));
    await publicPage.goto(`${running.baseUrl}/projets`);
    await Promise.all([
      publicPage.waitForURL(new RegExp(`/projets/${id}$`)),
      publicPage.getByRole('link', { name: 'Rénovation énergétique des écoles' }).click(),
    ]);
    expect(await publicPage.locator('h1').innerText()).toContain('Rénovation énergétique des écoles');
    const lots = plain(await publicPage.locator('table.amont-project-lots').innerText());
    expect(lots).toContain('Isolation des combles');
    expect(lots).toContain('Prix 50 %, Valeur technique 30 %, Performance environnementale 20 %');
    expect(lots).toContain('Pilotage du chauffage');
    expect(lots).toContain('Autorisée');
    expect(lots).toContain('Exigences minimales : Protocoles ouverts, données exportables.');
    const studyLink = publicPage.getByRole('link', { name: 'Audit énergétique' });
    expect(await studyLink.getAttribute('href')).toMatch(new RegExp(`^/projets/${id}/etudes/\\d+$`));

    // The retro-planning: the engine's plan of an AOO notified on 30 September 2027 in Lorient (56).
    const expected = computePlanning(
      { procedure: 'AOO', departement: '56', electronic: true, pin: false, urgency: false },
      { from: 'notification', date: '2027-09-30' },
    );
    const rows = await publicPage.locator('table.amont-project-planning tbody tr').allInnerTexts();
    expect(rows).toHaveLength(expected.milestones.length);
    expected.milestones.forEach((milestone, i) => {
      expect(plain(rows[i]!)).toContain(milestone.label);
      expect(plain(rows[i]!)).toContain(plain(formatFrenchDateTime(milestone.at)));
    });
    expect(plain(rows.at(-1)!)).toContain('jeudi 30 septembre 2027 à 9 h 00');
    await publicPage.screenshot({ path: '/tmp/amont-project-public.png', fullPage: true });

    // The study downloads, and nothing came from anywhere but Amont.
    const download = await visitor.request.get(`${running.baseUrl}${await studyLink.getAttribute('href')}`);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);

    // The buyer moves the offers deadline a week later: Amont shows what moves before saving anything.
    const deadline = expected.milestones.find((m) => m.code === 'offersDeadline')!.at.plus({ days: 7 });
    await page.goto(`${manageUrl}#retroplanning`);
    await page.getByText('Fixer vous-même des dates').click();
    await page.getByLabel('Date limite de réception des offres').fill(deadline.toFormat('dd/MM/yyyy HH:mm'));
    await page.getByRole('button', { name: 'Voir l’effet sur le rétroplanning' }).click();
    await page.getByRole('heading', { name: 'Vérifier les nouvelles dates' }).waitFor();
    const changes = (await page.locator('table.amont-planning-changes tbody tr').allInnerTexts()).map(plain);
    expect(changes.find((r) => r.startsWith('Date limite de réception des offres'))).toContain(
      `${plain(formatFrenchDateTime(deadline))} +7 jours`,
    );
    await Promise.all([
      page.waitForURL(/\?fait=jalons$/),
      page.getByRole('button', { name: 'Enregistrer ces dates' }).click(),
    ]);
    await publicPage.reload();
    const moved = await publicPage.locator('table.amont-project-planning tbody tr').allInnerTexts();
    expect(plain(moved.find((r) => r.startsWith('Date limite de réception des offres'))!)).toContain(
      `date fixée par l’acheteur ${plain(formatFrenchDateTime(deadline))}`,
    );

    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(running.baseUrl))).toEqual([]);
    await context.close();
    await visitor.close();
  });
});
