import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { ImportRun } from '../../ingest/import-run.ts';
import { importDecp } from '../../ingest/decp/import-decp.ts';
import type { Store } from '../../store/database.ts';
import { findImportRun } from './find-import-run.ts';
import { listImportRuns } from './list-import-runs.ts';
import { summarizeDecpImports } from './summarize-decp-imports.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/decp');

describeWithStore('imports journal', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await sql`truncate contract_modifications, contract_titulaires, contracts, establishments, suppliers, buyers,
      import_rejections, import_runs restart identity cascade`.execute(store.db);
  });

  async function storeCount(table: 'contracts' | 'buyers' | 'suppliers'): Promise<number> {
    const row = await store.db
      .selectFrom(table)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  it('sums the latest finished run of each DECP file, next to what the store holds', async () => {
    const rejections = path.join(fixtures, 'rejections-2019.json');
    const duplicates = path.join(fixtures, 'duplicates-2019.json');
    await importDecp(store.db, rejections);
    const again = await importDecp(store.db, rejections);
    const other = await importDecp(store.db, duplicates);
    // A DECP run in progress and a CPV run are not part of the DECP summary.
    const running = await ImportRun.start(store.db, 'decp', rejections);
    running.record('inserted');
    await running.flush();
    const cpv = await ImportRun.start(store.db, 'cpv', 'cpv_2008.csv');
    cpv.record('inserted');
    await cpv.finish();

    const summary = await summarizeDecpImports(store.db);
    expect(summary.files).toBe(2);
    expect(again.counts.unchanged).toBe(1);
    const expected = Object.fromEntries(
      Object.keys(again.counts).map((k) => {
        const key = k as keyof typeof again.counts;
        return [key, again.counts[key] + other.counts[key]];
      }),
    );
    expect(summary.counts).toEqual(expected);
    expect(summary.store).toEqual({
      contracts: await storeCount('contracts'),
      buyers: await storeCount('buyers'),
      suppliers: await storeCount('suppliers'),
    });
  });

  it('lists runs newest first without the seed marker, and finds a run with its rejections', async () => {
    const report = await importDecp(store.db, path.join(fixtures, 'rejections-2019.json'));
    const later = await ImportRun.start(store.db, 'communes', '/srv/data/geo/communes_geo.csv');
    const seed = await store.db
      .insertInto('import_runs')
      .values({ kind: 'seed', file: '/srv/data', status: 'done', finished_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();

    const page = await listImportRuns(store.db);
    expect(page).toMatchObject({ total: 2, page: 1, perPage: 20, pageCount: 1 });
    expect(page.results.map((r) => [r.id, r.kind, r.file, r.status])).toEqual([
      [later.runId, 'communes', 'communes_geo.csv', 'running'],
      [report.runId, 'decp', 'rejections-2019.json', 'done'],
    ]);
    expect(page.results[1]!.counts).toEqual(report.counts);

    const found = await findImportRun(store.db, report.runId, { page: 2, perPage: 4 });
    expect(found.rejections).toMatchObject({ total: report.rejections.length, page: 2, perPage: 4 });
    expect(found.rejections.results).toEqual(
      report.rejections.slice(4, 8).map((r) => ({ ...r, excerpt: r.excerpt ?? null })),
    );
    await expect(findImportRun(store.db, seed.id)).rejects.toMatchObject({ code: 'import_run.not_found' });
    await expect(findImportRun(store.db, 999_999)).rejects.toMatchObject({ code: 'import_run.not_found' });
  });
});
