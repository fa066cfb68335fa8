import { DomainError } from '../domain/shared/index.ts';
import type { SearchOptions } from '../search/index.ts';

/**
 * The query string of a search, read once for the page `/recherche`, its CSV export and the API
 * `/api/v1/search`: every parameter is checked here with a French message naming it, then turned into the
 * engine's `SearchOptions`. Values the engine can judge (an unknown CPV code, a malformed NAF code) are
 * passed on as typed: it answers them with warnings, not errors.
 *
 * The same module writes the canonical query string back, so that every link of the page (facets,
 * removable filters, pagination, export) keeps all the other parameters.
 */

/** Results per page unless asked otherwise. */
export const SEARCH_PER_PAGE = 20;
/** Most results one request may ask for (the engine's limit). */
export const SEARCH_MAX_PER_PAGE = 100;
/** Highest page number accepted, as in the supplier directory. */
export const SEARCH_MAX_PAGE = 100_000;
/** Radius used when a commune is given without one, km (also the engine's default). */
export const DEFAULT_RADIUS_KM = 30;
/** Largest radius, km (the engine's limit: metropolitan France fits in 1000 km of its centre). */
export const MAX_RADIUS_KM = 1000;
/** Radii offered by the page's select, km. */
export const RADIUS_CHOICES_KM = [10, 20, 30, 50, 100, 200] as const;
/** Longest text query, characters (the engine reads no more). */
export const MAX_QUERY_LENGTH = 300;
/** Longest commune text (a name or an INSEE code), characters. */
export const MAX_NEAR_LENGTH = 100;
/** Most values of one list filter. */
export const MAX_LIST_VALUES = 50;

/** The list filters, repeatable (`cpv=45000000&cpv=72000000`) or comma-separated (`size=TPE,PME`). */
export const LIST_PARAMS = ['cpv', 'naf', 'region', 'dept', 'size', 'trl', 'innovation'] as const;
/** The yes/no filters (`1`, `true`, `0`, `false`). */
export const FLAG_PARAMS = ['ess', 'hasContracts', 'hasInnovativeContract'] as const;

export type ListParam = (typeof LIST_PARAMS)[number];
export type FlagParam = (typeof FLAG_PARAMS)[number];

/** A search as read from a query string; defaults filled in. */
export interface SearchParams {
  /** Free text, trimmed; '' when absent. */
  q: string;
  cpv: string[];
  naf: string[];
  region: string[];
  dept: string[];
  size: string[];
  /** TRL levels '1'…'9' of published solutions (Amont showcase). */
  trl: string[];
  /** Innovation signals of supplier profiles ('jei', 'patent'…). */
  innovation: string[];
  ess: boolean;
  hasContracts: boolean;
  hasInnovativeContract: boolean;
  /** The commune as given: an INSEE code, or (page only) a name; '' when absent. */
  near: string;
  /** Radius around `near`, km; null when not given (`DEFAULT_RADIUS_KM` applies). */
  radiusKm: number | null;
  page: number;
  perPage: number;
}

/** A parameter that cannot be used, with a French message. */
export interface ParamError {
  /** The query-string parameter, e.g. 'radiusKm'. */
  field: string;
  message: string;
}

/** The empty search: every supplier, first page. */
export const EMPTY_SEARCH: SearchParams = {
  q: '',
  cpv: [],
  naf: [],
  region: [],
  dept: [],
  size: [],
  trl: [],
  innovation: [],
  ess: false,
  hasContracts: false,
  hasInnovativeContract: false,
  near: '',
  radiusKm: null,
  page: 1,
  perPage: SEARCH_PER_PAGE,
};

type Raw = Record<string, unknown>;

function values(raw: unknown): unknown[] {
  if (raw === undefined || raw === null) {
    return [];
  }
  return Array.isArray(raw) ? raw : [raw];
}

/** One string value; a repeated parameter is an error. */
function single(raw: Raw, field: string, errors: ParamError[]): string | undefined {
  const given = values(raw[field]);
  if (given.length > 1) {
    errors.push({ field, message: `Le paramètre « ${field} » ne peut être donné qu’une fois.` });
    return undefined;
  }
  return given.length === 0 ? undefined : String(given[0]).trim();
}

