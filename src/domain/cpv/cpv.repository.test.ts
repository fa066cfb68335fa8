import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/database.ts';
import { importCpv } from '../../ingest/cpv/import-cpv.ts';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { cpvCount, cpvLabels, findCpv } from './cpv.repository.ts';

const withData = hasSharedData('cpv', 'cpv_2008.csv');

describeWithStore('CPV repository', () => {
  let store: Store;
  let countBeforeImport: number;
  beforeAll(async () => {
    store = await openTestStore();
    countBeforeImport = await cpvCount(store.db);
    if (withData) {
      await importCpv(store.db, sharedDataPath('cpv', 'cpv_2008.csv'));
    }
  });
  afterAll(() => store.close());

  it.skipIf(!withData)('counts the imported codes: 0 before, 9 454 after the CPV 2008 list', async () => {
    expect(countBeforeImport).toBe(0);
    expect(await cpvCount(store.db)).toBe(9454);
  });

  it.skipIf(!withData)('finds a code with its check digit, label, parent and level', async () => {
    expect(await findCpv(store.db, '30213000')).toEqual({
      code: '30213000',
      checkDigit: '5',
      label: 'Ordinateurs personnels',
      parentCode: '30210000',
      level: 4,
    });
    expect(await findCpv(store.db, '30210000')).toMatchObject({
      label: 'Machines de traitement des données (matériel)',
      parentCode: '30200000',
      level: 3,
    });
    expect(await findCpv(store.db, '99999999')).toBeNull();
  });

  it.skipIf(!withData)('gives the labels of several codes, skipping unknown ones', async () => {
    const labels = await cpvLabels(store.db, ['30213000', '45000000', '30213000', '99999999']);
    expect([...labels]).toEqual(
      expect.arrayContaining([
        ['30213000', 'Ordinateurs personnels'],
        ['45000000', 'Travaux de construction'],
      ]),
    );
    expect(labels.size).toBe(2);
    expect(await cpvLabels(store.db, [])).toEqual(new Map());
  });
});
