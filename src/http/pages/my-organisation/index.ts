import type { FastifyInstance } from 'fastify';
import dashboardPages from './dashboard.ts';
import profilePages from './profile.ts';
import solutionPages from './solutions.ts';
import tokenPages from './tokens.ts';

/**
 * « Mon organisation » (`/mon-organisation…`): what the members of an organisation manage — its profile
 * and references, its solutions and their documents, its API tokens. Anonymous visitors are sent to the
 * login page; every change is authorized by the domain command (members of an active supplier).
 * @param app the root instance
 */
export default async function myOrganisationPages(app: FastifyInstance): Promise<void> {
  await app.register(dashboardPages);
  await app.register(profilePages);
  await app.register(solutionPages);
  await app.register(tokenPages);
}
