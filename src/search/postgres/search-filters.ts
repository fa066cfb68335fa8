import { sql, type Kysely } from 'kysely';
import {
  CommuneCode,
  CpvCode,
  DepartementCode,
  NafCode,
  RegionCode,
  DomainError,
  unknownCpvError,
} from '../../domain/shared/index.ts';
import type { Database } from '../../store/schema.ts';
import { NOT_PROVIDED, type SearchOptions, type SearchWarning, type SizeCategory } from '../search-index.ts';
import { showcaseFilters, type ShowcaseFilters } from './showcase-facets.ts';

/**
 * Turns the options as typed into filters the SQL can use, and every unusable value into a warning that
 * says why it was ignored: the user sees an explanation, never a silently empty or silently wrong list.
 */

/** A list filter: the codes chosen, and whether « Non renseigné » was chosen too. */
export interface ListFilter<T extends string = string> {
  codes: T[];
  missing: boolean;
}

/** A selected CPV code: 8 digits and the significant digits its descendants start with. */
export interface CpvFilter {
  code: string;
  prefix: string;
}

/** The centre and radius of a geographic search. */
export interface NearFilter {
  inseeCode: string;
  name: string;
  latitude: number;
  longitude: number;
  radiusKm: number;
}

/** Everything the query needs, validated. A list filter is null when not asked for. */
export interface ResolvedFilters extends ShowcaseFilters {
  cpv: CpvFilter[];
  naf: ListFilter | null;
  region: ListFilter | null;
  dept: ListFilter | null;
  size: ListFilter<SizeCategory> | null;
  ess: boolean;
  hasContracts: boolean;
  hasInnovativeContract: boolean;
  near: NearFilter | null;
  page: number;
  perPage: number;
}

/** Radius used when `near` gives none, km. */
export const DEFAULT_RADIUS_KM = 30;
/** Largest radius, km: metropolitan France fits in 1000 km of its centre. */
export const MAX_RADIUS_KM = 1000;
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;
const SIZES: readonly SizeCategory[] = ['TPE', 'PME', 'ETI', 'GE'];
const IGNORED = ' Ce filtre est ignoré.';

function warning(error: DomainError, option: string, suffix = IGNORED): SearchWarning {
  return {
    code: error.code,
    message: `${error.userMessage}${suffix}`,
    details: { option, value: error.details?.value },
  };
}

function distinct(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((value) => value.trim()).filter((value) => value !== ''))];
}

/** Reads a list of COG codes with a parser, `NOT_PROVIDED` meaning « Non renseigné ». */
function listFilter<T extends string>(
  values: string[] | undefined,
  option: string,
  parse: (raw: string) => { ok: true; value: T } | { ok: false; error: DomainError },
  warnings: SearchWarning[],
): ListFilter<T> | null {
  const raw = distinct(values);
  if (raw.length === 0) {
    return null;
  }
  const filter: ListFilter<T> = { codes: [], missing: false };
  for (const value of raw) {
    if (value.toLowerCase() === NOT_PROVIDED) {
      filter.missing = true;
      continue;
    }
    const parsed = parse(value);
    if (parsed.ok) {
      filter.codes.push(parsed.value);
    } else {
      warnings.push(warning(parsed.error, option));
    }
  }
  return filter.codes.length === 0 && !filter.missing ? null : filter;
}

function parseSize(raw: string): { ok: true; value: SizeCategory } | { ok: false; error: DomainError } {
  const upper = raw.toUpperCase();
  const size = SIZES.find((candidate) => candidate === upper);
  if (size !== undefined) {
    return { ok: true, value: size };
  }
  return {
    ok: false,
    error: new DomainError(
      'size.invalid',
      `« ${raw.slice(0, 40)} » n'est pas une taille d'entreprise : choisissez TPE, PME, ETI ou GE.`,
      { details: { value: raw.slice(0, 40) } },
    ),
  };
}