function listParam(raw: Raw, field: ListParam, errors: ParamError[]): string[] {
  const list = [
    ...new Set(
      values(raw[field])
        .flatMap((value) => String(value).split(','))
        .map((value) => value.trim())
        .filter((value) => value !== ''),
    ),
  ];
  if (list.length > MAX_LIST_VALUES) {
    errors.push({
      field,
      message: `Le filtre « ${field} » accepte ${MAX_LIST_VALUES} valeurs au plus (${list.length} données).`,
    });
    return [];
  }
  return list;
}

function flagParam(raw: Raw, field: FlagParam, errors: ParamError[]): boolean {
  const read = values(raw[field]).map((value) => {
    const text = String(value).trim().toLowerCase();
    return text === '1' || text === 'true'
      ? true
      : text === '0' || text === 'false' || text === ''
        ? false
        : null;
  });
  if (read.includes(null) || new Set(read).size > 1) {
    errors.push({ field, message: `Le paramètre « ${field} » doit valoir 1, true, 0 ou false.` });
    return false;
  }
  return read[0] ?? false;
}

function integerParam(
  raw: Raw,
  field: string,
  range: { min: number; max: number; fallback: number },
  errors: ParamError[],
): number {
  const text = single(raw, field, errors);
  if (text === undefined || text === '') {
    return range.fallback;
  }
  const n = Number(text);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    errors.push({
      field,
      message: `Le paramètre « ${field} » doit être un nombre entier de ${range.min} à ${range.max.toLocaleString('fr-FR')}.`,
    });
    return range.fallback;
  }
  return n;
}

function radiusParam(raw: Raw, errors: ParamError[]): number | null {
  const text = single(raw, 'radiusKm', errors);
  if (text === undefined || text === '') {
    return null;
  }
  const n = Number(text.replace(',', '.'));
  if (!Number.isFinite(n) || n <= 0 || n > MAX_RADIUS_KM) {
    errors.push({
      field: 'radiusKm',
      message: `Le rayon doit être un nombre de kilomètres supérieur à 0 et d’au plus ${MAX_RADIUS_KM.toLocaleString('fr-FR')} km.`,
    });
    return null;
  }
  return n;
}

/**
 * Reads the query string of a search.
 * @param raw the parsed query string (values are strings, string arrays when repeated, or already
 *   coerced numbers when a route schema ran first); unknown parameters are not read
 * @returns the search with defaults filled in for the parameters in error, and one error per unusable
 *   parameter (text longer than 300 characters, page outside 1–100 000, perPage outside 1–100, radius not
 *   in ]0, 1000] km, flag not among 1/true/0/false, more than 50 values in a list, repeated single value)
 * @example parseSearchParams({ q: 'vélo', size: ['TPE,PME'], ess: '1' }).params.size // ['TPE', 'PME']
 */
export function parseSearchParams(raw: Raw): { params: SearchParams; errors: ParamError[] } {
  const errors: ParamError[] = [];
  let q = single(raw, 'q', errors) ?? '';
  if (q.length > MAX_QUERY_LENGTH) {
    errors.push({ field: 'q', message: `La recherche ne doit pas dépasser ${MAX_QUERY_LENGTH} caractères.` });
    q = q.slice(0, MAX_QUERY_LENGTH);
  }
  let near = single(raw, 'near', errors) ?? '';
  if (near.length > MAX_NEAR_LENGTH) {
    errors.push({ field: 'near', message: `La commune ne doit pas dépasser ${MAX_NEAR_LENGTH} caractères.` });
    near = '';
  }
  const params: SearchParams = {
    q,
    cpv: listParam(raw, 'cpv', errors),
    naf: listParam(raw, 'naf', errors),
    region: listParam(raw, 'region', errors),
    dept: listParam(raw, 'dept', errors),
    size: listParam(raw, 'size', errors),
    trl: listParam(raw, 'trl', errors),
    innovation: listParam(raw, 'innovation', errors),
    ess: flagParam(raw, 'ess', errors),
    hasContracts: flagParam(raw, 'hasContracts', errors),
    hasInnovativeContract: flagParam(raw, 'hasInnovativeContract', errors),
    near,
    radiusKm: radiusParam(raw, errors),
    page: integerParam(raw, 'page', { min: 1, max: SEARCH_MAX_PAGE, fallback: 1 }, errors),
    perPage: integerParam(
      raw,
      'perPage',
      { min: 1, max: SEARCH_MAX_PER_PAGE, fallback: SEARCH_PER_PAGE },
      errors,
    ),
  };
  return { params, errors };
}

