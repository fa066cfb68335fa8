import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildBuyer,
  buildContract,
  buildSupplier,
  siretOf,
  withWrongKey,
} from '../../../test/factories/index.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import type { BuyerRow, SupplierRow } from '../../store/schema.ts';
import { titulaireDisplayName } from './buyer.ts';
import { findBuyer } from './find-buyer.ts';

describeWithStore('findBuyer', () => {
  let store: Store;
  let buyer: BuyerRow;
  let broken: BuyerRow;
  let supplier: SupplierRow;

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    buyer = await buildBuyer(db, { name: 'Ville de Lyon' });
    broken = await buildBuyer(db, {
      siret: withWrongKey(siretOf()),
      name: 'Mairie mal saisie',
      siret_valid: false,
    });
    supplier = await buildSupplier(db, { name: 'ALPHA SAS (SIRENE)' });
    await buildContract(db, {
      buyer,
      decp_id: 'A',
      notified_on: '2019-01-10',
      amount: 1234.56,
      titulaires: [
        {
          name: 'Alpha',
          identifier: supplier.head_office_siret,
          identifierType: 'SIRET',
          supplierSiren: supplier.siren,
        },
        { name: 'Foreign GmbH', identifier: 'DE123456789', identifierType: 'TVA' },
      ],
    });
    await buildContract(db, { buyer, decp_id: 'B', notified_on: '2019-05-10', titulaires: [supplier] });
    await buildContract(db, { buyer: broken, decp_id: 'C' });
  });
  afterAll(async () => {
    await store.close();
  });

  it('returns the buyer and its contracts with their titulaires in DECP order', async () => {
    const { buyer: found, contracts } = await findBuyer(store.db, buyer.siret);
    expect(found).toEqual({ siret: buyer.siret, name: 'Ville de Lyon', siretValid: true, contractCount: 2 });
    expect(contracts.total).toBe(2);
    expect(contracts.rows.map((c) => c.decpId)).toEqual(['B', 'A']);
    const a = contracts.rows[1]!;
    expect(a.amount).toBe(1234.56);
    expect(a.titulaires.map(titulaireDisplayName)).toEqual(['ALPHA SAS (SIRENE)', 'Foreign GmbH']);
    expect(a.titulaires[1]).toMatchObject({ identifierType: 'TVA', supplierSiren: null, supplierName: null });
  });

  it('pages the contracts', async () => {
    const { contracts } = await findBuyer(store.db, buyer.siret, { page: 2, perPage: 1 });
    expect(contracts.rows.map((c) => c.decpId)).toEqual(['A']);
  });

  it('still finds a buyer that DECP lists with an invalid SIRET', async () => {
    const { buyer: found, contracts } = await findBuyer(store.db, broken.siret);
    expect(found).toMatchObject({ name: 'Mairie mal saisie', siretValid: false, contractCount: 1 });
    expect(contracts.rows.map((c) => c.decpId)).toEqual(['C']);
  });

  it('rejects a malformed SIRET that no buyer carries, naming the field', async () => {
    await expect(findBuyer(store.db, withWrongKey(buyer.siret))).rejects.toMatchObject({
      code: 'siret.invalid_key',
      details: { field: 'siret' },
    });
    await expect(findBuyer(store.db, 'abc')).rejects.toMatchObject({ code: 'siret.invalid_format' });
    await expect(findBuyer(store.db, '')).rejects.toMatchObject({ code: 'siret.invalid_format' });
  });

  it('throws buyer.not_found for a valid SIRET the directory does not know', async () => {
    await expect(findBuyer(store.db, '356 000 000 00048')).rejects.toMatchObject({
      code: 'buyer.not_found',
      userMessage: expect.stringContaining('356 000 000 00048') as unknown,
    });
  });
});
