import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/database.ts';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { ImportReport } from '../import-run.ts';
import { importCommunes } from './import-communes.ts';

const communesFile = sharedDataPath('geo', 'communes_geo.csv');
const badRows = path.resolve(import.meta.dirname, '../../../test/fixtures/cog/communes-bad-rows.csv');

/** The file's rows split by hand: it has no quoted field, so a plain split is an independent reading. */
function fileRows(): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(communesFile, 'utf8').trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

/** A fingerprint of the whole table, to show that a second import changed nothing. */
async function tableDigest(store: Store): Promise<string> {
  const row = await sql<{ digest: string }>`
    select md5(string_agg(c::text, '|' order by insee_code)) as digest from communes c`.execute(store.db);
  return row.rows[0]!.digest;
}

describeWithStore('importCommunes on communes_geo.csv', () => {
  let store: Store;
  let first: ImportReport;
  beforeAll(async () => {
    store = await openTestStore();
    if (hasSharedData('geo')) {
      first = await importCommunes(store.db, communesFile);
    }
  });
  afterAll(() => store.close());

  it.skipIf(!hasSharedData('geo'))('imports every commune of the file', async () => {
    const rows = fileRows();
    expect(rows).toHaveLength(35009);
    expect(first.counts).toEqual({
      read: 35009,
      inserted: 35009,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
    });
    const byType = await store.db
      .selectFrom('communes')
      .select(['type', sql<number>`count(*)::int`.as('n')])
      .groupBy('type')
      .orderBy('type')
      .execute();
    const expected = new Map<string, number>();
    for (const r of rows) {
      expected.set(r.type!, (expected.get(r.type!) ?? 0) + 1);
    }
    expect(byType).toEqual(
      [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => ({ type, n })),
    );
  });

  it.skipIf(!hasSharedData('geo'))(
    'stores Rennes, Ajaccio and the 1st arrondissement of Paris as INSEE and La Poste give them',
    async () => {
      const rows = await store.db
        .selectFrom('communes')
        .selectAll()
        .where('insee_code', 'in', ['35238', '2A004', '75101', '98901'])
        .orderBy('insee_code')
        .execute();
      expect(rows).toEqual([
        {
          insee_code: '2A004',
          name: 'Ajaccio',
          type: 'COM',
          parent_code: null,
          department_code: '2A',
          region_code: '94',
          postal_code: '20000',
          postal_codes: ['20000', '20090', '20167'],
          latitude: 41.934723,
          longitude: 8.700938,
          population: 76320,
        },
        {
          insee_code: '35238',
          name: 'Rennes',
          type: 'COM',
          parent_code: null,
          department_code: '35',
          region_code: '53',
          postal_code: '35000',
          postal_codes: ['35000', '35200', '35700'],
          latitude: 48.11168,
          longitude: -1.681869,
          population: 230890,
        },
        {
          insee_code: '75101',
          name: 'Paris 1er Arrondissement',
          type: 'ARM',
          parent_code: '75056',
          department_code: '75',
          region_code: '11',
          postal_code: '75001',
          postal_codes: ['75001'],
          latitude: 48.86255,
          longitude: 2.336419,
          population: 15114,
        },
        {
          // Clipperton: an overseas collectivity, no région, no population.
          insee_code: '98901',
          name: 'Île de Clipperton',
          type: 'COM_OM',
          parent_code: null,
          department_code: '989',
          region_code: null,
          postal_code: '98799',
          postal_codes: ['98799'],
          latitude: 10.297389,
          longitude: -109.221264,
          population: null,
        },
      ]);
      const paris = await store.db
        .selectFrom('communes')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('parent_code', '=', '75056')
        .executeTakeFirstOrThrow();
      expect(paris.n).toBe(20);
    },
  );

  it.skipIf(!hasSharedData('geo'))(
    'finds nothing to change when the same file is imported again',
    async () => {
      const before = await tableDigest(store);
      const second = await importCommunes(store.db, communesFile, { batchSize: 5000 });
      expect(second.counts).toEqual({
        read: 35009,
        inserted: 0,
        updated: 0,
        unchanged: 35009,
        duplicate: 0,
        rejected: 0,
      });
      expect(await tableDigest(store)).toBe(before);
    },
  );
});

describeWithStore('importCommunes on bad records', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('rejects each bad record with its line and a French reason, and imports the others', async () => {
    const report = await importCommunes(store.db, badRows, { batchSize: 2 });
    expect(report.counts).toEqual({
      read: 9,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      duplicate: 1,
      rejected: 6,
    });
    expect(report.rejections.map((r) => [r.position, r.reason])).toEqual([
      ['ligne 3', expect.stringContaining('la Corse est codée 2A (Corse-du-Sud) ou 2B (Haute-Corse)')],
      ['ligne 4', 'Le département 2B ne correspond pas au code commune 2A004.'],
      ['ligne 5', 'Coordonnées de 35047 : latitude manquante.'],
      ['ligne 6', "Coordonnées de 35051 : latitude 148.121 hors de l'intervalle [-90, 90]."],
      ['ligne 7', 'Code postal « 3513 » invalide : 5 chiffres attendus.'],
      ['ligne 10', '13 champs au lieu de 12'],
    ]);
    const codes = await store.db.selectFrom('communes').select('insee_code').orderBy('insee_code').execute();
    expect(codes.map((c) => c.insee_code)).toEqual(['35238', '75101']);
  });

  it('refuses a file without the commune columns before writing anything', async () => {
    const cpvFixture = path.resolve(import.meta.dirname, '../../../test/fixtures/cpv/cpv-bad-rows.csv');
    await expect(importCommunes(store.db, cpvFixture)).rejects.toMatchObject({
      code: 'communes.unknown_layout',
      userMessage: expect.stringContaining('code_insee, nom, type, dep_code, latitude, longitude'),
    });
    const runs = await store.db.selectFrom('import_runs').select('file').execute();
    expect(runs.map((r) => r.file)).not.toContain(cpvFixture);
  });
});
