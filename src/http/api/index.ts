import type { FastifyInstance } from 'fastify';
import accountsApi from './accounts/index.ts';
import buyersApi from './buyers/index.ts';
import communesApi from './communes/index.ts';
import cpvSuggestApi from './cpv-suggest/index.ts';
import importsApi from './imports/index.ts';
import organisationsApi from './organisations/index.ts';
import planningApi from './planning/index.ts';
import projectsApi from './projects/index.ts';
import searchApi from './search/index.ts';
import solutionsApi from './solutions/index.ts';
import suppliersApi from './suppliers/index.ts';

/**
 * Version 1 of the JSON API, mounted under `/api/v1` by `buildApp`.
 * @param app the encapsulated instance for the prefix
 */
export default async function apiV1(app: FastifyInstance): Promise<void> {
  await app.register(suppliersApi);
  await app.register(buyersApi);
  await app.register(importsApi);
  await app.register(searchApi);
  await app.register(communesApi);
  await app.register(planningApi);
  await app.register(accountsApi);
  await app.register(solutionsApi);
  await app.register(organisationsApi);
  await app.register(cpvSuggestApi);
  await app.register(projectsApi);
}
