import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findBuyer, presentBuyer } from '../../../domain/buyers/index.ts';
import { getBuyerSchema } from './schema.ts';

/** `GET /buyers/:siret` (mounted under `/api/v1`). */
const buyersApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/buyers/:siret', { schema: getBuyerSchema }, async (request) => {
    const { buyer, contracts } = await findBuyer(app.store.db, request.params.siret, request.query);
    return presentBuyer(buyer, contracts);
  });
};

export default buyersApi;
