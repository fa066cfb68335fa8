import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createPostgresSearchIndex } from '../../../search/index.ts';
import { nearError, resolveNear } from '../../search-near.ts';
import { parseSearchParams, searchParamError } from '../../search-params.ts';
import { searchPage } from '../../search-run.ts';
import { searchSchema } from './schema.ts';

/**
 * `GET /search` (mounted under `/api/v1`): the sourcing search engine over suppliers. The query string
 * is read by `parseSearchParams` (shared with the page `/recherche`); `near` must be an INSEE code.
 */
const searchApi: FastifyPluginAsyncTypebox = async (app) => {
  const index = createPostgresSearchIndex(app.store.db);

  app.get('/search', { schema: searchSchema }, async (request) => {
    const { params, errors } = parseSearchParams(request.query);
    const [firstError] = errors;
    if (firstError !== undefined) {
      throw searchParamError(firstError);
    }
    const near = await resolveNear(app.store.db, params, { names: false });
    if (near.problem !== null) {
      throw nearError(near.problem);
    }
    const { response, communes } = await searchPage(app.store.db, index, params, near.commune);
    return {
      ...response,
      results: response.results.map((result) => ({
        ...result,
        communeName:
          (result.communeCode === null ? undefined : communes.get(result.communeCode)?.name) ?? null,
      })),
    };
  });
};

export default searchApi;