/**
 * The error answered (400) for a parameter that cannot be used.
 * @param error the first error of `parseSearchParams`
 * @returns a DomainError `request.invalid` with `details.field` and `details.in = 'querystring'`
 */
export function searchParamError(error: ParamError): DomainError {
  return new DomainError('request.invalid', error.message, {
    message: `invalid search parameter ${error.field}`,
    details: { field: error.field, in: 'querystring' },
  });
}

/**
 * The engine's options for a search whose commune has been resolved.
 * @param params the search as read
 * @param nearCode the INSEE code of the resolved commune, or null for no geographic limit
 * @returns the options (`radiusKm` defaults to 30 km when a commune is given)
 */
export function toSearchOptions(params: SearchParams, nearCode: string | null): SearchOptions {
  const list = (value: string[]) => (value.length === 0 ? undefined : value);
  return {
    q: params.q === '' ? undefined : params.q,
    cpv: list(params.cpv),
    naf: list(params.naf),
    region: list(params.region),
    dept: list(params.dept),
    size: list(params.size),
    trl: list(params.trl),
    innovation: list(params.innovation),
    ess: params.ess || undefined,
    hasContracts: params.hasContracts || undefined,
    hasInnovativeContract: params.hasInnovativeContract || undefined,
    near:
      nearCode === null ? undefined : { inseeCode: nearCode, radiusKm: params.radiusKm ?? DEFAULT_RADIUS_KM },
    page: params.page,
    perPage: params.perPage,
  };
}

/**
 * Writes a search back as a URL, leaving out empty values and defaults (page 1, 20 per page, no flag).
 * @param path e.g. '/recherche'
 * @param params the search
 * @returns e.g. '/recherche?q=v%C3%A9lo&size=TPE&size=PME&ess=1&near=35238&radiusKm=30'
 */
export function searchUrl(path: string, params: SearchParams): string {
  const search = new URLSearchParams();
  if (params.q !== '') {
    search.append('q', params.q);
  }
  for (const field of LIST_PARAMS) {
    for (const value of params[field]) {
      search.append(field, value);
    }
  }
  for (const field of FLAG_PARAMS) {
    if (params[field]) {
      search.append(field, '1');
    }
  }
  if (params.near !== '') {
    search.append('near', params.near);
    if (params.radiusKm !== null) {
      search.append('radiusKm', String(params.radiusKm));
    }
  }
  if (params.page !== 1) {
    search.append('page', String(params.page));
  }
  if (params.perPage !== SEARCH_PER_PAGE) {
    search.append('perPage', String(params.perPage));
  }
  const qs = search.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

/**
 * The key two spellings of a filter value share: NAF with or without its dot, CPV with or without its
 * check digit, codes in any case ('6201z' ≡ '62.01Z', '45000000-7' ≡ '45000000', '2a' ≡ '2A').
 * @param field the list filter
 * @param value a value as typed or as the engine lists it
 * @returns the comparison key
 */
export function filterValueKey(field: ListParam, value: string): string {
  const key = value.trim().toUpperCase();
  if (field === 'naf') {
    return key.replace(/[.\s]/g, '');
  }
  if (field === 'innovation') {
    return value.trim().toLowerCase(); // slugs: 'jei', 'french_tech'
  }
  return field === 'cpv' ? key.replace(/\s/g, '').slice(0, 8) : key;
}
