import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { organisationsOfUser } from '../../../domain/organisations/index.ts';
import { presentShowcase } from '../../../domain/supplier-profiles/index.ts';
import { loginFirst, memberView } from './access.ts';

const NOTICES: Record<string, string> = {
  supprimee: 'La solution a été supprimée.',
  profil: 'Le profil a été enregistré.',
};

/**
 * `GET /mon-organisation` (the organisations the user acts for, and how to claim one) and
 * `GET /mon-organisation/:siret` (one organisation: its solutions, whatever their status, and links to its
 * profile, a new solution and, for its administrators, its API tokens).
 */
const dashboardPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/mon-organisation', async (request, reply) => {
    const redirect = loginFirst(request, reply);
    if (redirect !== null || request.actor.kind !== 'user') {
      return redirect;
    }
    reply.header('cache-control', 'no-store');
    return reply.view('my-organisation/list.njk', {
      nav: 'organisation',
      organisations: await organisationsOfUser(app.store.db, request.actor.userId),
    });
  });

  app.get(
    '/mon-organisation/:siret',
    {
      schema: {
        params: Type.Object({ siret: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({ fait: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const redirect = loginFirst(request, reply);
      if (redirect !== null) {
        return redirect;
      }
      const { showcase, role } = await memberView(app.store.db, request, request.params.siret);
      reply.header('cache-control', 'no-store');
      return reply.view('my-organisation/dashboard.njk', {
        nav: 'organisation',
        organisation: presentShowcase(showcase),
        role,
        notice: NOTICES[request.query.fait ?? ''],
      });
    },
  );
};

export default dashboardPages;
