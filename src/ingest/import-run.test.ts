import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../test/setup/test-store.ts';
import type { Store } from '../store/database.ts';
import { ImportRun } from './import-run.ts';

describeWithStore('ImportRun', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('saves counts and rejections with each committed batch, and the totals add up', async () => {
    const run = await ImportRun.start(store.db, 'cpv', 'fixture.csv');
    run.record('inserted');
    run.reject({ position: 'ligne 3', reason: 'Code CPV invalide', excerpt: '1234' });
    await run.commitBatch(async (trx) => {
      await trx
        .insertInto('cpv_codes')
        .values({
          code: '03000000',
          check_digit: '1',
          label: 'Produits agricoles',
          parent_code: null,
          level: 1,
        })
        .execute();
    });
    const saved = await store.db
      .selectFrom('import_runs')
      .select(['counts', 'status'])
      .where('id', '=', run.runId)
      .executeTakeFirstOrThrow();
    expect(saved).toEqual({
      status: 'running',
      counts: { read: 2, inserted: 1, updated: 0, unchanged: 0, duplicate: 0, rejected: 1 },
    });
    run.record('unchanged');
    run.bump('flag.x', 2);
    const report = await run.finish();
    expect(report.counts).toEqual({
      read: 3,
      inserted: 1,
      updated: 0,
      unchanged: 1,
      duplicate: 0,
      rejected: 1,
    });
    expect(report.extra).toEqual({ 'flag.x': 2 });
    expect(report.rejections).toEqual([
      { position: 'ligne 3', reason: 'Code CPV invalide', excerpt: '1234' },
    ]);
    const rejections = await store.db
      .selectFrom('import_rejections')
      .select(['position', 'reason'])
      .where('run_id', '=', run.runId)
      .execute();
    expect(rejections).toEqual([{ position: 'ligne 3', reason: 'Code CPV invalide' }]);
  });

  it('saves nothing of a batch whose write fails, and keeps the earlier batches', async () => {
    const run = await ImportRun.start(store.db, 'cpv', 'crash.csv');
    run.record('inserted');
    await run.commitBatch(async (trx) => {
      await trx
        .insertInto('cpv_codes')
        .values({
          code: '09000000',
          check_digit: '3',
          label: 'Produits pétroliers',
          parent_code: null,
          level: 1,
        })
        .execute();
    });
    run.record('inserted');
    await expect(
      run.commitBatch(async (trx) => {
        await trx
          .insertInto('cpv_codes')
          .values({
            code: '14000000',
            check_digit: '1',
            label: 'Produits miniers',
            parent_code: null,
            level: 1,
          })
          .execute();
        // Same key again: the batch fails as a whole.
        await trx
          .insertInto('cpv_codes')
          .values({
            code: '14000000',
            check_digit: '1',
            label: 'Produits miniers',
            parent_code: null,
            level: 1,
          })
          .execute();
      }),
    ).rejects.toThrow();
    const codes = await store.db
      .selectFrom('cpv_codes')
      .select('code')
      .where('code', 'in', ['09000000', '14000000'])
      .execute();
    expect(codes.map((c) => c.code)).toEqual(['09000000']);
    const saved = await store.db
      .selectFrom('import_runs')
      .select('counts')
      .where('id', '=', run.runId)
      .executeTakeFirstOrThrow();
    expect(saved.counts.read).toBe(1);
  });
});
