import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { importDecp } from '../../../ingest/decp/import-decp.ts';
import { ImportRun, type ImportReport } from '../../../ingest/import-run.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

const realFile = sharedDataPath('decp', 'real-v1-2019', 'e-marchespublics.json');
const hasRealFile = hasSharedData('decp', 'real-v1-2019', 'e-marchespublics.json');
const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/decp');
const SECRET_DIR = '/srv/amont-secret';

/** The flags of a report as the API gives them: `flag.` removed. */
function flagsOf(report: ImportReport): Record<string, number> {
  return Object.fromEntries(
    Object.entries(report.extra)
      .filter(([key]) => key.startsWith('flag.'))
      .map(([key, n]) => [key.slice('flag.'.length), n]),
  );
}

describeWithStore('API /api/v1/imports', () => {
  let store: Store;
  let app: FastifyInstance;
  let real: ImportReport | undefined;
  let rejected: ImportReport;
  let dirty: ImportReport;
  let sirene: ImportReport;
  let running: ImportRun;
  let seedId: number;

  const startedAt = async (id: number) =>
    (
      await store.db
        .selectFrom('import_runs')
        .select(['started_at', 'finished_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).started_at.toISOString();

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    if (hasRealFile) {
      real = await importDecp(db, realFile);
    }
    dirty = await importDecp(db, path.join(fixtures, 'dirty-values-2019.json'));
    rejected = await importDecp(db, path.join(fixtures, 'rejections-2019.json'));
    running = await ImportRun.start(db, 'communes', `${SECRET_DIR}/geo/communes_geo.csv`);
    const run = await ImportRun.start(db, 'sirene', `${SECRET_DIR}/sirene/StockUniteLegale.csv`);
    run.record('inserted');
    run.record('unchanged');
    run.reject({ position: 'ligne 4', reason: 'SIREN invalide' });
    run.bump('flag.naf_invalid', 2);
    run.bump('supplier.head_office_set');
    sirene = await run.finish();
    const seed = await db
      .insertInto('import_runs')
      .values({ kind: 'seed', file: SECRET_DIR, status: 'done', finished_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    seedId = seed.id;
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const runCount = () => 4 + (hasRealFile ? 1 : 0);

  describe('GET /api/v1/imports', () => {
    it('lists the runs newest first with base names, counts and flags, without the seed marker', async () => {
      const res = await app.inject('/api/v1/imports');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      const body = res.json();
      expect(body).toMatchObject({ total: runCount(), page: 1, perPage: 20 });
      expect(body.results.map((r: { id: number }) => r.id)).toEqual([
        sirene.runId,
        running.runId,
        rejected.runId,
        dirty.runId,
        ...(real ? [real.runId] : []),
      ]);
      const finished = await store.db
        .selectFrom('import_runs')
        .select('finished_at')
        .where('id', '=', sirene.runId)
        .executeTakeFirstOrThrow();
      expect(body.results[0]).toEqual({
        id: sirene.runId,
        kind: 'sirene',
        file: 'StockUniteLegale.csv',
        status: 'done',
        startedAt: await startedAt(sirene.runId),
        finishedAt: finished.finished_at!.toISOString(),
        counts: { read: 3, inserted: 1, updated: 0, unchanged: 1, duplicate: 0, rejected: 1 },
        flags: { naf_invalid: 2 },
      });
      expect(body.results[1]).toMatchObject({
        kind: 'communes',
        file: 'communes_geo.csv',
        status: 'running',
        finishedAt: null,
        counts: { read: 0, inserted: 0, updated: 0, unchanged: 0, duplicate: 0, rejected: 0 },
        flags: {},
      });
      expect(body.results[3]).toMatchObject({
        file: 'dirty-values-2019.json',
        counts: dirty.counts,
        flags: flagsOf(dirty),
      });
      expect(Object.keys(flagsOf(dirty)).length).toBeGreaterThan(3);
      expect(res.body).not.toContain(SECRET_DIR);
      expect(res.body).not.toContain(fixtures);
      expect(res.body).not.toContain('"seed"');
    });

    it.skipIf(!hasRealFile)('gives the counts of a real DECP import as its report does', async () => {
      const body = (await app.inject('/api/v1/imports')).json();
      const run = body.results.find((r: { id: number }) => r.id === real!.runId);
      expect(run).toEqual({
        id: real!.runId,
        kind: 'decp',
        file: 'e-marchespublics.json',
        status: 'done',
        startedAt: await startedAt(real!.runId),
        finishedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        counts: real!.counts,
        flags: flagsOf(real!),
      });
      expect(real!.counts.read).toBe(470);
      expect(JSON.stringify(body)).not.toContain(path.dirname(realFile));
    });

    it('pages with page and perPage', async () => {
      const body = (await app.inject('/api/v1/imports?page=2&perPage=2')).json();
      expect(body).toMatchObject({ total: runCount(), page: 2, perPage: 2 });
      expect(body.results.map((r: { id: number }) => r.id)).toEqual([rejected.runId, dirty.runId]);
      const past = (await app.inject('/api/v1/imports?page=9&perPage=2')).json();
      expect(past).toEqual({ total: runCount(), page: 9, perPage: 2, results: [] });
    });

    it('answers 400 with the field for a bad page or perPage', async () => {
      for (const [query, field] of [
        ['page=0', 'page'],
        ['perPage=101', 'perPage'],
        ['page=abc', 'page'],
      ]) {
        const res = await app.inject(`/api/v1/imports?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'request.invalid', details: { field } });
      }
    });
  });

  describe('GET /api/v1/imports/:id', () => {
    it('gives a run with its other figures and its rejections, in file order', async () => {
      const res = await app.inject(`/api/v1/imports/${rejected.runId}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const rejectedCodes = Object.fromEntries(
        Object.entries(rejected.extra).filter(([key]) => key.startsWith('rejected.')),
      );
      expect(body).toEqual({
        id: rejected.runId,
        kind: 'decp',
        file: 'rejections-2019.json',
        status: 'done',
        startedAt: await startedAt(rejected.runId),
        finishedAt: expect.any(String),
        counts: rejected.counts,
        flags: flagsOf(rejected),
        otherFigures: rejectedCodes,
        rejections: {
          total: rejected.counts.rejected,
          page: 1,
          perPage: 50,
          results: rejected.rejections.map((r) => ({
            position: r.position,
            reason: r.reason,
            excerpt: r.excerpt ?? null,
          })),
        },
      });
      expect(Object.keys(rejectedCodes).length).toBeGreaterThan(0);
      expect(body.rejections.results).toHaveLength(10);
    });

    it('pages the rejections', async () => {
      const body = (await app.inject(`/api/v1/imports/${rejected.runId}?page=3&perPage=4`)).json();
      expect(body.rejections).toMatchObject({ total: 10, page: 3, perPage: 4 });
      expect(body.rejections.results.map((r: { position: string }) => r.position)).toEqual(
        rejected.rejections.slice(8, 10).map((r) => r.position),
      );
    });

    it('gives the SIRENE figures and a rejection without excerpt', async () => {
      const body = (await app.inject(`/api/v1/imports/${sirene.runId}`)).json();
      expect(body.flags).toEqual({ naf_invalid: 2 });
      expect(body.otherFigures).toEqual({ 'supplier.head_office_set': 1 });
      expect(body.rejections.results).toEqual([
        { position: 'ligne 4', reason: 'SIREN invalide', excerpt: null },
      ]);
    });

    it('answers 404 for an unknown run and for the seed marker', async () => {
      for (const id of [999_999, seedId]) {
        const res = await app.inject(`/api/v1/imports/${id}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({
          error: {
            code: 'import_run.not_found',
            message: `Aucun import n° ${id} ne figure dans le journal des données importées.`,
            details: { field: 'id', value: id },
          },
        });
      }
    });

    it('answers 400 to an id that is not a positive integer', async () => {
      for (const id of ['abc', '1.5', '0', '99999999999']) {
        const res = await app.inject(`/api/v1/imports/${id}`);
        expect(res.statusCode, id).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'request.invalid',
          details: { field: 'id', in: 'params' },
        });
      }
    });
  });
});

describeWithStore('API /api/v1/imports documentation', () => {
  it('is described in the OpenAPI document under the « données » tag', async () => {
    // Needs no data: the document is built from the route schemas.
    const store = await openTestStore();
    const app = await buildApp({ store });
    try {
      const doc = (await app.inject('/api/docs/json')).json();
      const list = doc.paths['/api/v1/imports'].get;
      const show = doc.paths['/api/v1/imports/{id}'].get;
      expect(list.tags).toEqual(['données']);
      expect(show.tags).toEqual(['données']);
      expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['page', 'perPage']);
      expect(show.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`).sort()).toEqual([
        'path:id',
        'query:page',
        'query:perPage',
      ]);
      expect(Object.keys(show.responses).sort()).toEqual(['200', '400', '404', '500']);
      const item = list.responses['200'].content['application/json'].schema.properties.results.items;
      expect(Object.keys(item.properties)).toEqual([
        'id',
        'kind',
        'file',
        'status',
        'startedAt',
        'finishedAt',
        'counts',
        'flags',
      ]);
      expect(doc.tags.map((t: { name: string }) => t.name)).toContain('données');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
