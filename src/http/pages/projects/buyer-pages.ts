import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from '../../../domain/accounts/account.errors.ts';
import {
  findOrganisationBySiret,
  organisationNotFound,
  type Organisation,
} from '../../../domain/organisations/index.ts';
import {
  addLot,
  changeProjectStatus,
  createProject,
  listOrganisationProjects,
  presentProjectSummary,
  removeLot,
  STATUS_LABELS,
  updateLot,
  updateProject,
  type ProjectTransition,
} from '../../../domain/projects/index.ts';
import { Siret } from '../../../domain/shared/index.ts';
import { field, formErrors, NO_ERRORS, privatePage, redirectToLogin } from '../accounts/forms.ts';
import { editableProject, noticeOf, renderManage } from './buyer-access.ts';
import {
  formFailure,
  projectFormItems,
  projectInputOf,
  readLotForm,
  readProjectForm,
  type FormValues,
} from './buyer-forms.ts';
import { isClosed } from './project-view.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const SiretParams = Type.Object({ siret: Type.String({ maxLength: 40 }) });
const ProjectParams = Type.Object({ id: Id });
const LotParams = Type.Object({ id: Id, number: Type.Integer({ minimum: 1, maximum: 999 }) });
const Done = Type.Object({ fait: Type.Optional(Type.String({ maxLength: 20 })) });

const TRANSITIONS: Record<string, { transition: ProjectTransition; done: string }> = {
  publier: { transition: 'publish', done: 'publie' },
  lancer: { transition: 'launchTender', done: 'lance' },
  attribuer: { transition: 'award', done: 'attribue' },
  abandonner: { transition: 'abandon', done: 'abandonne' },
};

async function buyerOrganisation(request: FastifyRequest, siret: string): Promise<Organisation> {
  const parsed = Siret.parse(siret);
  const organisation = await findOrganisationBySiret(request.server.store.db, parsed);
  if (organisation === undefined) {
    throw organisationNotFound(parsed);
  }
  if (organisation.kind !== 'buyer') {
    throw forbidden();
  }
  return organisation;
}

const manageUrl = (id: number, done?: string) =>
  `/mon-organisation/projets/${id}${done ? `?fait=${done}` : ''}`;

/**
 * The buyer's pages of purchase projects (« Mon organisation », members of a buyer organisation):
 * `/mon-organisation/:siret/projets` (its projects, drafts included), `…/projets/nouveau` (create a draft),
 * `/mon-organisation/projets/:id` (manage one: fields, states, lots; retro-planning dates in buyer-milestones.ts,
 * studies in buyer-studies.ts), `…/projets/:id/abandon` (the confirmation asked before abandoning: a page and
 * a form, no JavaScript needed). Every form carries its CSRF token; every change is authorized by the domain command.
 * Anonymous visitors are sent to the login page.
 */
