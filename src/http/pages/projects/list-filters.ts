import { Type, type Static } from '@fastify/type-provider-typebox';
import { PROCEDURE_CODES, PROCEDURES } from '../../../domain/planning/index.ts';
import {
  PROJECT_SORTS,
  PROJECT_STATUSES,
  STATUS_LABELS,
  VALUE_BANDS,
  type ProjectFilters,
  type ProjectSort,
} from '../../../domain/projects/index.ts';
import { DomainError, parseDateOnly } from '../../../domain/shared/index.ts';

/**
 * The filters of `/projets` and `/projets/flux.atom` as a query string: read into the domain's filters
 * (days typed `JJ/MM/AAAA` or `AAAA-MM-JJ`), written back into URLs, and offered as form items. The names
 * and values are the API's (`/api/v1/projects`), so that a list's « same projects in the API » link keeps
 * its filters.
 */

const text = Type.Optional(Type.String({ maxLength: 200 }));

/** Query string of the list and the feed. */
export const ProjectsQuery = Type.Object({
  q: text,
  cpv: text,
  department: text,
  region: text,
  /** one procedure, or several (`procedure=AOO&procedure=MAPA`; one value is read as a list of one) */
  procedure: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: PROCEDURE_CODES.length })),
  status: text,
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

const YES = new Set(['oui', '1', 'true', 'on']);
const NO = new Set(['non', '0', 'false', 'off']);

/** A « only … » checkbox: `oui` as the form sends it, or `1`/`true`/`on` as links and the API write it. */
function flag(value: string | undefined, field: string, errors: Record<string, string>): true | undefined {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || NO.has(text)) {
    return undefined;
  }
  if (YES.has(text)) {
    return true;
  }
  errors[field] = `« ${field} » vaut oui ou non (ou 1 ou 0).`;
  return undefined;
}

/**
 * Whether a « only … » filter is on.
 * @param value the query's value
 * @returns true for oui, 1, true, on
 */
export function flagOn(value: string | undefined): boolean {
  return YES.has(value?.trim().toLowerCase() ?? '');
}

/**
 * Reads the query into filters.
 * @param query the query string
 * @returns the filters (blank ones left out) and the field errors of the days and the checkboxes
 */
export function readFilters(query: ProjectsQueryValues): ReadFilters {
  const errors: Record<string, string> = {};
  const blankless = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value.trim();
  const procedures = (query.procedure ?? []).map((code) => code.trim()).filter((code) => code !== '');
  return {
    filters: {
      q: blankless(query.q),
      cpv: blankless(query.cpv),
      department: blankless(query.department),
      region: blankless(query.region),
      procedure: procedures.length === 0 ? undefined : procedures,
      status: blankless(query.status),
      valueBand: blankless(query.valueBand),
      deadlineFrom: day(query.deadlineFrom, 'deadlineFrom', errors),
      deadlineTo: day(query.deadlineTo, 'deadlineTo', errors),
      reserved: flag(query.reserved, 'reserved', errors),
      innovation: flag(query.innovation, 'innovation', errors),
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
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, page })) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = item === undefined ? '' : String(item);
      if (text !== '' && !(key === 'page' && text === '1') && !(key === 'sort' && text === 'published')) {
        search.append(key, text);
      }
    }
  }
  const qs = search.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

/**
 * The query as the API (`/api/v1/projects`) reads it: the checkboxes as `true`, the days as `AAAA-MM-JJ`
 * (the page also accepts `JJ/MM/AAAA`); a value that does not read is left as typed, for the API to refuse.
 * @param query the page's query
 * @returns the same filters in the API's writing
 */
export function apiQuery(query: ProjectsQueryValues): ProjectsQueryValues {
  const isoDay = (value: string | undefined) => {
    try {
      return value === undefined || value.trim() === '' ? undefined : parseDateOnly(value);
    } catch {
      return value;
    }
  };
  const bool = (value: string | undefined) => (flagOn(value) ? 'true' : undefined);
  return {
    ...query,
    reserved: bool(query.reserved),
    innovation: bool(query.innovation),
    deadlineFrom: isoDay(query.deadlineFrom),
    deadlineTo: isoDay(query.deadlineTo),
  };
}

/**
 * The select items of the form (and the checkboxes' state).
 * @param query the current query
 * @returns procedure, status, value band and sort items, the current one selected
 */
export function filterItems(query: ProjectsQueryValues) {
  const items = (values: { value: string; text: string }[], selected: string | undefined, any: string) => [
    { value: '', text: any, selected: !selected },
    ...values.map((v) => ({ ...v, selected: v.value === selected })),
  ];
  return {
    procedureItems: items(
      PROCEDURE_CODES.map((c) => ({ value: c, text: PROCEDURES[c].label })),
      query.procedure?.length === 1 ? query.procedure[0] : undefined,
      'Toutes les procédures',
    ),
    statusItems: items(
      PROJECT_STATUSES.filter((s) => s !== 'draft').map((s) => ({
        value: s,
        text: STATUS_LABELS[s].charAt(0).toUpperCase() + STATUS_LABELS[s].slice(1),
      })),
      query.status,
      'Tous les statuts',
    ),
    valueBandItems: items(
      VALUE_BANDS.map((b) => ({ value: b.code, text: b.label })),
      query.valueBand,
      'Toutes les valeurs',
    ),
    reservedChecked: flagOn(query.reserved),
    innovationChecked: flagOn(query.innovation),
    sortItems: [
      { value: 'published', text: 'Publication la plus récente', selected: query.sort !== 'deadline' },
      { value: 'deadline', text: 'Date limite la plus proche', selected: query.sort === 'deadline' },
    ],
  };
}
