import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getShowcase, presentShowcase } from '../../../domain/supplier-profiles/index.ts';
import { getOrganisationSchema } from './schema.ts';

/** `GET /organisations/:siret` (mounted under `/api/v1`): an organisation's public page as JSON. */
const organisationsApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/organisations/:siret', { schema: getOrganisationSchema }, async (request) =>
    presentShowcase(await getShowcase(app.store.db, request.actor, request.params.siret)),
  );
};

export default organisationsApi;
