import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DateTime } from 'luxon';
import { formatFrenchDateTime } from '../../../domain/planning/index.ts';
import {
  getProject,
  listPublicProjects,
  openStudy,
  presentProjectSummary,
} from '../../../domain/projects/index.ts';
import { sendDocument } from '../../send-document.ts';
import { DomainError } from '../../../domain/shared/index.ts';
import { fieldErrorsOf, formErrors, NO_ERRORS, redirectToLogin } from '../accounts/forms.ts';
import { paginationView } from '../pagination.ts';
import { projectsAtomFeed } from './atom-feed.ts';
import { apiQuery, filteredUrl, filterItems, ProjectsQuery, readFilters } from './list-filters.ts';
import { amountText, isClosed, projectPageView } from './project-view.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

/** Feed entries, at most. */
const FEED_SIZE = 50;

/**
 * The public pages of purchase projects (no login): `GET /projets` (list, filters, pagination, sort),
 * `GET /projets/flux.atom` (the same list as an Atom feed), `GET /projets/:id` (a project: need, lots and
 * their variants, studies, social and environmental aspects, retro-planning, history), and
 * `GET /projets/:id/etudes/:documentId` (a study; reserved ones need a signed-in member of a supplier
 * organisation: anonymous visitors are sent to the login page, other users get a 403 page saying why).
 */
const publicProjectPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/projets', { schema: { querystring: ProjectsQuery } }, async (request, reply) => {
    const query = request.query;
    const { filters, errors } = readFilters(query);
    let fields = errors;
    let list = null;
    if (Object.keys(errors).length === 0) {
      try {
        list = await listPublicProjects(app.store.db, filters);
      } catch (error) {
        const bad = fieldErrorsOf(error);
        if (bad === undefined) {
          throw error;
        }
        fields = bad;
      }
    }
    const pageCount = list === null ? 0 : Math.max(1, Math.ceil(list.total / list.perPage));
    return reply.code(list === null ? 400 : 200).view('projects/list.njk', {
      nav: 'projects',
      query,
      errors: list === null ? formErrors(fields) : NO_ERRORS,
      ...filterItems(query),
      list: list && {
        ...list,
        results: list.results.map((item) => {
          const summary = presentProjectSummary(item);
          return {
            ...summary,
            estimatedValueText: amountText(summary.estimatedValue),
            offersDeadlineText:
              summary.offersDeadline === null
                ? null
                : formatFrenchDateTime(DateTime.fromISO(summary.offersDeadline, { setZone: true })),
            closed: isClosed(summary.status),
          };
        }),
      },
      pastTheEnd:
        list !== null && list.total > 0 && list.results.length === 0
          ? { pageCount, firstHref: filteredUrl('/projets', query, 1) }
          : null,
      pagination: list && paginationView(list.page, pageCount, (p) => filteredUrl('/projets', query, p)),
      feedHref: filteredUrl('/projets/flux.atom', query),
      apiHref: filteredUrl('/api/v1/projects', apiQuery(query)),
    });
  });

  app.get('/projets/flux.atom', { schema: { querystring: ProjectsQuery } }, async (request, reply) => {
    const { filters, errors } = readFilters(request.query);
    const field = Object.keys(errors)[0];
    if (field !== undefined) {
      return reply.code(400).type('text/plain; charset=utf-8').send(`${field} : ${errors[field]}`);
    }
    const list = await listPublicProjects(app.store.db, {
      ...filters,
      sort: 'published',
      page: 1,
      perPage: FEED_SIZE,
    });
    const base = app.accounts.publicUrl;
    const newest = list.results.reduce<Date | null>(
      (max, r) => (max === null || r.project.updatedAt > max ? r.project.updatedAt : max),
      null,
    );
    return reply.type('application/atom+xml; charset=utf-8').send(
      projectsAtomFeed(list.results, {
        baseUrl: base,
        selfUrl: `${base}${filteredUrl('/projets/flux.atom', request.query)}`,
        alternateUrl: `${base}${filteredUrl('/projets', request.query)}`,
        updated: newest ?? new Date(),
      }),
    );
  });

  app.get('/projets/:id', { schema: { params: Type.Object({ id: Id }) } }, async (request, reply) => {
    const details = await getProject(app.store.db, request.actor, request.params.id);
    if (details.project.publishedAt === null || details.abilities.edit) {
      reply.header('cache-control', 'no-store');
    }
    return reply.view('projects/show.njk', {
      nav: 'projects',
      ...projectPageView(details),
      loginHref: `/compte/connexion?retour=${encodeURIComponent(request.url)}`,
      signedIn: request.actor.kind === 'user',
    });
  });

  app.get(
    '/projets/:id/etudes/:documentId',
    { schema: { params: Type.Object({ id: Id, documentId: Id }) } },
    async (request, reply) => {
      try {
        const { document, bytes } = await openStudy(
          app.store.db,
          app.uploads.storage,
          request.actor,
          request.params.id,
          request.params.documentId,
        );
        return sendDocument(reply, document, bytes);
      } catch (error) {
        // A reserved study: anonymous visitors log in first and come back; a signed-in user who is not
        // a member of a supplier organisation learns why, and where to join one.
        if (error instanceof DomainError && error.code === 'auth.unauthenticated') {
          return redirectToLogin(reply, request.url);
        }
        if (error instanceof DomainError && error.code === 'auth.forbidden') {
          reply.header('cache-control', 'no-store');
          return reply.code(403).view('projects/reserved-study.njk', {
            nav: 'projects',
            projectHref: `/projets/${request.params.id}`,
          });
        }
        throw error;
      }
    },
  );
};

export default publicProjectPages;
