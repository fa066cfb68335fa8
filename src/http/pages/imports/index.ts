import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import {
  countsAddUp,
  findImportRun,
  IMPORT_REJECTIONS_PER_PAGE,
  IMPORT_RUNS_PER_PAGE,
  listImportRuns,
  summarizeDecpImports,
} from '../../../domain/imports/index.ts';
import { paginationView, urlWith } from '../pagination.ts';
import { displayImportRun, outcomeRows } from './import-run.view.ts';

const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });

/** A PostgreSQL `integer` id: a larger number is a 400, not a database error. */
const RunParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/**
 * `GET /donnees` (the journal of the open-data imports, 20 runs per page, with a DECP summary to check the
 * directory's counts against) and `GET /donnees/imports/:id` (a run's report: counts, quality flags and
 * rejected records, 50 per page).
 */
const importPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/donnees', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const [result, decp] = await Promise.all([
      listImportRuns(app.store.db, { page: request.query.page, perPage: IMPORT_RUNS_PER_PAGE }),
      summarizeDecpImports(app.store.db),
    ]);
    const hrefFor = (p: number) => urlWith('/donnees', { page: p }, { page: 1 });
    return reply.view('imports/list.njk', {
      nav: 'data',
      result,
      runs: result.results.map(displayImportRun),
      decp,
      decpOutcomes: outcomeRows(decp.counts),
      decpAddsUp: countsAddUp(decp.counts),
      pastTheEnd: result.total > 0 && result.results.length === 0,
      firstPageHref: hrefFor(1),
      pagination: paginationView(result.page, result.pageCount, hrefFor),
    });
  });

  app.get(
    '/donnees/imports/:id',
    { schema: { params: RunParams, querystring: PageQuery } },
    async (request, reply) => {
      const { run, rejections } = await findImportRun(app.store.db, request.params.id, {
        page: request.query.page,
        perPage: IMPORT_REJECTIONS_PER_PAGE,
      });
      const hrefFor = (p: number) => urlWith(`/donnees/imports/${run.id}`, { page: p }, { page: 1 });
      return reply.view('imports/show.njk', {
        nav: 'data',
        run: displayImportRun(run),
        addsUp: countsAddUp(run.counts),
        rejections,
        rejectionsPastTheEnd: rejections.total > 0 && rejections.results.length === 0,
        firstPageHref: hrefFor(1),
        pagination: paginationView(rejections.page, rejections.pageCount, hrefFor),
      });
    },
  );
};

export default importPages;
