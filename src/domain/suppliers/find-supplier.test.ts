import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildBuyer,
  buildContract,
  buildCpvCode,
  buildSupplier,
  withWrongKey,
} from '../../../test/factories/index.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import type { BuyerRow, SupplierRow } from '../../store/schema.ts';
import { DomainError } from '../shared/index.ts';
import { countDirectory } from './count-directory.ts';
import { findSupplier } from './find-supplier.ts';
import { NON_DIFFUSIBLE_LABEL, NON_DIFFUSIBLE_NAME } from './supplier.ts';
import { findBuyer, presentBuyer } from '../buyers/index.ts';

describeWithStore('findSupplier', () => {
  let store: Store;
  let supplier: SupplierRow;
  let hidden: SupplierRow;
  let buyer: BuyerRow;

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await buildCpvCode(db, {
      code: '45314000',
      check_digit: '1',
      label: "Installation d'équipements de télécommunications",
    });
    buyer = await buildBuyer(db, { name: 'SDIS de la Vendée' });
    supplier = await buildSupplier(db, { name: 'SAS SHOW VISION ACRO', ess: true, size_category: 'PME' });
    hidden = await buildSupplier(db, { name: 'Marie Martin', diffusible: false });
    await buildContract(db, {
      buyer,
      titulaires: [supplier],
      decp_id: '2018MA181101',
      object: "Installation et maintenance d'équipements de transmissions",
      cpv_code: '45314000',
      amount: '80000.50',
      notified_on: '2018-12-03',
      procedure: 'Procédure adaptée',
      innovative: true,
      has_social_consideration: true,
      has_environmental_consideration: false,
    });
    await buildContract(db, {
      buyer,
      titulaires: [supplier],
      notified_on: null,
      amount: null,
      decp_id: 'UNDATED',
    });
    await buildContract(db, {
      titulaires: [supplier],
      notified_on: '2019-06-01',
      decp_id: 'RECENT',
      cpv_code: '99999999',
    });
    await buildContract(db, { titulaires: [hidden] });
  });
  afterAll(async () => {
    await store.close();
  });

  it('returns the identity card and the contracts, most recent first and undated last', async () => {
    const { supplier: found, contracts } = await findSupplier(store.db, supplier.siren);
    expect(found).toMatchObject({
      siren: supplier.siren,
      name: 'SAS SHOW VISION ACRO',
      nafCode: '62.01Z',
      nafLabel: 'Programmation informatique',
      sizeCategory: 'PME',
      ess: true,
      diffusible: true,
      communeCode: '69381',
      postalCode: '69001',
      headOfficeSiret: supplier.head_office_siret,
      contractCount: 3,
    });
    expect(contracts.total).toBe(3);
    expect(contracts.rows.map((c) => c.decpId)).toEqual(['RECENT', '2018MA181101', 'UNDATED']);
    expect(contracts.rows[1]).toMatchObject({
      decpId: '2018MA181101',
      buyer: { siret: buyer.siret, name: 'SDIS de la Vendée' },
      object: "Installation et maintenance d'équipements de transmissions",
      cpvCode: '45314000',
      cpvLabel: "Installation d'équipements de télécommunications",
      amount: 80000.5,
      notifiedOn: '2018-12-03',
      procedure: 'Procédure adaptée',
      innovative: true,
      socialConsideration: true,
      environmentalConsideration: false,
    });
    expect(contracts.rows[0]).toMatchObject({ cpvCode: '99999999', cpvLabel: null });
    expect(contracts.rows[2]).toMatchObject({ amount: null, notifiedOn: null });
  });

  it('pages the contracts', async () => {
    const { contracts } = await findSupplier(store.db, supplier.siren, { page: 2, perPage: 2 });
    expect(contracts).toMatchObject({ total: 3, page: 2, perPage: 2 });
    expect(contracts.rows.map((c) => c.decpId)).toEqual(['UNDATED']);
  });

  it('accepts a SIREN typed with spaces', async () => {
    const spaced = `${supplier.siren.slice(0, 3)} ${supplier.siren.slice(3, 6)} ${supplier.siren.slice(6)}`;
    expect((await findSupplier(store.db, spaced)).supplier.siren).toBe(supplier.siren);
  });

  it('hides the location of a non-diffusible supplier', async () => {
    const { supplier: found } = await findSupplier(store.db, hidden.siren);
    expect(found).toMatchObject({
      name: 'Marie Martin',
      diffusible: false,
      communeCode: null,
      communeName: null,
      postalCode: null,
      headOfficeSiret: null,
      contractCount: 1,
    });
  });

  it('rejects a SIREN with a wrong key, naming the field', async () => {
    const error = await findSupplier(store.db, withWrongKey(supplier.siren)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'siren.invalid_key', details: { field: 'siren' } });
    await expect(findSupplier(store.db, '12345')).rejects.toMatchObject({ code: 'siren.invalid_format' });
  });

  it('throws supplier.not_found for a valid SIREN the directory does not know', async () => {
    await expect(findSupplier(store.db, '356000000')).rejects.toMatchObject({
      code: 'supplier.not_found',
      userMessage: expect.stringContaining('356 000 000') as unknown,
    });
  });

  it('counts suppliers, buyers and contracts for the home page', async () => {
    expect(await countDirectory(store.db)).toEqual({ suppliers: 2, buyers: 3, contracts: 4 });
  });
});

describeWithStore('findSupplier, non-diffusible natural person', () => {
  let own: Store;
  beforeAll(async () => {
    own = await openTestStore();
  });
  afterAll(async () => {
    await own.close();
  });

  it('never shows the name of a natural person who refused diffusion, on its page nor as a titulaire', async () => {
    const person = await buildSupplier(own.db, { name: NON_DIFFUSIBLE_NAME, diffusible: false });
    const contract = await buildContract(own.db, { titulaires: [person] });
    expect((await findSupplier(own.db, person.siren)).supplier.name).toBe(NON_DIFFUSIBLE_LABEL);
    const buyer = await findBuyer(own.db, contract.buyer.siret);
    const titulaires = presentBuyer(buyer.buyer, buyer.contracts).contracts.flatMap((c) => c.titulaires);
    expect(titulaires.map((t) => t.name)).toEqual([NON_DIFFUSIBLE_LABEL]);
  });
});
