import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  attachDocument,
  createSolution,
  deleteSolution,
  documentTooLarge,
  formatMegabytes,
  getSolution,
  presentSolution,
  publishSolution,
  removeDocument,
  TRL_LABELS,
  unpublishSolution,
  updateSolution,
  type Solution,
} from '../../../domain/solutions/index.ts';
import { forbidden } from '../../../domain/accounts/account.errors.ts';
import { findOrganisationById } from '../../../domain/organisations/index.ts';
import { reindexSuppliers } from '../../../search/index.ts';
import { fieldErrorsOf, formErrors, NO_ERRORS, type FormErrors } from '../accounts/forms.ts';
import { registerUploadForm, type UploadedFile } from '../../upload-form.ts';
import { loginFirst, memberView } from './access.ts';
import {
  EMPTY_SOLUTION_FORM,
  formValuesOf,
  readSolutionForm,
  type SolutionFormValues,
} from './form-values.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const SolutionParams = Type.Object({ id: Id });

const NOTICES: Record<string, string> = {
  creee: 'La solution a été créée (brouillon). Complétez-la, puis publiez-la.',
  enregistree: 'Les modifications ont été enregistrées.',
  publiee: 'La solution est publiée : elle apparaît dans la recherche.',
  depubliee: 'La solution est revenue à l’état de brouillon : elle n’est plus publique.',
  document: 'Le document a été ajouté.',
  'document-retire': 'Le document a été retiré.',
};

const TRL_ITEMS = Object.entries(TRL_LABELS).map(([value, text]) => ({ value, text }));

/**
 * The member pages of a solution: `/mon-organisation/:siret/solutions/nouvelle` (create a draft) and
 * `/mon-organisation/solutions/:id` (change it; publish, unpublish, delete; add and remove documents, a
 * multipart form limited to one file of `app.uploads.maxBytes`). Every change that affects what the
 * public sees refreshes the supplier's search document at once.
 */
