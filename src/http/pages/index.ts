import type { FastifyInstance } from 'fastify';
import buyerPages from './buyers/index.ts';
import homePage from './home/index.ts';
import importPages from './imports/index.ts';
import planningPages from './planning/index.ts';
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
  await app.register(planningPages);
}
