import type { FastifyInstance } from 'fastify';
import buyersApi from './buyers/index.ts';
import importsApi from './imports/index.ts';
import planningApi from './planning/index.ts';
import suppliersApi from './suppliers/index.ts';

/**
 * Version 1 of the JSON API, mounted under `/api/v1` by `buildApp`.
 * @param app the encapsulated instance for the prefix
 */
export default async function apiV1(app: FastifyInstance): Promise<void> {
  await app.register(suppliersApi);
  await app.register(buyersApi);
  await app.register(importsApi);
  await app.register(planningApi);
}
