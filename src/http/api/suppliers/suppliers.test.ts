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

describeWithStore('API /api/v1/suppliers', () => {
  let store: Store;
  let app: FastifyInstance;
  let acro: SupplierRow;
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
    acro = await buildSupplier(db, { name: 'SAS SHOW VISION ACRO', naf_code: '90.02Z' });
    hidden = await buildSupplier(db, { name: 'Paul Durand', diffusible: false, commune_code: '85191' });
    await buildSupplier(db, { name: 'SOCIÉTÉ VENDÉENNE DE TRAVAUX' });
    await buildSupplier(db, { name: 'Société Alpha' });
    for (let i = 0; i < 23; i++) {
      await buildSupplier(db, { name: `Zeta ${String(i).padStart(2, '0')}` });
    }
    await buildContract(db, {
      buyer: sdis,
      titulaires: [acro],
      decp_id: '2018MA181101',
      object: "Installation et maintenance d'équipements de transmissions sur les véhicules du SDIS",
      cpv_code: '45314000',
      amount: 80_000,
      notified_on: '2018-12-03',
      procedure: 'Procédure adaptée',
    });
    await buildContract(db, {
      buyer: sdis,
      titulaires: [acro],
      decp_id: 'B',
      notified_on: '2019-02-01',
      amount: null,
    });
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('GET /api/v1/suppliers', () => {
    it('lists suppliers by name with their contract count and the total', async () => {
      const res = await app.inject('/api/v1/suppliers?perPage=3');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      const body = res.json();
      expect(body).toMatchObject({ total: 27, page: 1, perPage: 3 });
      expect(body.results).toEqual([
        {
          siren: hidden.siren,
          name: 'Paul Durand',
          nafCode: '62.01Z',
          nafLabel: 'Programmation informatique',
          communeCode: null,
          communeName: null,
          departmentCode: null,
          contractCount: 0,
        },
        {
          siren: acro.siren,
          name: 'SAS SHOW VISION ACRO',
          nafCode: '90.02Z',
          nafLabel: 'Activités de soutien au spectacle vivant',
          communeCode: '69381',
          communeName: 'Lyon 1er Arrondissement',
          departmentCode: '69',
          contractCount: 2,
        },
        expect.objectContaining({ name: 'Société Alpha' }),
      ]);
    });

    it('filters by name without accents or case: « societe » finds « SOCIÉTÉ »', async () => {
      const res = await app.inject({ url: '/api/v1/suppliers', query: { q: 'societe vendeenne' } });
      expect(res.json()).toMatchObject({ total: 1, results: [{ name: 'SOCIÉTÉ VENDÉENNE DE TRAVAUX' }] });
      const both = await app.inject({ url: '/api/v1/suppliers', query: { q: 'SOCIETE' } });
      expect(both.json().total).toBe(2);
    });

    it('filters by SIREN typed with spaces', async () => {
      const spaced = `${acro.siren.slice(0, 3)} ${acro.siren.slice(3, 6)} ${acro.siren.slice(6)}`;
      const res = await app.inject({ url: '/api/v1/suppliers', query: { q: spaced } });
      expect(res.json().results.map((r: { siren: string }) => r.siren)).toEqual([acro.siren]);
    });

    it('pages and sorts by number of contracts', async () => {
      const page2 = (await app.inject('/api/v1/suppliers?page=2&perPage=20')).json();
      expect(page2).toMatchObject({ total: 27, page: 2, perPage: 20 });
      expect(page2.results).toHaveLength(7);
      const byCount = (await app.inject('/api/v1/suppliers?sort=contracts&perPage=1')).json();
      expect(byCount.results[0]).toMatchObject({ siren: acro.siren, contractCount: 2 });
    });

    it('answers an empty list when nothing matches', async () => {
      const res = await app.inject('/api/v1/suppliers?q=introuvable');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ total: 0, page: 1, perPage: 20, results: [] });
    });

    it('rejects invalid paging and sort with 400 and the field', async () => {
      const cases: [string, string, string][] = [
        ['page=0', 'page', 'supérieur ou égal à 1'],
        ['perPage=1000', 'perPage', 'inférieur ou égal à 100'],
        ['page=abc', 'page', 'nombre entier'],
        ['page=99999999999999999999', 'page', 'inférieur ou égal à 100000'],
        ['sort=price', 'sort', 'name, contracts'],
      ];
      for (const [qs, field, text] of cases) {
        const res = await app.inject(`/api/v1/suppliers?${qs}`);
        expect(res.statusCode, qs).toBe(400);
        const { error } = res.json();
        expect(error.code).toBe('request.invalid');
        expect(error.details).toEqual({ field, in: 'querystring' });
        expect(error.message).toContain(text);
      }
    });
  });

  describe('GET /api/v1/suppliers/:siren', () => {
    it('returns the supplier and its contracts with buyer, CPV label and amount', async () => {
      const res = await app.inject(`/api/v1/suppliers/${acro.siren}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        siren: acro.siren,
        name: 'SAS SHOW VISION ACRO',
        nafCode: '90.02Z',
        sizeCategory: 'PME',
        ess: false,
        diffusible: true,
        communeCode: '69381',
        contractCount: 2,
        page: 1,
        perPage: 20,
      });
      expect(body.contracts).toHaveLength(2);
      expect(body.contracts[0]).toMatchObject({ id: 'B', amount: null, notifiedOn: '2019-02-01' });
      expect(body.contracts[1]).toEqual({
        id: '2018MA181101',
        uid: `${sdis.siret}2018MA181101`,
        internalId: expect.any(Number) as unknown,
        kind: 'marche',
        nature: 'Marché',
        buyer: { siret: sdis.siret, name: 'SDIS de la Vendée' },
        object: "Installation et maintenance d'équipements de transmissions sur les véhicules du SDIS",
        cpv: { code: '45314000', label: "Installation d'équipements de télécommunications" },
        amount: 80000,
        notifiedOn: '2018-12-03',
        procedure: 'Procédure adaptée',
        innovative: null,
        socialConsideration: null,
        environmentalConsideration: null,
      });
    });

    it('pages the contracts', async () => {
      const body = (await app.inject(`/api/v1/suppliers/${acro.siren}?perPage=1&page=2`)).json();
      expect(body).toMatchObject({ contractCount: 2, page: 2, perPage: 1 });
      expect(body.contracts.map((c: { id: string }) => c.id)).toEqual(['2018MA181101']);
    });

    it('gives no location for a non-diffusible supplier', async () => {
      const body = (await app.inject(`/api/v1/suppliers/${hidden.siren}`)).json();
      expect(body).toMatchObject({
        name: 'Paul Durand',
        diffusible: false,
        communeCode: null,
        communeName: null,
        departmentCode: null,
        headOfficeSiret: null,
      });
    });

    it('answers 400 with the field for a malformed SIREN or a wrong key', async () => {
      const bad = await app.inject('/api/v1/suppliers/12345');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({
        error: {
          code: 'siren.invalid_format',
          message: 'Un SIREN comporte 9 chiffres ; « 12345 » en comporte 5.',
          details: { field: 'siren', value: '12345' },
        },
      });
      const key = await app.inject(`/api/v1/suppliers/${withWrongKey(acro.siren)}`);
      expect(key.statusCode).toBe(400);
      expect(key.json().error).toMatchObject({ code: 'siren.invalid_key', details: { field: 'siren' } });
    });

    it('answers 404 for a valid SIREN that is not in the directory', async () => {
      const res = await app.inject('/api/v1/suppliers/356000000');
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toMatchObject({
        code: 'supplier.not_found',
        details: { field: 'siren', value: '356000000' },
      });
      expect(res.json().error.message).toContain('356 000 000');
    });
  });
});
