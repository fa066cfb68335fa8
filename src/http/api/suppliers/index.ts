import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  findSupplier,
  listSuppliers,
  presentSupplier,
  presentSupplierList,
} from '../../../domain/suppliers/index.ts';
import { getSupplierSchema, listSuppliersSchema } from './schema.ts';

/**
 * `GET /suppliers` and `GET /suppliers/:siren` (mounted under `/api/v1`): parse, call the use case,
 * present. Errors are thrown and answered by the error handler.
 */
const suppliersApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/suppliers', { schema: listSuppliersSchema }, async (request) => {
    const { q, page, perPage, sort } = request.query;
    return presentSupplierList(await listSuppliers(app.store.db, { q, page, perPage, sort }));
  });

  app.get('/suppliers/:siren', { schema: getSupplierSchema }, async (request) => {
    const { supplier, contracts } = await findSupplier(app.store.db, request.params.siren, request.query);
    return presentSupplier(supplier, contracts);
  });
};

export default suppliersApi;
