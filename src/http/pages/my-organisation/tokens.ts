import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../domain/api-tokens/index.ts';
import { organisationFor } from '../../../domain/solutions/index.ts';
import {
  field,
  fieldErrorsOf,
  formatDateTime,
  formErrors,
  NO_ERRORS,
  type FormErrors,
} from '../accounts/forms.ts';
import { loginFirst } from './access.ts';

const SiretParams = Type.Object({ siret: Type.String({ maxLength: 40 }) });

/**
 * `/mon-organisation/:siret/jetons`: the organisation's API tokens, for its administrators. A new token is
 * shown once, on the page that answers its creation (never stored, never shown again); revoking one
 * (`POST …/jetons/:id/revocation`) stops it at once.
 */
const tokenPages: FastifyPluginAsyncTypebox = async (app) => {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    siret: string,
    extra: { created?: { name: string; secret: string }; errors?: FormErrors; name?: string } = {},
  ) {
    const organisation = await organisationFor(app.store.db, siret);
    const tokens = await listApiTokens(app.store.db, request.actor, organisation.id);
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return reply.view('my-organisation/tokens.njk', {
      nav: 'organisation',
      organisation,
      tokens: tokens.map((t) => ({
        ...t,
        createdAtText: formatDateTime(t.createdAt),
        lastUsedAtText: t.lastUsedAt === null ? 'jamais' : formatDateTime(t.lastUsedAt),
      })),
      created: extra.created,
      values: { name: extra.name ?? '' },
      errors: extra.errors ?? NO_ERRORS,
      apiBase: `${app.accounts.publicUrl}/api/v1`,
    });
  }

  app.get('/mon-organisation/:siret/jetons', { schema: { params: SiretParams } }, async (request, reply) => {
    return loginFirst(request, reply) ?? render(request, reply, request.params.siret);
  });

  app.post('/mon-organisation/:siret/jetons', { schema: { params: SiretParams } }, async (request, reply) => {
    const name = field(request.body, 'name');
    const organisation = await organisationFor(app.store.db, request.params.siret);
    try {
      const { token, secret } = await createApiToken(app.store.db, request.actor, organisation.id, name);
      return await render(request, reply, request.params.siret, { created: { name: token.name, secret } });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields === undefined) {
        throw error;
      }
      return render(request, reply.code(400), request.params.siret, { errors: formErrors(fields), name });
    }
  });

  app.post(
    '/mon-organisation/:siret/jetons/:id/revocation',
    {
      schema: {
        params: Type.Object({ siret: Type.String({ maxLength: 40 }), id: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request, reply) => {
      const organisation = await organisationFor(app.store.db, request.params.siret);
      await revokeApiToken(app.store.db, request.actor, organisation.id, request.params.id);
      return reply.redirect(`/mon-organisation/${organisation.siret}/jetons`, 303);
    },
  );
};

export default tokenPages;
