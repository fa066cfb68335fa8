import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  findImportRun,
  listImportRuns,
  presentImportRunDetail,
  presentImportRunList,
} from '../../../domain/imports/index.ts';
import { getImportSchema, listImportsSchema } from './schema.ts';

/**
 * `GET /imports` and `GET /imports/:id` (mounted under `/api/v1`): the public journal of the open-data
 * imports. Errors are thrown and answered by the error handler.
 */
const importsApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/imports', { schema: listImportsSchema }, async (request) => {
    return presentImportRunList(await listImportRuns(app.store.db, request.query));
  });

  app.get('/imports/:id', { schema: getImportSchema }, async (request) => {
    return presentImportRunDetail(await findImportRun(app.store.db, request.params.id, request.query));
  });
};

export default importsApi;
