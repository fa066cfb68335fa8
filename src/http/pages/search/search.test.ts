import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HTTP_SUPPLIERS,
  loadHttpSearchFixture,
} from '../../../../test/fixtures/search/http-search-fixture.ts';
import { S } from '../../../../test/fixtures/search/search-fixture.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

/** The hrefs of the links inside an HTML fragment, unescaped. */
function hrefs(html: string, pattern = /href="([^"]*)"/g): string[] {
  return [...html.matchAll(pattern)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}
/** A URL's parameters as [name, value] pairs, in order. */
const paramsOf = (href: string) => [...new URL(href, 'http://localhost').searchParams];
/** The part of the page between two markers. */
function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from, start).toBeGreaterThanOrEqual(0);
  return html.slice(from, html.indexOf(end, from));
}
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describeWithStore('page /recherche', () => {
  let store: Store;
  let app: FastifyInstance;
  let everyone: number;
  const get = (query = '') => app.inject(`/recherche${query === '' ? '' : `?${query}`}`);

  beforeAll(async () => {
    store = await openTestStore();
    await loadHttpSearchFixture(store.db);
    app = await buildApp({ store });
    everyone = (await app.inject('/api/v1/search')).json().total;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists every indexed supplier without a query, with the count in a status region and the navigation', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="fr"');
    expect(res.body).toMatch(/govuk-service-navigation__item--active[\s\S]{0,300}href="\/recherche"/);
    const status = between(res.body, '<div role="status"', '</div>');
    expect(status).toContain(`data-total="${everyone}"`);
    expect(plain(status)).toBe(`${everyone} fournisseurs Page 1 sur 2`);
    expect(res.body).toContain('<form action="/recherche" method="get" novalidate>');
    expect(res.body).toMatch(/<input[^>]*id="near"[^>]*name="near"/);
    expect(res.body).toContain('<option value="30" selected>30 km</option>');
    expect(res.body).toContain('src="/assets/accessible-autocomplete.min.js"');
  });

  it('resolves a commune typed by name and shows distances, counts and highlights', async () => {
    const res = await get('q=capteurs&near=rennes&radiusKm=20');
    expect(res.statusCode).toBe(200);
    const status = plain(between(res.body, '<div role="status"', '</div>'));
    expect(status).toBe('4 fournisseurs pour « capteurs » à moins de 20 km de Rennes (35)');
    // The field shows the commune found; the autocomplete gets its code.
    expect(res.body).toMatch(/value="Rennes \(35\)"[^>]*data-commune-code="35238"/);
    const aqua = between(res.body, `data-siren="${S.aquaOuest}"`, '</details>');
    expect(plain(aqua)).toContain('Bruz (35) à 10,7 km');
    expect(aqua).toContain('<mark class="amont-mark">capteurs</mark>');
    expect(aqua).toContain('Pourquoi ce résultat ?');
    expect(plain(aqua)).toContain('À 10,7 km de Rennes');
    expect(plain(aqua)).toMatch(
      /Score de pertinence : [\d,]+ \(mots recherchés [\d,]+ \+ synonymes [\d,]+ \+ mots exacts [\d,]+\)/,
    );
    expect(aqua).toContain(`href="/fournisseurs/${S.aquaOuest}"`);
  });

  it('escapes a supplier name made of HTML, and marks the matching segments only', async () => {
    const res = await get('q=capteurs');
    expect(res.body).not.toContain('<script>alert');
    const item = between(res.body, `data-siren="${HTTP_SUPPLIERS.script.siren}"`, '</h3>');
    // The engine's segments of the name, escaped one by one, the matching ones marked.
    const api = (await app.inject('/api/v1/search?q=capteurs')).json();
    const segments: { text: string; match: boolean }[] = api.results.find(
      (r: { siren: string }) => r.siren === HTTP_SUPPLIERS.script.siren,
    ).highlights.name;
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const expected = segments
      .map((s) => (s.match ? `<mark class="amont-mark">${escape(s.text)}</mark>` : escape(s.text)))
      .join('');
    expect(item).toContain(`>${expected}</a>`);
    expect(item).toContain('&lt;script&gt;alert(&quot;');
    expect(item).toContain('<mark class="amont-mark">CAPTEURS</mark>');
  });

  it('writes every facet value as a link that keeps all the other parameters', async () => {
    const res = await get('q=capteurs&near=35238&radiusKm=50&ess=0&hasContracts=1');
    expect(res.statusCode).toBe(200);
    const sidebar = between(res.body, 'id="filtres"', '<div class="govuk-grid-column-two-thirds">');
    const links = hrefs(
      sidebar,
      /class="govuk-link govuk-link--no-visited-state amont-facet__link[^"]*" href="([^"]*)"/g,
    );
    expect(links.length).toBeGreaterThan(8);
    for (const link of links) {
      const params = paramsOf(link);
      expect(params, link).toEqual(
        expect.arrayContaining([
          ['q', 'capteurs'],
          ['near', '35238'],
          ['radiusKm', '50'],
        ]),
      );
      if (!link.includes('hasContracts=1')) {
        // Only the link of that very facet removes it.
        expect(sidebar).toContain(`href="${link.replace(/&/g, '&amp;')}" aria-current="true"`);
      }
    }
    const pme = links.find((link) => link.includes('size=PME'))!;
    expect(paramsOf(pme)).toEqual([
      ['q', 'capteurs'],
      ['size', 'PME'],
      ['hasContracts', '1'],
      ['near', '35238'],
      ['radiusKm', '50'],
    ]);
  });

  it('shows the selected filters as removable tags, each removing only itself', async () => {
    const res = await get('q=capteurs&size=PME&dept=35&near=35238');
    const selected = between(res.body, 'class="moj-filter__selected"', 'class="moj-filter__options');
    expect(plain(selected)).toContain('Retirer ce filtre : À 30 km de Rennes (35)');
    expect(plain(selected)).toContain('Retirer ce filtre : PME');
    expect(plain(selected)).toContain('Retirer ce filtre : Ille-et-Vilaine');
    const tags = hrefs(selected, /class="moj-filter__tag" href="([^"]*)"/g);
    expect(tags.map((t) => paramsOf(t))).toEqual([
      [
        ['q', 'capteurs'],
        ['dept', '35'],
        ['size', 'PME'],
      ],
      [
        ['q', 'capteurs'],
        ['size', 'PME'],
        ['near', '35238'],
      ],
      [
        ['q', 'capteurs'],
        ['dept', '35'],
        ['near', '35238'],
      ],
    ]);
    expect(selected).toContain('href="/recherche?q=capteurs">Retirer tous les filtres');
    // A new text or commune keeps the filters: the form carries them, but not the text or commune themselves.
    const form = between(res.body, '<form action="/recherche"', '</form>');
    expect(
      [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['dept', '35'],
      ['size', 'PME'],
    ]);
  });

  it('opens the CPV tree below a chosen code; choosing a child narrows, choosing the division widens', async () => {
    const res = await get('cpv=45000000');
    const tree = between(res.body, 'amont-cpv-tree', '</details>');
    const links = hrefs(tree);
    expect(plain(tree)).toContain('45200000 – Travaux de construction complète ou partielle');
    const child = links.find((l) => l.includes('cpv=45200000'))!;
    expect(paramsOf(child)).toEqual([['cpv', '45200000']]);
    const narrowed = await get('cpv=45200000');
    const division = hrefs(between(narrowed.body, 'amont-cpv-tree', '</details>')).find((l) =>
      l.includes('cpv=45000000'),
    )!;
    expect(paramsOf(division)).toEqual([['cpv', '45000000']]);
  });

  it('says what it searched after a correction, and shows warnings in a banner', async () => {
    const corrected = await get('q=capteurz');
    expect(plain(corrected.body)).toContain('Résultats pour « capteurs »');
    const warned = await get('cpv=4500');
    const banner = between(warned.body, 'govuk-notification-banner', '</ul>');
    expect(plain(banner)).toContain('À savoir sur cette recherche');
    expect(banner).toContain('4500');
  });

  it('gives advice when nothing is found, and keeps the filters removable', async () => {
    const res = await get('q=zzyzx+wqxv&ess=1');
    expect(res.statusCode).toBe(200);
    expect(plain(between(res.body, '<div role="status"', '</div>'))).toContain('Aucun fournisseur trouvé');
    expect(res.body).toContain('class="amont-empty"');
    expect(res.body).toContain('href="/recherche?q=zzyzx+wqxv">retirer les filtres</a>');
  });

  it('pages with links that keep the parameters, and says when a page is past the end', async () => {
    const res = await get('hasContracts=1&perPage=5');
    const next = hrefs(between(res.body, 'govuk-pagination__next', '</div>'))[0]!;
    expect(paramsOf(next)).toEqual([
      ['hasContracts', '1'],
      ['page', '2'],
      ['perPage', '5'],
    ]);
    const far = await get('page=100000');
    expect(far.statusCode).toBe(200);
    expect(far.body).toContain('Cette page est au-delà de la dernière page de résultats.');
    expect((await get('page=100001')).statusCode).toBe(400);
  });

  describe('answers 400 with an error summary', () => {
    it('lists homonym communes as links that keep the search', async () => {
      const res = await get('q=travaux&near=Saint-Denis&radiusKm=10');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('<title>Erreur : « travaux » – Recherche de fournisseurs – Amont</title>');
      const summary = between(res.body, 'govuk-error-summary', '</ul>\n');
      expect(plain(summary)).toContain(
        'Plusieurs communes s’appellent « Saint-Denis » : choisissez la vôtre.',
      );
      const candidates = hrefs(between(summary, 'amont-candidates', '</ul>'));
      expect(candidates.map(paramsOf)).toEqual([
        [
          ['q', 'travaux'],
          ['near', '93066'],
          ['radiusKm', '10'],
        ],
        [
          ['q', 'travaux'],
          ['near', '97411'],
          ['radiusKm', '10'],
        ],
      ]);
      expect(plain(summary)).toMatch(/Saint-Denis \(93\) Saint-Denis \(974\)/);
      expect(res.body).not.toContain('role="status"');
    });

    it('says « Commune inconnue » beside the field', async () => {
      const res = await get('near=Xyzzyville');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Commune inconnue : aucune commune ne s’appelle « Xyzzyville ».');
      expect(res.body).toMatch(/govuk-error-message[\s\S]{0,120}Commune inconnue/);
    });

    it('links a bad radius to its field', async () => {
      const res = await get('near=35238&radiusKm=-3');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('href="#radiusKm"');
    });
  });
});

describeWithStore('page / (search box)', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('offers a search box that leads to /recherche', async () => {
    const res = await app.inject('/');
    expect(res.body).toContain('<form action="/recherche" method="get">');
    expect(res.body).toMatch(/<input[^>]*id="recherche-q"[^>]*name="q"/);
  });
});
