import type { FastifyInstance } from 'fastify';
import claimPages from './claim.ts';
import organisationPage from './organisation-page.ts';

/**
 * Organisation pages: the public page of an organisation (`/organisations/:siret`) and the claim pages
 * (`/organisations/rattachement…`) by which a user becomes a member.
 * @param app the root instance
 */
export default async function organisationPages(app: FastifyInstance): Promise<void> {
  await app.register(claimPages);
  await app.register(organisationPage);
}
