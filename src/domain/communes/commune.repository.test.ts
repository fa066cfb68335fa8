import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/database.ts';
import { importCommunes } from '../../ingest/cog/import-communes.ts';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { findCommune, searchCommunes } from './commune.repository.ts';

const withData = hasSharedData('geo', 'communes_geo.csv');

describeWithStore('commune repository', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    if (withData) {
      await importCommunes(store.db, sharedDataPath('geo', 'communes_geo.csv'));
    }
  });
  afterAll(() => store.close());

  it.skipIf(!withData)('finds a commune by INSEE code, Corsica in any case', async () => {
    expect(await findCommune(store.db, '35238')).toEqual({
      inseeCode: '35238',
      name: 'Rennes',
      type: 'COM',
      parentCode: null,
      departmentCode: '35',
      regionCode: '53',
      postalCode: '35000',
      postalCodes: ['35000', '35200', '35700'],
      latitude: 48.11168,
      longitude: -1.681869,
      population: 230890,
    });
    expect(await findCommune(store.db, '2a004')).toMatchObject({
      name: 'Ajaccio',
      departmentCode: '2A',
      regionCode: '94',
    });
    expect(await findCommune(store.db, '20004')).toBeNull();
  });

  it.skipIf(!withData)(
    'searches by name prefix, accents, case and hyphens ignored, most populated first',
    async () => {
      const rennes = await searchCommunes(store.db, 'rennes', 5);
      expect(rennes[0]).toMatchObject({ inseeCode: '35238', name: 'Rennes' });
      const stEtienne = await searchCommunes(store.db, 'saint etienne', 3);
      expect(stEtienne[0]).toMatchObject({ inseeCode: '42218', name: 'Saint-Étienne' });
      const ile = await searchCommunes(store.db, 'ILE DE CLIPP');
      expect(ile.map((c) => c.inseeCode)).toEqual(['98901']);
    },
  );

  it.skipIf(!withData)('tolerates a typo through trigram word similarity', async () => {
    const found = await searchCommunes(store.db, 'Rénnes', 10);
    expect(found.map((c) => c.name)).toContain('Rennes');
    const typo = await searchCommunes(store.db, 'Grenobel', 10);
    expect(typo.map((c) => c.name)).toContain('Grenoble');
  });

  it.skipIf(!withData)('searches by postal code or INSEE code prefix', async () => {
    // 35200 is a postal code of Rennes and the INSEE code of Moutiers: both match, Rennes is larger.
    const byPostalCode = await searchCommunes(store.db, '35200');
    expect(byPostalCode.map((c) => [c.inseeCode, c.name])).toEqual([
      ['35238', 'Rennes'],
      ['35200', 'Moutiers'],
    ]);
    // Paris (75056) carries the postal codes of its arrondissements.
    const paris1 = await searchCommunes(store.db, '75001');
    expect(paris1.map((c) => [c.inseeCode, c.parentCode])).toEqual([
      ['75056', null],
      ['75101', '75056'],
    ]);
    const corsica = await searchCommunes(store.db, '2A00', 20);
    expect(corsica.map((c) => c.inseeCode)).toContain('2A004');
    expect(corsica[0]?.inseeCode).toBe('2A004');
  });

  it.skipIf(!withData)('gives nothing for blank text and caps the number of results', async () => {
    expect(await searchCommunes(store.db, '   ')).toEqual([]);
    expect(await searchCommunes(store.db, 'saint', 7)).toHaveLength(7);
  });
});
