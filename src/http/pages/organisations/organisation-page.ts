import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getShowcase, presentShowcase, SHOWCASE_CONTRACTS } from '../../../domain/supplier-profiles/index.ts';

/**
 * `GET /organisations/:siret`: an organisation's public page — its name (hidden for a non-diffusible
 * natural person), SIRENE activity, profile, labels and innovation signals, published solutions, declared
 * references and its most recent DECP contracts. Its members see their drafts too and a link to manage
 * it. A suspended organisation is « not found » for the public.
 */
const organisationPage: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations/:siret',
    { schema: { params: Type.Object({ siret: Type.String({ maxLength: 40 }) }) } },
    async (request, reply) => {
      const showcase = await getShowcase(app.store.db, request.actor, request.params.siret);
      return reply.view('organisations/show.njk', {
        nav: 'suppliers',
        organisation: presentShowcase(showcase),
        // The contracts table partial reads the domain rows (as on the supplier's page).
        contracts: showcase.decpContracts,
        contractsShown: SHOWCASE_CONTRACTS,
      });
    },
  );
};

export default organisationPage;
