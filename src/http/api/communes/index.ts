import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { searchCommunes } from '../../../domain/communes/index.ts';
import { COMMUNES_DEFAULT_LIMIT, listCommunesSchema } from './schema.ts';

/** `GET /communes?q=&limit=` (mounted under `/api/v1`): the commune autocomplete of the search page. */
const communesApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/communes', { schema: listCommunesSchema }, async (request) => {
    const { q, limit } = request.query;
    const communes = await searchCommunes(app.store.db, q, limit ?? COMMUNES_DEFAULT_LIMIT);
    return {
      results: communes.map((commune) => ({
        code: commune.inseeCode,
        name: commune.name,
        departmentCode: commune.departmentCode,
        postalCode: commune.postalCode,
      })),
    };
  });
};

export default communesApi;
