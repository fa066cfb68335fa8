import type { FastifyInstance, FastifyRequest } from 'fastify';
import { communeLabel, type Commune } from '../../../domain/communes/index.ts';
import { todayInParis } from '../../../domain/shared/index.ts';
import { createPostgresSearchIndex } from '../../../search/index.ts';
import { resolveNear, type NearProblem } from '../../search-near.ts';
import {
  EMPTY_SEARCH,
  parseSearchParams,
  RADIUS_CHOICES_KM,
  DEFAULT_RADIUS_KM,
  searchParamError,
  searchUrl,
  type ParamError,
  type SearchParams,
} from '../../search-params.ts';
import { searchExtract, searchPage } from '../../search-run.ts';
import { paginationView } from '../pagination.ts';
import { EXPORT_CAP, exportFileName, searchCsv } from './search-export.ts';
import { cpvTree, facetGroups, selectedFilters } from './search-facets.view.ts';
import { resultViews } from './search-results.view.ts';

/**
 * `GET /recherche`: the sourcing search page (French, server-rendered, usable without JavaScript), and
 * `GET /recherche.csv`: its results as a CSV file for Excel. Both read the query string with
 * `parseSearchParams`, like the API; the commune may be typed by name (resolved only when unambiguous).
 */

const PATH = '/recherche';

/** The commune and its problem, or the parameter errors, of a request. */
interface ReadSearch {
  params: SearchParams;
  commune: Commune | null;
  errors: ParamError[];
  nearProblem: NearProblem | null;
}

async function readSearch(app: FastifyInstance, request: FastifyRequest): Promise<ReadSearch> {
  const { params, errors } = parseSearchParams(request.query as Record<string, unknown>);
  const near = await resolveNear(app.store.db, params, { names: true });
  return { params, commune: near.commune, errors, nearProblem: near.problem };
}

/** The search with the commune written as its INSEE code: the form of every link of the page. */
function canonical(params: SearchParams, commune: Commune | null): SearchParams {
  return { ...params, near: commune?.inseeCode ?? '' };
}

/** Field id of each parameter shown in the form, for the error summary's links. */
const FIELD_IDS: Record<string, string> = { q: 'q', near: 'near', radiusKm: 'radiusKm' };

function formView(read: ReadSearch) {
  const radius = read.params.radiusKm ?? DEFAULT_RADIUS_KM;
  const choices: number[] = RADIUS_CHOICES_KM.includes(radius as (typeof RADIUS_CHOICES_KM)[number])
    ? [...RADIUS_CHOICES_KM]
    : [...RADIUS_CHOICES_KM, radius].sort((a, b) => a - b);
  return {
    q: read.params.q,
    nearText: read.commune === null ? read.params.near : communeLabel(read.commune),
    nearCode: read.commune?.inseeCode ?? '',
    radiusItems: choices.map((km) => ({ value: String(km), text: `${km} km`, selected: km === radius })),
    // Filters kept when the text or the commune changes.
    hidden: [
      ...new URLSearchParams(
        searchUrl('', { ...read.params, q: '', near: '', radiusKm: null, page: 1 }).replace(/^\?/, ''),
      ),
    ],
  };
}

/**
 * Registers the search page and its export.
 * @param app the root instance
 */
export default async function searchPages(app: FastifyInstance): Promise<void> {
  const index = createPostgresSearchIndex(app.store.db);

  app.get(PATH, async (request, reply) => {
    const read = await readSearch(app, request);
    const form = formView(read);
    const fieldErrors = Object.fromEntries(read.errors.map((e) => [e.field, e.message]));
    if (read.errors.length > 0 || read.nearProblem !== null) {
      reply.code(400);
      return reply.view('search/page.njk', {
        nav: 'search',
        form,
        fieldErrors: { ...fieldErrors, ...(read.nearProblem ? { near: read.nearProblem.message } : {}) },
        errors: read.errors.map((e) => ({
          text: e.message,
          href: FIELD_IDS[e.field] ? `#${FIELD_IDS[e.field]}` : undefined,
        })),
        nearProblem: read.nearProblem && {
          message: read.nearProblem.message,
          candidates: read.nearProblem.candidates.map((c) => ({
            text: communeLabel(c),
            href: searchUrl(PATH, { ...read.params, near: c.inseeCode, page: 1 }),
          })),
        },
      });
    }
    const params = canonical(read.params, read.commune);
    const { response, communes } = await searchPage(app.store.db, index, params, read.commune);
    const pageCount = Math.max(1, Math.ceil(response.total / response.perPage));
    const corrected = response.warnings.filter((w) => w.code === 'query.corrected');
    return reply.view('search/page.njk', {
      nav: 'search',
      form,
      params,
      commune: read.commune && {
        label: communeLabel(read.commune),
        radiusKm: params.radiusKm ?? DEFAULT_RADIUS_KM,
      },
      response,
      results: resultViews(response.results, communes),
      correctedQuery: response.correctedQuery,
      correctionNotes: corrected.map((w) => w.message),
      warnings: response.warnings.filter((w) => w.code !== 'query.corrected').map((w) => w.message),
      cpvTree: cpvTree(PATH, params, response.facets.cpv),
      facetGroups: facetGroups(PATH, params, response.facets),
      selected: selectedFilters(PATH, params, response.facets, read.commune),
      pastTheEnd: response.total > 0 && response.results.length === 0,
      firstPageHref: searchUrl(PATH, { ...params, page: 1 }),
      exportHref: searchUrl(`${PATH}.csv`, { ...params, page: 1, perPage: EMPTY_SEARCH.perPage }),
      exportCap: EXPORT_CAP,
      pagination: paginationView(response.page, pageCount, (page) => searchUrl(PATH, { ...params, page })),
      pageCount,
    });
  });

  app.get(`${PATH}.csv`, async (request, reply) => {
    const read = await readSearch(app, request);
    const [firstError] = read.errors;
    if (firstError !== undefined) {
      throw searchParamError(firstError);
    }
    if (read.nearProblem !== null) {
      throw searchParamError({
        field: 'near',
        message: `${read.nearProblem.message}${read.nearProblem.candidates.length > 0 ? ` Communes possibles : ${read.nearProblem.candidates.map(communeLabel).join(', ')}.` : ''}`,
      });
    }
    const params = canonical(read.params, read.commune);
    const extract = await searchExtract(app.store.db, index, params, read.commune, EXPORT_CAP);
    const body = searchCsv(extract, {
      withDistance: read.commune !== null,
      origin: `${request.protocol}://${request.host}`,
    });
    const fileName = exportFileName(
      todayInParis(),
      extract.total,
      extract.results.length,
      extract.totalIsLowerBound,
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('x-total-count', String(extract.total))
      .send(body);
  });
}
