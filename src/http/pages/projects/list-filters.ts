import { Type, type Static } from '@fastify/type-provider-typebox';
import { PROCEDURE_CODES, PROCEDURES } from '../../../domain/planning/index.ts';
import {
  PROJECT_SORTS,
  VALUE_BANDS,
  type ProjectFilters,
  type ProjectSort,
} from '../../../domain/projects/index.ts';
import { DomainError, parseDateOnly } from '../../../domain/shared/index.ts';
import { urlWith } from '../pagination.ts';

/**
 * The filters of `/projets` and `/projets/flux.atom` as a query string: read into the domain's filters
 * (days typed `JJ/MM/AAAA` or `AAAA-MM-JJ`), written back into URLs, and offered as form items.
 */

const text = Type.Optional(Type.String({ maxLength: 200 }));

/** Query string of the list and the feed. */
export const ProjectsQuery = Type.Object({
  q: text,
  cpv: text,
  department: text,
  region: text,
  procedure: text,
  valueBand: text,
  deadlineFrom: text,
  deadlineTo: text,
  reserved: text,
  innovation: text,
  sort: text,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

/** The query as received. */
export type ProjectsQueryValues = Static<typeof ProjectsQuery>;

/** Filters read from a query, or the errors of its fields. */
export interface ReadFilters {
  filters: ProjectFilters;
  errors: Record<string, string>;
}

function day(value: string | undefined, field: string, errors: Record<string, string>): string | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  try {
    return parseDateOnly(value);
  } catch (error) {
    if (error instanceof DomainError) {
      errors[field] = error.userMessage;
      return undefined;
    }
    throw error;
  }
}

/**
 * Reads the query into filters.
 * @param query the query string
 * @returns the filters (blank ones left out) and the field errors of the days
 */
export function readFilters(query: ProjectsQueryValues): ReadFilters {
  const errors: Record<string, string> = {};
  const blankless = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value.trim();
  return {
    filters: {
      q: blankless(query.q),
      cpv: blankless(query.cpv),
      department: blankless(query.department),
      region: blankless(query.region),
      procedure: blankless(query.procedure),
      valueBand: blankless(query.valueBand),
      deadlineFrom: day(query.deadlineFrom, 'deadlineFrom', errors),
      deadlineTo: day(query.deadlineTo, 'deadlineTo', errors),
      reserved: query.reserved === 'oui' ? true : undefined,
      innovation: query.innovation === 'oui' ? true : undefined,
      sort: (PROJECT_SORTS as readonly string[]).includes(query.sort ?? '')
        ? (query.sort as ProjectSort)
        : undefined,
      page: query.page,
    },
    errors,
  };
}

/**
 * A URL of the list (or the feed) with the same filters.
 * @param path '/projets' or '/projets/flux.atom'
 * @param query the query string
 * @param page the page (1 is left out)
 * @returns the URL
 */
export function filteredUrl(path: string, query: ProjectsQueryValues, page = 1): string {
  return urlWith(path, { ...query, page }, { page: 1, sort: 'published' });
}

/**
 * The select items of the form.
 * @param query the current query
 * @returns procedure, value band and sort items, the current one selected
 */
export function filterItems(query: ProjectsQueryValues) {
  const items = (values: { value: string; text: string }[], selected: string | undefined, any: string) => [
    { value: '', text: any, selected: !selected },
    ...values.map((v) => ({ ...v, selected: v.value === selected })),
  ];
  return {
    procedureItems: items(
      PROCEDURE_CODES.map((c) => ({ value: c, text: PROCEDURES[c].label })),
      query.procedure,
      'Toutes les procédures',
    ),
    valueBandItems: items(
      VALUE_BANDS.map((b) => ({ value: b.code, text: b.label })),
      query.valueBand,
      'Toutes les valeurs',
    ),
    sortItems: [
      { value: 'published', text: 'Publication la plus récente', selected: query.sort !== 'deadline' },
      { value: 'deadline', text: 'Date limite la plus proche', selected: query.sort === 'deadline' },
    ],
  };
}
