import { type Browser } from 'playwright-core';
import { launchChromium } from '../setup/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCpv } from '../../src/ingest/cpv/import-cpv.ts';
import { importDecp } from '../../src/ingest/decp/import-decp.ts';
import type { Store } from '../../src/store/database.ts';
import { hasSharedData, sharedDataPath } from '../setup/shared-data.ts';
import { startApp, type RunningApp } from '../setup/start-app.ts';
import { openTestStore } from '../setup/test-store.ts';

/**
 * Browser journey through the public directory, on real open data: the 470 DECP 2019 records of
 * e-marchespublics.json and the CPV 2008 list, imported into an in-memory store. Runs in the pglite
 * project only (test/ is not in the postgres project). Uses Debian's chromium; never downloads a browser.
 */
const DECP_FILE = ['decp', 'real-v1-2019', 'e-marchespublics.json'];
const CPV_FILE = ['cpv', 'cpv_2008.csv'];
const dataAvailable = hasSharedData(...DECP_FILE) && hasSharedData(...CPV_FILE);

/** innerText with the no-break spaces French formatting uses turned into plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');

describe.skipIf(!dataAvailable)('journey: find a supplier in the directory', () => {
  let store: Store;
  let running: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    store = await openTestStore();
    await importCpv(store.db, sharedDataPath(...CPV_FILE));
    await importDecp(store.db, sharedDataPath(...DECP_FILE));
    running = await startApp(store);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await store?.close();
  });

  it('a visitor filters the list by name, opens the supplier and sees its contracts', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const requests: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    await page.goto(`${running.baseUrl}/fournisseurs`);
    expect(await page.locator('h1').innerText()).toBe('Annuaire des fournisseurs');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    await page.getByLabel('Nom, SIREN ou SIRET').fill('show vision');
    await Promise.all([
      page.waitForURL(/\/fournisseurs\?q=show\+vision/),
      page.getByRole('button', { name: 'Rechercher' }).click(),
    ]);
    const count = plain(await page.locator('.amont-result-count').innerText());
    expect(count).toContain('1 fournisseur pour « show vision »');

    await Promise.all([
      page.waitForURL(/\/fournisseurs\/827462334$/),
      page.getByRole('link', { name: 'SAS SHOW VISION ACRO' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toContain('SAS SHOW VISION ACRO');
    const summary = plain(await page.locator('.amont-identity').innerText());
    expect(summary).toContain('827 462 334');

    const table = plain(await page.locator('table.amont-contracts').innerText());
    expect(table).toContain('SDIS de la Vendée');
    expect(table).toContain(
      "Installation et maintenance d'équipements de transmissions sur les véhicules du SDIS de la Vendée",
    );
    expect(table).toContain('80 000,00 €');
    expect(table).toContain('3 décembre 2018');
    expect(table).toContain('Procédure adaptée');
    expect(table).toContain('45314000');

    // Progressive enhancement ran, without errors; nothing was fetched from anywhere but Amont itself.
    // (govuk-frontend marks each component it initialised with data-<module>-init.)
    expect(await page.locator('[data-govuk-service-navigation-init]').count()).toBe(1);
    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(running.baseUrl))).toEqual([]);
    expect(await page.content()).not.toContain('GOV.UK');

    await page.screenshot({ path: '/tmp/amont-directory.png', fullPage: true });

    // The buyer link leads to the buyer's page: its contracts, newest first, with links to their titulaires.
    await Promise.all([
      page.waitForURL(/\/acheteurs\/28850001000013$/),
      page.getByRole('link', { name: 'SDIS de la Vendée' }).first().click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('SDIS de la Vendée');
    expect(plain(await page.locator('#marches').innerText())).toMatch(/^\d+ marchés publiés$/);
    expect(await page.locator('table.amont-contracts a[href^="/fournisseurs/"]').count()).toBeGreaterThan(5);
    expect(await page.locator('.govuk-pagination__next a').getAttribute('href')).toBe(
      '/acheteurs/28850001000013?page=2',
    );
    await page.close();
  });
});
