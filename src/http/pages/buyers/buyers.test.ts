import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBuyer,
  buildContract,
  buildSupplier,
  siretOf,
  withWrongKey,
} from '../../../../test/factories/index.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import type { BuyerRow, SupplierRow } from '../../../store/schema.ts';
import { buildApp } from '../../app.ts';

function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describeWithStore('pages /acheteurs', () => {
  let store: Store;
  let app: FastifyInstance;
  let buyer: BuyerRow;
  let broken: BuyerRow;
  let supplier: SupplierRow;

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    buyer = await buildBuyer(db, { name: 'SDIS de la Vendée' });
    broken = await buildBuyer(db, {
      siret: withWrongKey(siretOf()),
      name: 'Syndicat mal saisi',
      siret_valid: false,
    });
    supplier = await buildSupplier(db, { name: 'SAS SHOW VISION ACRO' });
    await buildContract(db, {
      buyer,
      titulaires: [
        supplier,
        { name: 'Ets Dupuis (étranger)', identifier: 'BE0123456749', identifierType: 'TVA' },
      ],
      object: 'Équipements de transmission',
      amount: 1_500_000.5,
      notified_on: '2019-03-01',
    });
    for (let i = 0; i < 20; i++) {
      await buildContract(db, { buyer, notified_on: `2018-06-${String(i + 1).padStart(2, '0')}` });
    }
    await buildContract(db, { buyer: broken });
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('GET /acheteurs/:siret', () => {
    it('shows the buyer and its contracts with titulaires linked to their supplier page', async () => {
      const res = await app.inject(`/acheteurs/${buyer.siret}`);
      expect(res.statusCode).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain('Acheteur public SDIS de la Vendée');
      expect(text).toContain('21 marchés publiés');
      expect(res.body).toContain(`href="/fournisseurs/${supplier.siren}">SAS SHOW VISION ACRO</a>`);
      expect(text).toContain('Ets Dupuis (étranger) TVA BE0123456749');
      expect(res.body).toContain('1\u202f500\u202f000,50\u00a0€');
      expect(text).toContain('1er mars 2019');
      expect(text).toContain('Titulaires');
      expect(text).toContain('Page 1 sur 2');
      expect(res.body).toContain(`href="/acheteurs/${buyer.siret}?page=2" rel="next"`);
    });

    it('shows the second page of contracts', async () => {
      const text = textOf((await app.inject(`/acheteurs/${buyer.siret}?page=2`)).body);
      expect(text).toContain('Page 2 sur 2');
      expect(text).toContain('1er juin 2018');
    });

    it('shows a buyer published with an invalid SIRET, with a warning', async () => {
      const res = await app.inject(`/acheteurs/${broken.siret}`);
      expect(res.statusCode).toBe(200);
      expect(textOf(res.body)).toContain('ne passe pas le contrôle de clé');
    });

    it('answers a French 400 page for a malformed SIRET', async () => {
      const res = await app.inject('/acheteurs/12AB');
      expect(res.statusCode).toBe(400);
      expect(textOf(res.body)).toContain("contient d'autres caractères que des chiffres");
    });

    it('answers a 404 page for an unknown buyer', async () => {
      const res = await app.inject('/acheteurs/35600000000048');
      expect(res.statusCode).toBe(404);
      const text = textOf(res.body);
      expect(text).toContain('Page introuvable');
      expect(text).toContain("Aucun acheteur public de SIRET 356 000 000 00048 n'est connu d'Amont.");
    });
  });
});
