import type { FastifyInstance } from 'fastify';
import buyerMilestonePages from './buyer-milestones.ts';
import buyerProjectPages from './buyer-pages.ts';
import buyerStudyPages from './buyer-studies.ts';
import publicProjectPages from './public-pages.ts';

/**
 * Purchase projects: the public pages (`/projets…`, no login) and the buyer's pages
 * (`/mon-organisation/…/projets…`, members of a buyer organisation).
 * @param app the root instance
 */
export default async function projectPages(app: FastifyInstance): Promise<void> {
  await app.register(publicProjectPages);
  await app.register(buyerProjectPages);
  await app.register(buyerMilestonePages);
  await app.register(buyerStudyPages);
}
