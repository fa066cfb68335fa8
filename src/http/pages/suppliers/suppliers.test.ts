import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildContract,
  buildCpvCode,
  buildSupplier,
  withWrongKey,
} from '../../../../test/factories/index.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import type { BuyerRow, SupplierRow } from '../../../store/schema.ts';
import { buildApp } from '../../app.ts';

/** Visible text of an HTML page, tags removed and spaces (NBSP included) collapsed, quote entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The links of the directory table, in order. */
function supplierLinks(html: string): string[] {
  return [...html.matchAll(/class="govuk-link amont-supplier-link" href="\/fournisseurs\/(\d{9})"/g)].map(
    (m) => m[1]!,
  );
}

describeWithStore('pages /fournisseurs', () => {
  let store: Store;
  let app: FastifyInstance;
  let acro: SupplierRow;
  let generale: SupplierRow;
  let hidden: SupplierRow;
  let sdis: BuyerRow;

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await buildCpvCode(db, {
      code: '45314000',
      check_digit: '1',
      label: "Installation d'équipements de télécommunications",
    });
    sdis = await buildBuyer(db, { name: 'SDIS de la Vendée' });
    acro = await buildSupplier(db, {
      name: 'SAS SHOW VISION ACRO',
      naf_code: '90.02Z',
      ess: true,
      size_category: 'PME',
    });
    generale = await buildSupplier(db, { name: "SOCIÉTÉ GÉNÉRALE D'ÉCLAIRAGE", commune_code: '2A004' });
    hidden = await buildSupplier(db, { name: 'Claire Martin', diffusible: false, commune_code: '85191' });
    for (let i = 0; i < 22; i++) {
      await buildSupplier(db, { name: `Zeta ${String(i).padStart(2, '0')}` });
    }
    await buildContract(db, {
      buyer: sdis,
      titulaires: [acro],
      decp_id: '2018MA181101',
      object: "Installation et maintenance d'équipements de transmissions",
      cpv_code: '45314000',
      amount: 80_000,
      notified_on: '2018-12-03',
      procedure: 'Procédure adaptée',
      innovative: true,
      has_social_consideration: true,
      has_environmental_consideration: true,
    });
    for (let i = 0; i < 21; i++) {
      await buildContract(db, {
        buyer: sdis,
        titulaires: [generale],
        notified_on: `2017-01-${String(i + 1).padStart(2, '0')}`,
        object: `Fourniture de lampes, lot ${i + 1}`,
      });
    }
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('GET /fournisseurs', () => {
    it('lists 20 suppliers per page by name, with SIREN, activity, place and contract count', async () => {
      const res = await app.inject('/fournisseurs');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const text = textOf(res.body);
      expect(text).toContain('25 fournisseurs · page 1 sur 2');
      const links = supplierLinks(res.body);
      expect(links).toHaveLength(20);
      expect(links.slice(0, 3)).toEqual([hidden.siren, acro.siren, generale.siren]);
      const acroSiren = `${acro.siren.slice(0, 3)} ${acro.siren.slice(3, 6)} ${acro.siren.slice(6)}`;
      expect(text).toContain(
        `SAS SHOW VISION ACRO SIREN ${acroSiren} Activités de soutien au spectacle vivant Lyon 1er Arrondissement (69) 1`,
      );
      expect(text).toContain("SOCIÉTÉ GÉNÉRALE D'ÉCLAIRAGE");
      expect(text).toContain('Ajaccio (2A) 21');
      expect(res.body).toContain('href="/fournisseurs?page=2" rel="next"');
      expect(text).toContain('Suivant');
      expect(text).toContain('Page 1 sur 2');
    });

    it('shows the second page with a link back', async () => {
      const res = await app.inject('/fournisseurs?page=2');
      expect(supplierLinks(res.body)).toHaveLength(5);
      expect(res.body).toContain('href="/fournisseurs" rel="prev"');
      expect(textOf(res.body)).toContain('Précédent');
    });

    it('filters by name ignoring accents and case, and keeps the filter in the form', async () => {
      const res = await app.inject('/fournisseurs?q=societe+generale');
      expect(supplierLinks(res.body)).toEqual([generale.siren]);
      expect(textOf(res.body)).toContain('1 fournisseur pour « societe generale »');
      expect(res.body).toMatch(/<input[^>]*name="q"[^>]*value="societe generale"/);
    });

    it('finds a supplier by SIREN typed with spaces', async () => {
      const spaced = `${acro.siren.slice(0, 3)} ${acro.siren.slice(3, 6)} ${acro.siren.slice(6)}`;
      const res = await app.inject({ url: '/fournisseurs', query: { q: spaced } });
      expect(supplierLinks(res.body)).toEqual([acro.siren]);
      expect(textOf(res.body)).toContain(`1 fournisseur pour le SIREN ${spaced}`);
    });

    it('sorts by number of contracts and keeps the sort in page links', async () => {
      const res = await app.inject('/fournisseurs?sort=contracts');
      expect(supplierLinks(res.body).slice(0, 2)).toEqual([generale.siren, acro.siren]);
      expect(res.body).toContain('href="/fournisseurs?sort=contracts&amp;page=2"');
      expect(res.body).toMatch(/<option value="contracts" selected>/);
    });

    it('shows an empty state with advice when nothing matches', async () => {
      const res = await app.inject('/fournisseurs?q=zzzz-introuvable');
      expect(res.statusCode).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain('Aucun fournisseur ne correspond à « zzzz-introuvable »');
      expect(text).toContain('chercher par numéro SIREN');
      expect(supplierLinks(res.body)).toEqual([]);
    });

    it('escapes the query in the page', async () => {
      const res = await app.inject({ url: '/fournisseurs', query: { q: '<script>alert(1)</script>' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert(1)</script>');
      expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('hides the location of a non-diffusible supplier in the list', async () => {
      const res = await app.inject({ url: '/fournisseurs', query: { q: hidden.siren } });
      const text = textOf(res.body);
      expect(text).toContain('Claire Martin');
      expect(text).not.toContain('Vendée');
      expect(text).not.toContain('85191');
    });

    it('answers a French 400 page for an invalid page number', async () => {
      const res = await app.inject('/fournisseurs?page=-1');
      expect(res.statusCode).toBe(400);
      expect(textOf(res.body)).toContain('Le paramètre « page » doit être supérieur ou égal à 1.');
    });

    it('is a French, Amont-branded page without GOV.UK identity', async () => {
      const res = await app.inject('/fournisseurs');
      expect(res.body).toContain('<html lang="fr"');
      expect(res.body).toContain('Amont');
      expect(res.body).toContain('Passer au contenu principal');
      for (const foreign of [
        'GOV.UK',
        'govuk-logo',
        'govuk-header__logotype',
        'Crown',
        'Skip to main content',
        'Service information',
        'Open Government Licence',
        'Pagination"',
      ]) {
        expect(res.body, foreign).not.toContain(foreign);
      }
      expect(textOf(res.body)).toContain(
        'Données : DECP (données essentielles de la commande publique), SIRENE, INSEE COG, CPV 2008.',
      );
      expect(textOf(res.body)).toContain('Licence Ouverte');
    });
  });

  describe('GET /fournisseurs/:siren', () => {
    it('shows the identity card and the contracts with buyer link, CPV, French amount and date, tags', async () => {
      const res = await app.inject(`/fournisseurs/${acro.siren}`);
      expect(res.statusCode).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain('SAS SHOW VISION ACRO');
      expect(text).toContain('90.02Z – Activités de soutien au spectacle vivant');
      expect(text).toContain('Petite ou moyenne entreprise (PME)');
      expect(text).toContain('Économie sociale et solidaire Oui');
      expect(text).toContain('Lyon 1er Arrondissement – Rhône (69)');
      expect(text).toContain('1 marché public');
      expect(res.body).toContain(`href="/acheteurs/${sdis.siret}">SDIS de la Vendée</a>`);
      expect(text).toContain("Installation et maintenance d'équipements de transmissions");
      expect(text).toContain("45314000 Installation d'équipements de télécommunications");
      // French format: narrow no-break space between thousands, no-break space before « € ».
      expect(res.body).toContain('80\u202f000,00\u00a0€');
      expect(text).toContain('3 décembre 2018');
      expect(text).toContain('Procédure adaptée');
      expect(text).toContain('Marché innovant');
      expect(text).toContain('Considération sociale');
      expect(text).toContain('Considération environnementale');
    });

    it('pages a long list of contracts, most recent first', async () => {
      const first = await app.inject(`/fournisseurs/${generale.siren}`);
      const text = textOf(first.body);
      expect(text).toContain('21 marchés publics');
      expect(text).toContain('Page 1 sur 2');
      expect(text.indexOf('lot 21')).toBeLessThan(text.indexOf('lot 20'));
      expect(text).not.toContain('lot 1 ');
      const second = textOf((await app.inject(`/fournisseurs/${generale.siren}?page=2`)).body);
      expect(second).toContain('Fourniture de lampes, lot 1 ');
      expect(second).toContain('1er janvier 2017');
    });

    it('shows no location for a non-diffusible supplier', async () => {
      const res = await app.inject(`/fournisseurs/${hidden.siren}`);
      const text = textOf(res.body);
      expect(text).toContain('Claire Martin');
      expect(text).toContain('Non diffusible');
      expect(text).not.toContain('Vendée');
      expect(text).toContain('Aucun marché public publié');
    });

    it('answers a French 400 page for an invalid SIREN', async () => {
      const res = await app.inject(`/fournisseurs/${withWrongKey(acro.siren)}`);
      expect(res.statusCode).toBe(400);
      const text = textOf(res.body);
      expect(text).toContain('Demande invalide');
      expect(text).toContain("n'est pas valide : la clé de contrôle ne correspond pas.");
      expect(res.body).toContain('lang="fr"');
    });

    it('answers a 404 page for an unknown SIREN', async () => {
      const res = await app.inject('/fournisseurs/356000000');
      expect(res.statusCode).toBe(404);
      expect(textOf(res.body)).toContain('Aucun fournisseur de SIREN 356 000 000');
    });
  });
});
