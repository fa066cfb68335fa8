import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  createSolution,
  deleteSolution,
  getSolution,
  presentSolution,
  publishSolution,
  unpublishSolution,
  updateSolution,
  type Solution,
} from '../../../domain/solutions/index.ts';
import { reindexSuppliers } from '../../../search/index.ts';
import { ErrorSchema } from '../schema.ts';
import {
  SolutionCreateBody,
  SolutionParams,
  SolutionPatchBody,
  SolutionSchema,
  writeErrors,
  writeSecurity,
} from './schema.ts';

/**
 * `/solutions` (mounted under `/api/v1`): create, read, change, publish, unpublish and delete a supplier's
 * solutions. Authenticated by the session cookie (writes then need `X-CSRF-Token`) or by an
 * organisation's API token (`Authorization: Bearer amont_…`); the domain commands authorize. A change
 * that affects the public refreshes the supplier's search document before answering.
 */
const solutionsApi: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['solutions'];
  const present = async (actor: Parameters<typeof getSolution>[1], id: number) =>
    presentSolution(await getSolution(app.store.db, actor, id));
  const refresh = (solution: Solution) => reindexSuppliers(app.store.db, [solution.siren]);

  app.post(
    '/solutions',
    {
      schema: {
        tags,
        summary: 'Créer une solution (brouillon)',
        description:
          'Crée un brouillon pour l’organisation fournisseur `organisation` (SIRET), dont l’appelant est membre. ' +
          'Seul le titre est obligatoire ; résumé, code CPV et TRL le deviennent pour publier.',
        security: writeSecurity,
        body: SolutionCreateBody,
        response: { 201: SolutionSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { organisation, ...fields } = request.body;
      const solution = await createSolution(app.store.db, request.actor, organisation ?? '', fields);
      return reply.code(201).send(await present(request.actor, solution.id));
    },
  );

  app.get(
    '/solutions/:id',
    {
      schema: {
        tags,
        summary: 'Une solution',
        description:
          'Une solution publiée, pour tous ; un brouillon, pour les membres de son organisation seulement ' +
          '(404 pour les autres, comme pour une solution inconnue).',
        params: SolutionParams,
        response: { 200: SolutionSchema, 400: ErrorSchema, 404: ErrorSchema, 500: ErrorSchema },
      },
    },
    async (request) => present(request.actor, request.params.id),
  );

  app.patch(
    '/solutions/:id',
    {
      schema: {
        tags,
        summary: 'Modifier une solution',
        description: 'Seuls les champs envoyés changent ; la solution est revérifiée en entier.',
        security: writeSecurity,
        params: SolutionParams,
        body: SolutionPatchBody,
        response: { 200: SolutionSchema, ...writeErrors },
      },
    },
    async (request) => {
      const solution = await updateSolution(app.store.db, request.actor, request.params.id, request.body);
      if (solution.status === 'published') {
        await refresh(solution);
      }
      return present(request.actor, solution.id);
    },
  );

  for (const [path, command, summary] of [
    ['publish', publishSolution, 'Publier une solution (elle devient publique et cherchable aussitôt)'],
    ['unpublish', unpublishSolution, 'Repasser une solution en brouillon'],
  ] as const) {
    app.post(
      `/solutions/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          security: writeSecurity,
          params: SolutionParams,
          response: { 200: SolutionSchema, ...writeErrors },
        },
      },
      async (request) => {
        const solution = await command(app.store.db, request.actor, request.params.id);
        await refresh(solution);
        return present(request.actor, solution.id);
      },
    );
  }

  app.delete(
    '/solutions/:id',
    {
      schema: {
        tags,
        summary: 'Supprimer une solution et ses documents',
        security: writeSecurity,
        params: SolutionParams,
        response: { 204: { type: 'null', description: 'Supprimée' }, ...writeErrors },
      },
    },
    async (request, reply) => {
      const solution = await deleteSolution(
        app.store.db,
        app.uploads.storage,
        request.actor,
        request.params.id,
      );
      await refresh(solution);
      return reply.code(204).send(null);
    },
  );
};

export default solutionsApi;