const buyerProjectPages: FastifyPluginAsyncTypebox = async (app) => {
  const loginFirst = (request: FastifyRequest, reply: FastifyReply) =>
    request.actor.kind === 'anonymous' ? redirectToLogin(reply, request.url) : null;

  const renderNew = async (
    reply: FastifyReply,
    organisation: Organisation,
    values: FormValues,
    fields?: Record<string, string>,
  ) => {
    privatePage(reply);
    return reply.code(fields ? 400 : 200).view('projects/buyer/new.njk', {
      nav: 'account',
      organisation,
      values,
      ...projectFormItems(values),
      errors: fields ? formErrors(fields) : NO_ERRORS,
    });
  };

  app.get('/mon-organisation/:siret/projets', { schema: { params: SiretParams } }, async (request, reply) => {
    const redirect = loginFirst(request, reply);
    if (redirect !== null) {
      return redirect;
    }
    const organisation = await buyerOrganisation(request, request.params.siret);
    const { projects } = await listOrganisationProjects(app.store.db, request.actor, organisation.id);
    privatePage(reply);
    return reply.view('projects/buyer/list.njk', {
      nav: 'account',
      organisation,
      projects: projects.map((project) =>
        presentProjectSummary({ project, organisationName: organisation.name, lots: [] }),
      ),
    });
  });

  app.get(
    '/mon-organisation/:siret/projets/nouveau',
    { schema: { params: SiretParams } },
    async (request, reply) => {
      const redirect = loginFirst(request, reply);
      if (redirect !== null) {
        return redirect;
      }
      const organisation = await buyerOrganisation(request, request.params.siret);
      await listOrganisationProjects(app.store.db, request.actor, organisation.id);
      return renderNew(reply, organisation, {
        procedure: '',
        buyerType: 'local',
        reservedParticipation: 'none',
      });
    },
  );

  app.post(
    '/mon-organisation/:siret/projets/nouveau',
    { schema: { params: SiretParams } },
    async (request, reply) => {
      const organisation = await buyerOrganisation(request, request.params.siret);
      const values = readProjectForm(request.body);
      try {
        const project = await createProject(
          app.store.db,
          request.actor,
          organisation.id,
          projectInputOf(values),
        );
        return reply.redirect(manageUrl(project.id, 'cree'), 303);
      } catch (error) {
        const fields = formFailure(error);
        if (fields === undefined) {
          throw error;
        }
        return renderNew(reply, organisation, values, fields);
      }
    },
  );

  app.get(
    '/mon-organisation/projets/:id',
    { schema: { params: ProjectParams, querystring: Done } },
    async (request, reply) => {
      const redirect = loginFirst(request, reply);
      if (redirect !== null) {
        return redirect;
      }
      return renderManage(request, reply, request.params.id, { notice: noticeOf(request.query.fait) });
    },
  );

  /** Runs a change; on a refused form, renders the page with its errors (as `key`). */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    run: () => Promise<unknown>,
    done: string,
    refused: (fields: Record<string, string>) => Parameters<typeof renderManage>[3],
  ) {
    try {
      await run();
    } catch (error) {
      const fields = formFailure(error);
      if (fields === undefined) {
        throw error;
      }
      return renderManage(request, reply, id, refused(fields));
    }
    return reply.redirect(manageUrl(id, done), 303);
  }

  app.post('/mon-organisation/projets/:id', { schema: { params: ProjectParams } }, async (request, reply) => {
    const values = readProjectForm(request.body);
    const { id } = request.params;
    return change(
      request,
      reply,
      id,
      () => updateProject(app.store.db, request.actor, id, projectInputOf(values)),
      'enregistre',
      (errors) => ({ values, errors }),
    );
  });

  app.get(
    '/mon-organisation/projets/:id/abandon',
    { schema: { params: ProjectParams } },
    async (request, reply) => {
      const redirect = loginFirst(request, reply);
      if (redirect !== null) {
        return redirect;
      }
      const details = await editableProject(request, request.params.id);
      privatePage(reply);
      return reply.view('projects/buyer/abandon.njk', {
        nav: 'account',
        project: {
          id: details.project.id,
          title: details.project.title,
          statusLabel: STATUS_LABELS[details.project.status],
        },
        // Abandoning is allowed before the award only (the state machine refuses it afterwards).
        possible: !isClosed(details.project.status),
      });
    },
  );

  app.post(
    '/mon-organisation/projets/:id/statut',
    { schema: { params: ProjectParams } },
    async (request, reply) => {
      const { id } = request.params;
      const name = field(request.body, 'transition');
      const step = Object.hasOwn(TRANSITIONS, name) ? TRANSITIONS[name] : undefined;
      if (step === undefined) {
        return renderManage(request, reply, id, {
          errors: { status: 'Choisissez une action : publier, lancer, attribuer ou abandonner.' },
        });
      }
      // Abandoning cannot be undone: it is confirmed on its own page first.
      if (step.transition === 'abandon' && field(request.body, 'confirmation') !== 'oui') {
        return reply.redirect(`/mon-organisation/projets/${id}/abandon`, 303);
      }
      return change(
        request,
        reply,
        id,
        () => changeProjectStatus(app.store.db, request.actor, id, step.transition),
        step.done,
        (errors) => ({ errors }),
      );
    },
  );

  app.post(
    '/mon-organisation/projets/:id/lots',
    { schema: { params: ProjectParams } },
    async (request, reply) => {
      const { id } = request.params;
      const { input, values } = readLotForm(request.body);
      return change(
        request,
        reply,
        id,
        () => addLot(app.store.db, request.actor, id, input),
        'lot',
        (lotErrors) => ({ lotValues: values, lotErrors }),
      );
    },
  );

  app.post(
    '/mon-organisation/projets/:id/lots/:number',
    { schema: { params: LotParams } },
    async (request, reply) => {
      const { id, number } = request.params;
      const { input } = readLotForm(request.body);
      return change(
        request,
        reply,
        id,
        () => updateLot(app.store.db, request.actor, id, number, input),
        'lot',
        (lotErrors) => ({ lotErrors }),
      );
    },
  );

  app.post(
    '/mon-organisation/projets/:id/lots/:number/retrait',
    { schema: { params: LotParams } },
    async (request, reply) => {
      const { id, number } = request.params;
      return change(
        request,
        reply,
        id,
        () => removeLot(app.store.db, request.actor, id, number),
        'lot-retire',
        (lotErrors) => ({ lotErrors }),
      );
    },
  );
};

export default buyerProjectPages;