const solutionPages: FastifyPluginAsyncTypebox = async (app) => {
  // A file above the limit is cut, not thrown: the form answers with a French message instead.
  await registerUploadForm(app);

  const refresh = (solution: Solution) => reindexSuppliers(app.store.db, [solution.siren]);
  const manageUrl = (id: number, done?: string) =>
    `/mon-organisation/solutions/${id}${done === undefined ? '' : `?fait=${done}`}`;

  async function manage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: { values?: SolutionFormValues; errors?: FormErrors; documentErrors?: FormErrors; notice?: string },
  ) {
    const solution = presentSolution(await getSolution(app.store.db, request.actor, id));
    if (!solution.abilities.edit) {
      throw forbidden();
    }
    reply.header('cache-control', 'no-store');
    return reply.view('my-organisation/solution.njk', {
      nav: 'organisation',
      solution,
      values: form.values ?? formValuesOf(solution),
      errors: form.errors ?? NO_ERRORS,
      documentErrors: form.documentErrors ?? NO_ERRORS,
      notice: form.notice,
      trlItems: TRL_ITEMS,
      maxSize: formatMegabytes(app.uploads.maxBytes),
    });
  }

  app.get(
    '/mon-organisation/:siret/solutions/nouvelle',
    { schema: { params: Type.Object({ siret: Type.String({ maxLength: 40 }) }) } },
    async (request, reply) => {
      const redirect = loginFirst(request, reply);
      if (redirect !== null) {
        return redirect;
      }
      const { showcase } = await memberView(app.store.db, request, request.params.siret);
      return reply.view('my-organisation/solution-new.njk', {
        nav: 'organisation',
        organisation: showcase.organisation,
        values: EMPTY_SOLUTION_FORM,
        errors: NO_ERRORS,
        trlItems: TRL_ITEMS,
      });
    },
  );

  app.post(
    '/mon-organisation/:siret/solutions/nouvelle',
    { schema: { params: Type.Object({ siret: Type.String({ maxLength: 40 }) }) } },
    async (request, reply) => {
      const values = readSolutionForm(request.body);
      let solution;
      try {
        solution = await createSolution(app.store.db, request.actor, request.params.siret, values);
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (fields === undefined) {
          throw error;
        }
        const { showcase } = await memberView(app.store.db, request, request.params.siret);
        return reply.code(400).view('my-organisation/solution-new.njk', {
          nav: 'organisation',
          organisation: showcase.organisation,
          values,
          errors: formErrors(fields),
          trlItems: TRL_ITEMS,
        });
      }
      return reply.redirect(manageUrl(solution.id, 'creee'), 303);
    },
  );

  app.get(
    '/mon-organisation/solutions/:id',
    {
      schema: {
        params: SolutionParams,
        querystring: Type.Object({ fait: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request, reply) => {
      const redirect = loginFirst(request, reply);
      if (redirect !== null) {
        return redirect;
      }
      return manage(request, reply, request.params.id, { notice: NOTICES[request.query.fait ?? ''] });
    },
  );

  app.post(
    '/mon-organisation/solutions/:id',
    { schema: { params: SolutionParams } },
    async (request, reply) => {
      const values = readSolutionForm(request.body);
      let solution;
      try {
        solution = await updateSolution(app.store.db, request.actor, request.params.id, values);
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (fields === undefined) {
          throw error;
        }
        return manage(request, reply.code(400), request.params.id, { values, errors: formErrors(fields) });
      }
      if (solution.status === 'published') {
        await refresh(solution);
      }
      return reply.redirect(manageUrl(solution.id, 'enregistree'), 303);
    },
  );

  for (const [path, command, done] of [
    ['publication', publishSolution, 'publiee'],
    ['depublication', unpublishSolution, 'depubliee'],
  ] as const) {
    app.post(
      `/mon-organisation/solutions/:id/${path}`,
      { schema: { params: SolutionParams } },
      async (request, reply) => {
        let solution;
        try {
          solution = await command(app.store.db, request.actor, request.params.id);
        } catch (error) {
          const fields = fieldErrorsOf(error);
          if (fields === undefined) {
            throw error;
          }
          return manage(request, reply.code(400), request.params.id, { errors: formErrors(fields) });
        }
        await refresh(solution);
        return reply.redirect(manageUrl(solution.id, done), 303);
      },
    );
  }

  app.post(
    '/mon-organisation/solutions/:id/suppression',
    { schema: { params: SolutionParams } },
    async (request, reply) => {
      const solution = await deleteSolution(
        app.store.db,
        app.uploads.storage,
        request.actor,
        request.params.id,
      );
      await refresh(solution);
      const organisation = await findOrganisationById(app.store.db, solution.organisationId);
      return reply.redirect(
        organisation === undefined
          ? '/mon-organisation'
          : `/mon-organisation/${organisation.siret}?fait=supprimee`,
        303,
      );
    },
  );

  app.post(
    '/mon-organisation/solutions/:id/documents',
    { schema: { params: SolutionParams } },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = body.document as UploadedFile | undefined;
      try {
        if (file?.tooLarge === true) {
          throw documentTooLarge(app.uploads.maxBytes);
        }
        await attachDocument(
          app.store.db,
          app.uploads.storage,
          request.actor,
          request.params.id,
          { fileName: file?.fileName ?? '', bytes: file?.bytes ?? Buffer.alloc(0) },
          app.uploads.maxBytes,
        );
      } catch (error) {
        const fields = fieldErrorsOf(error);
        if (fields === undefined) {
          throw error;
        }
        return manage(request, reply.code(400), request.params.id, { documentErrors: formErrors(fields) });
      }
      return reply.redirect(manageUrl(request.params.id, 'document'), 303);
    },
  );

  app.post(
    '/mon-organisation/solutions/:id/documents/:documentId/suppression',
    { schema: { params: Type.Object({ id: Id, documentId: Id }) } },
    async (request, reply) => {
      await removeDocument(
        app.store.db,
        app.uploads.storage,
        request.actor,
        request.params.id,
        request.params.documentId,
      );
      return reply.redirect(manageUrl(request.params.id, 'document-retire'), 303);
    },
  );
};

export default solutionPages;
