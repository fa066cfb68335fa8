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

describeWithStore('API /api/v1/buyers', () => {
  let store: Store;
  let app: FastifyInstance;
  let buyer: BuyerRow;
  let broken: BuyerRow;
  let supplier: SupplierRow;

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    buyer = await buildBuyer(db, { name: 'Métropole de Lyon' });
    broken = await buildBuyer(db, {
      siret: withWrongKey(siretOf()),
      name: 'Syndicat mal saisi',
      siret_valid: false,
    });
    supplier = await buildSupplier(db, { name: 'ALPHA INGÉNIERIE' });
    await buildContract(db, {
      buyer,
      decp_id: '2019-001',
      object: 'Maîtrise d’œuvre du pont',
      amount: '1234567.89',
      notified_on: '2019-04-01',
      innovative: true,
      has_environmental_consideration: true,
      titulaires: [supplier, { name: 'Beta GmbH', identifier: 'DE811115368', identifierType: 'TVA' }],
    });
    for (let i = 0; i < 3; i++) {
      await buildContract(db, { buyer, decp_id: `2018-00${i}`, notified_on: `2018-0${i + 1}-15` });
    }
    await buildContract(db, { buyer: broken, decp_id: 'X' });
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('GET /api/v1/buyers/:siret', () => {
    it('returns the buyer and its contracts with their titulaires', async () => {
      const res = await app.inject(`/api/v1/buyers/${buyer.siret}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        siret: buyer.siret,
        name: 'Métropole de Lyon',
        siretValid: true,
        contractCount: 4,
        page: 1,
        perPage: 20,
      });
      expect(body.contracts.map((c: { id: string }) => c.id)).toEqual([
        '2019-001',
        '2018-002',
        '2018-001',
        '2018-000',
      ]);
      expect(body.contracts[0]).toMatchObject({
        object: 'Maîtrise d’œuvre du pont',
        amount: 1234567.89,
        notifiedOn: '2019-04-01',
        innovative: true,
        environmentalConsideration: true,
        cpv: { code: '72000000', label: null },
        titulaires: [
          {
            name: 'ALPHA INGÉNIERIE',
            identifier: supplier.head_office_siret,
            identifierType: 'SIRET',
            siren: supplier.siren,
          },
          { name: 'Beta GmbH', identifier: 'DE811115368', identifierType: 'TVA', siren: null },
        ],
      });
    });

    it('pages the contracts', async () => {
      const body = (await app.inject(`/api/v1/buyers/${buyer.siret}?page=2&perPage=3`)).json();
      expect(body).toMatchObject({ contractCount: 4, page: 2, perPage: 3 });
      expect(body.contracts.map((c: { id: string }) => c.id)).toEqual(['2018-000']);
    });

    it('accepts a SIRET with spaces', async () => {
      const spaced = `${buyer.siret.slice(0, 3)} ${buyer.siret.slice(3, 6)} ${buyer.siret.slice(6, 9)} ${buyer.siret.slice(9)}`;
      const res = await app.inject(`/api/v1/buyers/${encodeURIComponent(spaced)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().siret).toBe(buyer.siret);
    });

    it('still serves a buyer that DECP publishes with an invalid SIRET', async () => {
      const res = await app.inject(`/api/v1/buyers/${broken.siret}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'Syndicat mal saisi', siretValid: false, contractCount: 1 });
    });

    it('answers 400 with the field for a malformed SIRET', async () => {
      const res = await app.inject('/api/v1/buyers/1234');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'siret.invalid_format',
        message: 'Un SIRET comporte 14 chiffres ; « 1234 » en comporte 4.',
        details: { field: 'siret' },
      });
      const key = await app.inject(`/api/v1/buyers/${withWrongKey(buyer.siret)}`);
      expect(key.statusCode).toBe(400);
      expect(key.json().error.code).toBe('siret.invalid_key');
    });

    it('answers 404 for an unknown buyer', async () => {
      const res = await app.inject('/api/v1/buyers/35600000000048');
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({ code: 'buyer.not_found', details: { field: 'siret' } });
    });

    it('answers 400 for a page below 1', async () => {
      const res = await app.inject(`/api/v1/buyers/${buyer.siret}?page=0`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual({ field: 'page', in: 'querystring' });
    });
  });
});
