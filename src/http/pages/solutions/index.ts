import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getSolution, openDocument, presentSolution } from '../../../domain/solutions/index.ts';
import { sendDocument } from '../../send-document.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/**
 * `GET /solutions/:id` (a solution's public page: published ones for everyone, drafts for their
 * organisation's members and the platform admins, « not found » for anyone else) and
 * `GET /solutions/:id/documents/:documentId` (a document, to whoever may read the solution). Documents
 * are always sent as attachments with `X-Content-Type-Options: nosniff`: a browser never renders an
 * uploaded file in Amont's origin.
 */
const solutionPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/solutions/:id', { schema: { params: Type.Object({ id: Id }) } }, async (request, reply) => {
    const solution = presentSolution(await getSolution(app.store.db, request.actor, request.params.id));
    if (solution.status !== 'published') {
      reply.header('cache-control', 'no-store');
    }
    return reply.view('solutions/show.njk', { nav: 'suppliers', solution });
  });

  app.get(
    '/solutions/:id/documents/:documentId',
    { schema: { params: Type.Object({ id: Id, documentId: Id }) } },
    async (request, reply) => {
      const { document, bytes } = await openDocument(
        app.store.db,
        app.uploads.storage,
        request.actor,
        request.params.id,
        request.params.documentId,
      );
      return sendDocument(reply, document, bytes);
    },
  );
};

export default solutionPages;
