import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  decideClaim,
  KIND_LABELS,
  listClaimsForReview,
  setOrganisationStatus,
} from '../../../domain/organisations/index.ts';
import {
  listSolutionsForReview,
  reinstateSolution,
  suspendSolution,
  SOLUTION_STATUS_LABELS,
} from '../../../domain/solutions/index.ts';
import { DomainError } from '../../../domain/shared/index.ts';
import { reindexSuppliers } from '../../../search/index.ts';
import { field, formatDateTime } from '../accounts/forms.ts';
import { loginFirst } from '../my-organisation/access.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

const CLAIM_STATUS: Record<string, string> = {
  pending: 'En attente',
  verified: 'Vérifiée par courriel',
  approved: 'Acceptée',
  rejected: 'Refusée',
  expired: 'Expirée',
};

/**
 * `/admin/moderation`, for the platform's administrators: the latest claims (who asks to act for which
 * organisation, how it was verified; pending ones can be accepted or refused; an organisation can be
 * suspended or reinstated) and the latest published solutions (suspend, reinstate). Every decision is
 * a domain command (authorized there, audited); what changes the public search refreshes it at once.
 */
const moderationPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/admin/moderation', async (request, reply) => {
    const redirect = loginFirst(request, reply);
    if (redirect !== null) {
      return redirect;
    }
    const solutions = await listSolutionsForReview(app.store.db, request.actor);
    const claims = await listClaimsForReview(app.store.db, request.actor);
    reply.header('cache-control', 'no-store');
    return reply.view('moderation/index.njk', {
      nav: 'account',
      claims: claims.map((c) => ({
        ...c,
        kindLabel: KIND_LABELS[c.organisation.kind],
        statusLabel: CLAIM_STATUS[c.status] ?? c.status,
        createdAtText: formatDateTime(c.createdAt),
      })),
      solutions: solutions.map((s) => ({
        ...s,
        statusLabel: SOLUTION_STATUS_LABELS[s.status],
        publishedAtText: s.publishedAt === null ? '' : formatDateTime(s.publishedAt),
      })),
    });
  });

  app.post(
    '/admin/moderation/rattachements/:id',
    { schema: { params: Type.Object({ id: Id }) } },
    async (request, reply) => {
      const decision = field(request.body, 'decision') === 'approve' ? 'approve' : 'reject';
      await decideClaim(
        app.store.db,
        request.actor,
        request.params.id,
        decision,
        field(request.body, 'reason') || null,
      );
      return reply.redirect('/admin/moderation#rattachements', 303);
    },
  );

  app.post(
    '/admin/moderation/organisations/:id/statut',
    { schema: { params: Type.Object({ id: Id }) } },
    async (request, reply) => {
      const status = field(request.body, 'status');
      if (status !== 'active' && status !== 'suspended') {
        throw new DomainError('request.invalid', 'Le statut doit valoir « active » ou « suspended ».', {
          details: { field: 'status' },
        });
      }
      const organisation = await setOrganisationStatus(
        app.store.db,
        request.actor,
        request.params.id,
        status,
        field(request.body, 'reason') || null,
      );
      await reindexSuppliers(app.store.db, [organisation.siren]);
      return reply.redirect('/admin/moderation#rattachements', 303);
    },
  );

  for (const [path, command] of [
    ['suspension', suspendSolution],
    ['reintegration', reinstateSolution],
  ] as const) {
    app.post(
      `/admin/moderation/solutions/:id/${path}`,
      { schema: { params: Type.Object({ id: Id }) } },
      async (request, reply) => {
        const solution = await command(
          app.store.db,
          request.actor,
          request.params.id,
          field(request.body, 'reason') || null,
        );
        await reindexSuppliers(app.store.db, [solution.siren]);
        return reply.redirect('/admin/moderation#solutions', 303);
      },
    );
  }
};

export default moderationPages;
