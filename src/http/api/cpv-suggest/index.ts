import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { presentCpvSuggestion, suggestCpv } from '../../../search/cpv-suggest/index.ts';
import { cpvSuggestSchema } from './schema.ts';

/**
 * `GET /cpv/suggest` (mounted under `/api/v1`): CPV codes for a need written in French. A blank `q`
 * answers 400 (`cpv_suggest.invalid_query`, field `q`), as does a `limit` outside 1–20.
 */
const cpvSuggestApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/cpv/suggest', { schema: cpvSuggestSchema }, async (request) => {
    const { q, limit } = request.query;
    const { suggestions } = await suggestCpv(app.store.db, { q, limit });
    return { suggestions: suggestions.map(presentCpvSuggestion) };
  });
};

export default cpvSuggestApi;
