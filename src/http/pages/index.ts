import type { FastifyInstance } from 'fastify';
import accountPages from './accounts/index.ts';
import buyerPages from './buyers/index.ts';
import homePage from './home/index.ts';
import importPages from './imports/index.ts';
import moderationPages from './moderation/index.ts';
import needPages from './need/index.ts';
import myOrganisationPages from './my-organisation/index.ts';
import organisationPages from './organisations/index.ts';
import planningPages from './planning/index.ts';
import projectPages from './projects/index.ts';
import searchPages from './search/index.ts';
import solutionPages from './solutions/index.ts';
import supplierPages from './suppliers/index.ts';

/**
 * The public pages (French, server-rendered, usable without JavaScript). They are untagged, so the
 * OpenAPI document leaves them out.
 * @param app the root instance
 */
export default async function pages(app: FastifyInstance): Promise<void> {
  await app.register(homePage);
  await app.register(supplierPages);
  await app.register(buyerPages);
  await app.register(importPages);
  await app.register(searchPages);
  await app.register(planningPages);
  await app.register(accountPages);
  await app.register(organisationPages);
  await app.register(myOrganisationPages);
  await app.register(solutionPages);
  await app.register(moderationPages);
  await app.register(needPages);
  await app.register(projectPages);
}
