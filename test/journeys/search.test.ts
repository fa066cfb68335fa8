import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from '../setup/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/database.ts';
import { loadHttpSearchFixture } from '../fixtures/search/http-search-fixture.ts';
import { S } from '../fixtures/search/search-fixture.ts';
import { startApp, type RunningApp } from '../setup/start-app.ts';
import { openTestStore } from '../setup/test-store.ts';

/**
 * Browser journey through the search page, on the hand-written search fixture (test/fixtures/search),
 * indexed into an in-memory store: once with JavaScript (the commune autocomplete, driven by the
 * keyboard) and once without (the commune typed by name and resolved by the server). Runs in the pglite
 * project only (test/ is not in the postgres project). Uses Debian's chromium; never downloads a browser.
 */

/** innerText with the no-break spaces French formatting uses turned into plain spaces. */
const plain = (text: string) =>
  text
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('journey: search suppliers by need, around a commune', () => {
  let store: Store;
  let running: RunningApp;
  let browser: Browser;

  /** What the API answers for the same search: the expectations of the page. */
  const api = async (query: string) => (await running.app.inject(`/api/v1/search?${query}`)).json();

  beforeAll(async () => {
    store = await openTestStore();
    await loadHttpSearchFixture(store.db);
    running = await startApp(store);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await store?.close();
  });

  async function newPage(context: BrowserContext) {
    const page = await context.newPage();
    const requests: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    return { page, requests, pageErrors };
  }

  /** The announced result count (the autocomplete has status regions of its own). */
  const resultCount = (page: Page) => page.getByRole('status').filter({ hasText: /fournisseur/ });

  /** From a result list around Rennes: a facet, then a result's page. */
  async function refineAndOpen(page: Page) {
    const expected = await api('q=capteurs&near=35238&radiusKm=20&size=PME');
    await Promise.all([
      page.waitForURL(/size=PME/),
      page.locator('#facette-size a', { hasText: 'PME' }).click(),
    ]);
    const url = new URL(page.url());
    expect([...url.searchParams]).toEqual([
      ['q', 'capteurs'],
      ['size', 'PME'],
      ['near', '35238'],
      ['radiusKm', '20'],
    ]);
    const count = resultCount(page);
    expect(plain(await count.innerText())).toBe(
      `${expected.total} fournisseurs pour « capteurs » à moins de 20 km de Rennes (35)`,
    );
    expect(plain(await page.locator('.moj-filter__selected').innerText())).toContain('PME');
    const distances = await page.locator('.amont-result__distance').allInnerTexts();
    expect(distances.map(plain)).toEqual(
      expected.results.map((r: { distanceKm: number }) => `à ${String(r.distanceKm).replace('.', ',')} km`),
    );
    await Promise.all([
      page.waitForURL(new RegExp(`/fournisseurs/${S.aquaOuest}$`)),
      page.getByRole('link', { name: 'AQUA-OUEST' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toContain('AQUA-OUEST');
  }

  it('with JavaScript: a visitor picks the commune in the autocomplete with the keyboard', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const { page, requests, pageErrors } = await newPage(context);
    await page.goto(`${running.baseUrl}/`);
    await page.getByRole('link', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(/\/recherche$/);
    expect(await page.locator('h1').innerText()).toBe('Rechercher des fournisseurs');

    await page.getByLabel('Que cherchez-vous ?').fill('capteurs');
    const commune = page.getByLabel('Commune', { exact: true });
    await commune.click();
    await commune.pressSequentially('renn', { delay: 30 });
    const option = page.getByRole('option', { name: /Rennes \(35\)/ });
    await option.waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await commune.inputValue()).toBe('Rennes (35)');
    expect(await page.locator('input[type="hidden"][name="near"]').inputValue()).toBe('35238');
    await page.getByLabel('Rayon').selectOption('20');
    await Promise.all([
      page.waitForURL(/near=35238/),
      page.getByRole('button', { name: 'Rechercher' }).click(),
    ]);
    expect([...new URL(page.url()).searchParams]).toEqual([
      ['q', 'capteurs'],
      ['near', '35238'],
      ['radiusKm', '20'],
    ]);

    const expected = await api('q=capteurs&near=35238&radiusKm=20');
    expect(plain(await resultCount(page).innerText())).toBe(
      `${expected.total} fournisseurs pour « capteurs » à moins de 20 km de Rennes (35)`,
    );
    expect(await page.locator('.amont-result').count()).toBe(expected.total);
    // The field keeps the commune, and the autocomplete still submits its code.
    expect(await commune.inputValue()).toBe('Rennes (35)');
    await page.screenshot({ path: '/tmp/amont-search.png', fullPage: true });

    await refineAndOpen(page);
    expect(pageErrors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(running.baseUrl))).toEqual([]);
    expect(requests.some((url) => url.includes('/api/v1/communes?q=renn'))).toBe(true);
    await context.close();
  });

  it('without JavaScript: the commune typed by name is resolved, homonyms are offered as links', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
      javaScriptEnabled: false,
    });
    const { page, requests } = await newPage(context);
    await page.goto(`${running.baseUrl}/recherche`);

    // Two communes are called Saint-Denis: the server asks which one.
    await page.getByLabel('Que cherchez-vous ?').fill('capteurs');
    await page.getByLabel('Commune', { exact: true }).fill('Saint-Denis');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(plain(await summary.innerText())).toContain('Plusieurs communes s’appellent « Saint-Denis »');
    await Promise.all([
      page.waitForURL(/near=93066/),
      summary.getByRole('link', { name: 'Saint-Denis (93)' }).click(),
    ]);
    expect(plain(await resultCount(page).innerText())).toContain('de Saint-Denis (93)');

    // A name borne by one commune only is taken as is.
    await page.getByLabel('Commune', { exact: true }).fill('rennes');
    await page.getByLabel('Rayon').selectOption('20');
    await Promise.all([
      page.waitForURL(/near=rennes/),
      page.getByRole('button', { name: 'Rechercher' }).click(),
    ]);
    const expected = await api('q=capteurs&near=35238&radiusKm=20');
    expect(plain(await resultCount(page).innerText())).toBe(
      `${expected.total} fournisseurs pour « capteurs » à moins de 20 km de Rennes (35)`,
    );
    expect(await page.getByLabel('Commune', { exact: true }).inputValue()).toBe('Rennes (35)');

    await refineAndOpen(page);
    expect(requests.some((url) => url.includes('/api/'))).toBe(false);
    await context.close();
  });
});
