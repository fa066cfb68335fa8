import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../store/database.ts';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { ImportReport } from '../import-run.ts';
import { importCpv } from './import-cpv.ts';

const cpvFile = sharedDataPath('cpv', 'cpv_2008.csv');
const cpvParentFile = sharedDataPath('cpv', 'cpv_2008_parent.csv');
const badRows = path.resolve(import.meta.dirname, '../../../test/fixtures/cpv/cpv-bad-rows.csv');
/** Any CSV that is not a CPV list: the communes fixture. */
const notACpvList = path.resolve(import.meta.dirname, '../../../test/fixtures/cog/communes-bad-rows.csv');

/** Data lines of the file, counted without any CSV parser (no label of the list spans two lines). */
function dataLines(file: string): number {
  return (
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '').length - 1
  );
}

async function allRows(store: Store) {
  return store.db.selectFrom('cpv_codes').selectAll().orderBy('code').execute();
}

describeWithStore('importCpv on the CPV 2008 list', () => {
  let store: Store;
  let first: ImportReport;
  beforeAll(async () => {
    store = await openTestStore();
    if (hasSharedData('cpv')) {
      first = await importCpv(store.db, cpvFile);
    }
  });
  afterAll(() => store.close());

  it.skipIf(!hasSharedData('cpv'))(
    'imports every code of cpv_2008.csv with its check digit, parent and level',
    async () => {
      expect(dataLines(cpvFile)).toBe(9454);
      expect(first.counts).toEqual({
        read: 9454,
        inserted: 9454,
        updated: 0,
        unchanged: 0,
        duplicate: 0,
        rejected: 0,
      });
      expect(first.rejections).toEqual([]);

      const pc = await store.db
        .selectFrom('cpv_codes')
        .selectAll()
        .where('code', '=', '30213000')
        .executeTakeFirst();
      expect(pc).toEqual({
        code: '30213000',
        check_digit: '5',
        label: 'Ordinateurs personnels',
        parent_code: '30210000',
        level: 4,
      });
      const division = await store.db
        .selectFrom('cpv_codes')
        .selectAll()
        .where('code', '=', '03000000')
        .executeTakeFirst();
      expect(division).toMatchObject({ check_digit: '1', parent_code: null, level: 1 });
      // The 45 divisions are the only codes without a parent.
      const orphans = await store.db
        .selectFrom('cpv_codes')
        .select([
          sql<number>`count(*)::int`.as('n'),
          sql<number>`count(*) filter (where level = 1)::int`.as('divisions'),
        ])
        .where('parent_code', 'is', null)
        .executeTakeFirstOrThrow();
      expect(orphans).toEqual({ n: 45, divisions: 45 });
    },
  );

  it.skipIf(!hasSharedData('cpv'))(
    'finds nothing to change when the same file is imported again',
    async () => {
      const before = await allRows(store);
      const second = await importCpv(store.db, cpvFile);
      expect(second.counts).toEqual({
        read: 9454,
        inserted: 0,
        updated: 0,
        unchanged: 9454,
        duplicate: 0,
        rejected: 0,
      });
      expect(await allRows(store)).toEqual(before);
      const run = await store.db
        .selectFrom('import_runs')
        .selectAll()
        .where('id', '=', second.runId)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ kind: 'cpv', status: 'done' });
      expect(run.counts).toMatchObject({ read: 9454, unchanged: 9454 });
    },
  );

  it.skipIf(!hasSharedData('cpv'))(
    'reads cpv_2008_parent.csv to the same table, ignoring its wrong parent column',
    async () => {
      const before = await allRows(store);
      const report = await importCpv(store.db, cpvParentFile, { batchSize: 500 });
      expect(report.counts).toEqual({
        read: 9454,
        inserted: 0,
        updated: 0,
        unchanged: 9454,
        duplicate: 0,
        rejected: 0,
      });
      expect(await allRows(store)).toEqual(before);
      // The file gives 30000000 as parent of the division 31000000 and no parent to 30192121.
      const text = fs.readFileSync(cpvParentFile, 'utf8');
      expect(text).toContain(
        '"31000000-6","Machines, appareils, équipements et consommables électriques; éclairage","30000000-9"',
      );
      expect(text).toContain('"30192121-5","Stylos à bille",\n');
      const rows = await store.db
        .selectFrom('cpv_codes')
        .select(['code', 'parent_code'])
        .where('code', 'in', ['31000000', '30192121'])
        .orderBy('code')
        .execute();
      expect(rows).toEqual([
        { code: '30192121', parent_code: '30192100' },
        { code: '31000000', parent_code: null },
      ]);
    },
  );
});

describeWithStore('importCpv on bad records', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('rejects each bad record with its line and reason, and imports the others', async () => {
    const report = await importCpv(store.db, badRows, { batchSize: 2 });
    expect(report.counts).toEqual({
      read: 9,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      duplicate: 1,
      rejected: 5,
    });
    expect(report.rejections.map((r) => r.position)).toEqual([
      'ligne 3',
      'ligne 5',
      'ligne 6',
      'ligne 7',
      'ligne 10',
    ]);
    expect(report.rejections[0]?.reason).toContain("03100000 n'a pas de chiffre de contrôle");
    expect(report.rejections[1]?.reason).toContain("n'est pas un code CPV");
    expect(report.rejections[2]?.reason).toContain("03111100 n'a pas de libellé");
    expect(report.rejections[3]?.reason).toBe('3 champs au lieu de 2');
    expect(report.rejections[4]?.reason).toContain('guillemet non fermé');
    expect(report.rejections[3]?.excerpt).toBe('03111200-4,Graines de soja,en trop');

    const rows = await store.db
      .selectFrom('cpv_codes')
      .select(['code', 'parent_code', 'label'])
      .orderBy('code')
      .execute();
    // 03100000 was rejected, so 03110000 hangs from the division; the first 03111300 wins.
    expect(rows).toEqual([
      {
        code: '03000000',
        parent_code: null,
        label: "Produits agricoles, de l'élevage, de la pêche, de la sylviculture et produits connexes",
      },
      {
        code: '03110000',
        parent_code: '03000000',
        label: "Produits agricoles, produits de la culture maraîchère et de l'horticulture commerciale",
      },
      { code: '03111300', parent_code: '03110000', label: 'Graines de tournesol' },
    ]);
    const saved = await store.db
      .selectFrom('import_rejections')
      .select(['position', 'reason'])
      .where('run_id', '=', report.runId)
      .orderBy('id')
      .execute();
    expect(saved.map((r) => r.position)).toEqual(['ligne 3', 'ligne 5', 'ligne 6', 'ligne 7', 'ligne 10']);
  });

  it('refuses a file that is not a CPV list before writing anything', async () => {
    const runsBefore = await store.db.selectFrom('import_runs').select('id').execute();
    await expect(importCpv(store.db, notACpvList)).rejects.toMatchObject({ code: 'cpv.unknown_layout' });
    expect(await store.db.selectFrom('import_runs').select('id').execute()).toEqual(runsBefore);
  });
});