/** Parses the CPV codes, then checks them against the imported CPV 2008 list (check digit, existence). */
async function cpvFilters(
  db: Kysely<Database>,
  values: string[] | undefined,
  warnings: SearchWarning[],
): Promise<CpvFilter[]> {
  const parsed = distinct(values).flatMap((raw) => {
    const result = CpvCode.tryParse(raw);
    if (!result.ok) {
      warnings.push(warning(result.error, 'cpv'));
      return [];
    }
    return [result.value];
  });
  if (parsed.length === 0) {
    return [];
  }
  const codes = [...new Set(parsed.map((p) => p.code))];
  const rows = await sql<{ code: string; check_digit: string | null; listed: boolean }>`
    select u.code, c.check_digit, exists (select 1 from cpv_codes) as listed
      from unnest(${codes}::text[]) as u(code)
      left join cpv_codes c on c.code = u.code::char(8)`.execute(db);
  const known = new Map(rows.rows.map((row) => [row.code, row]));
  const filters: CpvFilter[] = [];
  for (const code of parsed) {
    const row = known.get(code.code);
    if (row?.listed && row.check_digit === null) {
      warnings.push(warning(unknownCpvError(code.code), 'cpv'));
      continue;
    }
    try {
      CpvCode.verifyCheckDigit(code, row?.check_digit ?? null);
    } catch (error) {
      warnings.push(
        warning(error as DomainError, 'cpv', ` La recherche continue avec le code ${code.code}.`),
      );
    }
    if (!filters.some((filter) => filter.code === code.code)) {
      filters.push({ code: code.code, prefix: CpvCode.prefix(code.code) });
    }
  }
  return filters;
}

/** Finds the commune's reference point and checks the radius. */
async function nearFilter(
  db: Kysely<Database>,
  near: SearchOptions['near'],
  warnings: SearchWarning[],
): Promise<NearFilter | null> {
  if (near === undefined || near.inseeCode.trim() === '') {
    return null;
  }
  const suffix = " La recherche n'est pas limitée autour d'une commune.";
  const parsed = CommuneCode.tryParse(near.inseeCode);
  if (!parsed.ok) {
    warnings.push(warning(parsed.error, 'near', suffix));
    return null;
  }
  let radiusKm = near.radiusKm ?? DEFAULT_RADIUS_KM;
  if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM) {
    const used = Number.isFinite(radiusKm) && radiusKm > MAX_RADIUS_KM ? MAX_RADIUS_KM : DEFAULT_RADIUS_KM;
    warnings.push({
      code: 'near.invalid_radius',
      message: `Le rayon « ${String(near.radiusKm)} km » n'est pas valide (de 1 à ${MAX_RADIUS_KM} km) : la recherche utilise ${used} km.`,
      details: { option: 'radiusKm', value: near.radiusKm },
    });
    radiusKm = used;
  }
  const commune = await db
    .selectFrom('communes')
    .select(['insee_code', 'name', 'latitude', 'longitude'])
    .where('insee_code', '=', parsed.value)
    .executeTakeFirst();
  if (commune === undefined) {
    warnings.push({
      code: 'near.unknown_commune',
      message: `La commune de code INSEE ${parsed.value} est introuvable dans le référentiel des communes.${suffix}`,
      details: { option: 'near', value: parsed.value },
    });
    return null;
  }
  return {
    inseeCode: commune.insee_code,
    name: commune.name,
    latitude: commune.latitude,
    longitude: commune.longitude,
    radiusKm,
  };
}

function positiveInteger(value: number | undefined, fallback: number, max: number): number {
  return value !== undefined && Number.isInteger(value) && value >= 1 ? Math.min(value, max) : fallback;
}

/**
 * Validates the options of a search.
 * @param db the store (CPV list and communes are looked up)
 * @param options the options as typed
 * @returns the filters, and a French warning for every value ignored or corrected
 */
export async function resolveFilters(
  db: Kysely<Database>,
  options: SearchOptions,
): Promise<{ filters: ResolvedFilters; warnings: SearchWarning[] }> {
  const warnings: SearchWarning[] = [];
  const naf = listFilter(options.naf, 'naf', NafCode.tryParse, warnings);
  const region = listFilter(options.region, 'region', RegionCode.tryParse, warnings);
  const dept = listFilter(options.dept, 'dept', DepartementCode.tryParse, warnings);
  const size = listFilter(options.size, 'size', parseSize, warnings);
  const [cpv, near] = await Promise.all([
    cpvFilters(db, options.cpv, warnings),
    nearFilter(db, options.near, warnings),
  ]);
  return {
    filters: {
      cpv,
      naf,
      region,
      dept,
      size,
      ess: options.ess === true,
      hasContracts: options.hasContracts === true,
      hasInnovativeContract: options.hasInnovativeContract === true,
      ...showcaseFilters(options, warnings),
      near,
      page: positiveInteger(options.page, 1, Number.MAX_SAFE_INTEGER),
      perPage: positiveInteger(options.perPage, DEFAULT_PER_PAGE, MAX_PER_PAGE),
    },
    warnings,
  };
}
