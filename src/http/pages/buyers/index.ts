import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { BUYER_CONTRACTS_PER_PAGE, findBuyer } from '../../../domain/buyers/index.ts';
import { paginationView, urlWith } from '../pagination.ts';

/** `GET /acheteurs/:siret`: a public buyer and the contracts it published, with their titulaires. */
const buyerPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/acheteurs/:siret',
    {
      schema: {
        params: Type.Object({ siret: Type.String() }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }),
      },
    },
    async (request, reply) => {
      const { buyer, contracts } = await findBuyer(app.store.db, request.params.siret, {
        page: request.query.page,
        perPage: BUYER_CONTRACTS_PER_PAGE,
      });
      const pageCount = Math.max(1, Math.ceil(contracts.total / contracts.perPage));
      return reply.view('buyers/show.njk', {
        nav: 'buyers',
        buyer,
        contracts,
        pagination: paginationView(contracts.page, pageCount, (p) =>
          urlWith(`/acheteurs/${encodeURIComponent(buyer.siret)}`, { page: p }, { page: 1 }),
        ),
      });
    },
  );
};

export default buyerPages;
