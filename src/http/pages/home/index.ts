import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { countDirectory } from '../../../domain/suppliers/index.ts';

/** `GET /`: what Amont is, a search box to the directory and what it holds. */
const homePage: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', async (_request, reply) => {
    const counts = await countDirectory(app.store.db);
    return reply.view('home.njk', { counts, nav: 'home' });
  });
};

export default homePage;
