import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readOcdsPrefix } from '../../../config.ts';
import type { Actor } from '../../../domain/accounts/index.ts';
import {
  addLot,
  changeProjectStatus,
  createProject,
  getProject,
  listPublicProjects,
  presentLot,
  presentProject,
  presentProjectSummary,
  projectPlanningToIcs,
  projectToOcdsPackage,
  removeLot,
  setStudyVisibility,
  updateLot,
  updateProject,
} from '../../../domain/projects/index.ts';
import {
  ListProjectsQuery,
  LotBody,
  LotParams,
  LotSchema,
  OcdsPackageSchema,
  ProjectCreateBody,
  ProjectListSchema,
  ProjectParams,
  ProjectPatchBody,
  ProjectSchema,
  readErrors,
  StudyParams,
  TransitionBody,
  VisibilityBody,
  writeErrors,
  writeSecurity,
} from './schema.ts';

/**
 * `/projects` (mounted under `/api/v1`): the public list and page of purchase projects (no login), their
 * OCDS 1.1 export, and the writes of the buyer's members (session cookie with `X-CSRF-Token`, or an
 * organisation's API token): create, change, move through the states, lots, study visibility. Routes parse,
 * call a command, present; the commands authorize.
 */
const projectsApi: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['projets'];
  const ocdsPrefix = readOcdsPrefix();
  const present = async (actor: Actor, id: number) =>
    presentProject(await getProject(app.store.db, actor, id));

  app.get(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Rechercher des projets d’achat publiés',
        description:
          'Projets publiés par les acheteurs, filtrés par mots, code CPV (hiérarchie comprise), lieu, procédure, ' +
          'tranche de valeur, date limite des offres, participation réservée, innovation.',
        querystring: ListProjectsQuery,
        response: { 200: ProjectListSchema, ...readErrors },
      },
    },
    async (request) => {
      const list = await listPublicProjects(app.store.db, request.query);
      return {
        total: list.total,
        page: list.page,
        perPage: list.perPage,
        results: list.results.map(presentProjectSummary),
      };
    },
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Un projet d’achat',
        description:
          'Le projet, ses lots (variantes BT-63), ses études, ses aspects sociaux et environnementaux (codes eForms), ' +
          'son rétroplanning et l’historique de ses modifications depuis la publication. 404 pour un brouillon ' +
          'd’une autre organisation.',
        params: ProjectParams,
        response: { 200: ProjectSchema, ...readErrors },
      },
    },
    async (request) => present(request.actor, request.params.id),
  );

  app.get(
    '/projects/:id/planning.ics',
    {
      schema: {
        tags,
        summary: 'Rétroplanning d’un projet au format iCalendar',
        description:
          'Un événement par jalon du rétroplanning effectif (dates fixées par l’acheteur comprises), heures de ' +
          'Paris (TZID=Europe/Paris), identifiants stables par projet et jalon : importer le fichier à nouveau ' +
          'déplace les événements. 404 sans date de notification visée.',
        produces: ['text/calendar'],
        params: ProjectParams,
        response: {
          200: {
            description: 'Fichier iCalendar (text/calendar)',
            content: { 'text/calendar': { schema: { type: 'string' } } },
          },
          ...readErrors,
        },
      },
    },
    async (request, reply) => {
      const { project } = await getProject(app.store.db, request.actor, request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="retroplanning-projet-${project.id}.ics"`)
        .send(projectPlanningToIcs(project));
    },
  );

  app.get(
    '/projects/:id/ocds',
    {
      schema: {
        tags,
        summary: 'Export OCDS 1.1 d’un projet',
        description:
          'Paquet de publications OCDS 1.1 (une publication, étiquette planning puis tender) avec les extensions ' +
          'lots, submissionTerms, sustainability, otherRequirements et awardCriteria.',
        params: ProjectParams,
        response: { 200: OcdsPackageSchema, ...readErrors },
      },
    },
    async (request) =>
      projectToOcdsPackage(await getProject(app.store.db, request.actor, request.params.id), {
        prefix: ocdsPrefix,
        baseUrl: app.accounts.publicUrl,
      }),
  );

  app.post(
    '/projects',
    {
      schema: {
        tags,
        summary: 'Créer un projet d’achat (brouillon)',
        description:
          'Pour un membre de l’organisation acheteuse `organisationId`. Titre, besoin et procédure obligatoires.',
        security: writeSecurity,
        body: ProjectCreateBody,
        response: { 201: ProjectSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const { organisationId, ...fields } = request.body;
      const project = await createProject(app.store.db, request.actor, organisationId, fields);
      return reply.code(201).send(await present(request.actor, project.id));
    },
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        tags,
        summary: 'Modifier un projet d’achat',
        description:
          'Les champs absents gardent leur valeur. Après publication, la modification est versionnée.',
        security: writeSecurity,
        params: ProjectParams,
        body: ProjectPatchBody,
        response: { 200: ProjectSchema, ...writeErrors },
      },
    },
    async (request) => {
      await updateProject(app.store.db, request.actor, request.params.id, request.body);
      return present(request.actor, request.params.id);
    },
  );

  app.post(
    '/projects/:id/status',
    {
      schema: {
        tags,
        summary: 'Publier, lancer la consultation, attribuer ou abandonner',
        description:
          '400 `project.invalid_transition` pour un changement d’état impossible depuis l’état actuel.',
        security: writeSecurity,
        params: ProjectParams,
        body: TransitionBody,
        response: { 200: ProjectSchema, ...writeErrors },
      },
    },
    async (request) => {
      await changeProjectStatus(app.store.db, request.actor, request.params.id, request.body.transition);
      return present(request.actor, request.params.id);
    },
  );

  app.post(
    '/projects/:id/lots',
    {
      schema: {
        tags,
        summary: 'Ajouter un lot',
        security: writeSecurity,
        params: ProjectParams,
        body: LotBody,
        response: { 201: LotSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const lot = await addLot(app.store.db, request.actor, request.params.id, request.body);
      const { project } = await getProject(app.store.db, request.actor, request.params.id);
      return reply.code(201).send(presentLot(lot, project));
    },
  );

  app.patch(
    '/projects/:id/lots/:number',
    {
      schema: {
        tags,
        summary: 'Modifier un lot',
        security: writeSecurity,
        params: LotParams,
        body: LotBody,
        response: { 200: LotSchema, ...writeErrors },
      },
    },
    async (request) => {
      const lot = await updateLot(
        app.store.db,
        request.actor,
        request.params.id,
        request.params.number,
        request.body,
      );
      const { project } = await getProject(app.store.db, request.actor, request.params.id);
      return presentLot(lot, project);
    },
  );

  app.delete(
    '/projects/:id/lots/:number',
    {
      schema: {
        tags,
        summary: 'Retirer un lot',
        security: writeSecurity,
        params: LotParams,
        response: { 204: Type.Null({ description: 'Lot retiré' }), ...writeErrors },
      },
    },
    async (request, reply) => {
      await removeLot(app.store.db, request.actor, request.params.id, request.params.number);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/projects/:id/studies/:documentId',
    {
      schema: {
        tags,
        summary: 'Choisir qui peut télécharger une étude',
        description: 'public : tout le monde ; suppliers : fournisseurs connectés et membres de l’acheteur.',
        security: writeSecurity,
        params: StudyParams,
        body: VisibilityBody,
        response: { 200: ProjectSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { id, documentId } = request.params;
      await setStudyVisibility(app.store.db, request.actor, id, documentId, request.body.visibility);
      return present(request.actor, id);
    },
  );
};

export default projectsApi;
