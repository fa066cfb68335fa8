import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { resolveCommune, communeLabel } from '../communes/index.ts';
import { cpvListProblem } from '../cpv/cpv-list-check.ts';
import {
  CommuneCode,
  communeName,
  CpvCode,
  DepartementCode,
  parseFrenchAmount,
  RegionCode,
} from '../shared/index.ts';
import type { DomainError } from '../shared/index.ts';
import { invalidSolution } from './solution.errors.ts';
import type { SolutionColumns } from './solution.repository.ts';
import { MAX_PERIMETER_RADIUS_KM, SOLUTION_LIMITS, type PerimeterKind, type Solution } from './solution.ts';

/**
 * Reads a solution as typed in a form or sent to the API: every field is checked, and every problem is
 * reported with its field and a French message (all of them at once, so a form shows them together).
 */

/** A solution as typed. Lists may be one string (comma, semicolon or line separated) or an array. */
export interface SolutionInput {
  title?: string | undefined;
  summary?: string | undefined;
  description?: string | undefined;
  /** CPV 2008 codes, with or without check digit ('72000000', '72000000-5'). */
  cpvCodes?: string | string[] | undefined;
  /** 1 to 9, or empty. */
  trl?: string | number | null | undefined;
  /** 'radius' | 'departements' | 'regions' | 'national' (default 'national'). */
  perimeterKind?: string | undefined;
  /** For 'radius': an INSEE code ('35238') or a name ('Rennes', 'Rennes (35)'). */
  commune?: string | null | undefined;
  /** For 'radius': 1 to 1000 km. */
  radiusKm?: string | number | null | undefined;
  /** For 'departements': COG codes ('35', '2A', '974'). */
  departements?: string | string[] | undefined;
  /** For 'regions': COG codes ('53'). */
  regions?: string | string[] | undefined;
  /** Euros HT, French or machine writing ('12 000', '12000.50'). */
  priceMin?: string | number | null | undefined;
  priceMax?: string | number | null | undefined;
  priceUnit?: string | null | undefined;
}

type Db = Kysely<Database> | Transaction<Database>;
type Errors = Record<string, string>;

const PERIMETER_KINDS: readonly PerimeterKind[] = ['radius', 'departements', 'regions', 'national'];

/** A list typed as one text or sent as an array: trimmed, empty items dropped, duplicates removed. */
export function listOf(value: string | string[] | undefined): string[] {
  const items = Array.isArray(value) ? value : (value ?? '').split(/[,;\n\r]+/);
  return [...new Set(items.map((item) => item.trim()).filter((item) => item !== ''))];
}

function blank(value: string | number | null | undefined): boolean {
  return value === undefined || value === null || String(value).trim() === '';
}

function text(value: string | undefined, field: string, label: string, max: number, errors: Errors): string {
  const trimmed = (value ?? '').trim();
  if (trimmed.length > max) {
    errors[field] = `${label} ne doit pas dépasser ${max} caractères (${trimmed.length} saisis).`;
  }
  return trimmed;
}

async function cpvCodes(db: Db, raw: string | string[] | undefined, errors: Errors): Promise<string[]> {
  const values = listOf(raw);
  const problem = await cpvListProblem(db, values);
  if (problem !== null) {
    errors.cpvCodes = problem;
    return [];
  }
  const codes = [...new Set(values.map((value) => CpvCode.parse(value).code))];
  if (codes.length > SOLUTION_LIMITS.cpvCodes) {
    errors.cpvCodes = `Indiquez au plus ${SOLUTION_LIMITS.cpvCodes} codes CPV (${codes.length} saisis).`;
  }
  return codes;
}

function trl(raw: string | number | null | undefined, errors: Errors): number | null {
  if (blank(raw)) {
    return null;
  }
  const value = Number(String(raw).trim());
  if (!Number.isInteger(value) || value < 1 || value > 9) {
    errors.trl = 'Le niveau de maturité (TRL) est un nombre entier de 1 à 9.';
    return null;
  }
  return value;
}

function euros(raw: string | number | null | undefined, field: string, errors: Errors): number | null {
  if (blank(raw)) {
    return null;
  }
  try {
    const value = parseFrenchAmount(raw as string | number);
    if (value < 0) {
      errors[field] = 'Un prix ne peut pas être négatif.';
    }
    return value;
  } catch (error) {
    errors[field] = (error as DomainError).userMessage;
    return null;
  }
}

async function communeCode(db: Db, raw: string, errors: Errors): Promise<string | null> {
  const resolution = await resolveCommune(db, raw);
  if (resolution.kind === 'found') {
    return resolution.commune.inseeCode;
  }
  if (resolution.kind === 'ambiguous') {
    const choices = resolution.candidates.slice(0, 5).map(communeLabel).join(', ');
    errors.commune = `Plusieurs communes correspondent à « ${resolution.text} » : précisez (${choices}).`;
    return null;
  }
  // The communes table may not be imported yet: a code of the bundled COG is enough.
  const code = CommuneCode.tryParse(raw);
  if (code.ok && communeName(code.value) !== null) {
    return code.value;
  }
  errors.commune = code.ok
    ? `La commune de code ${code.value} n’existe pas dans le Code officiel géographique.`
    : `Aucune commune ne s’appelle « ${raw.trim()} » : saisissez son nom ou son code INSEE.`;
  return null;
}

function cogCodes(
  raw: string | string[] | undefined,
  parse: (value: string) => { ok: true; value: string } | { ok: false; error: DomainError },
  field: string,
  errors: Errors,
): string[] {
  const codes: string[] = [];
  for (const value of listOf(raw)) {
    const parsed = parse(value);
    if (parsed.ok) {
      codes.push(parsed.value);
    } else {
      errors[field] = parsed.error.userMessage;
    }
  }
  return [...new Set(codes)];
}

type PerimeterColumns = Pick<
  SolutionColumns,
  'perimeter_kind' | 'commune_code' | 'radius_km' | 'departements' | 'regions'
>;

async function perimeter(db: Db, input: SolutionInput, errors: Errors): Promise<PerimeterColumns> {
  const kind = (input.perimeterKind ?? 'national').trim() || 'national';
  const none: PerimeterColumns = {
    perimeter_kind: 'national',
    commune_code: null,
    radius_km: null,
    departements: [],
    regions: [],
  };
  if (!PERIMETER_KINDS.includes(kind as PerimeterKind)) {
    errors.perimeterKind =
      'Choisissez le périmètre d’intervention : autour d’une commune, départements, régions ou toute la France.';
    return none;
  }
  if (kind === 'radius') {
    const commune = blank(input.commune) ? null : await communeCode(db, String(input.commune), errors);
    if (blank(input.commune)) {
      errors.commune = 'Indiquez la commune autour de laquelle vous intervenez.';
    }
    const radius = Number(String(input.radiusKm ?? '').trim());
    if (
      blank(input.radiusKm) ||
      !Number.isInteger(radius) ||
      radius < 1 ||
      radius > MAX_PERIMETER_RADIUS_KM
    ) {
      errors.radiusKm = `Le rayon est un nombre entier de kilomètres, de 1 à ${MAX_PERIMETER_RADIUS_KM}.`;
    }
    return { ...none, perimeter_kind: 'radius', commune_code: commune, radius_km: radius };
  }
  if (kind === 'departements') {
    const codes = cogCodes(input.departements, DepartementCode.tryParse, 'departements', errors);
    if (codes.length === 0 && errors.departements === undefined) {
      errors.departements = 'Indiquez au moins un département (par exemple 35 ou 2A).';
    }
    return { ...none, perimeter_kind: 'departements', departements: codes };
  }
  if (kind === 'regions') {
    const codes = cogCodes(input.regions, RegionCode.tryParse, 'regions', errors);
    if (codes.length === 0 && errors.regions === undefined) {
      errors.regions = 'Indiquez au moins une région (code INSEE, par exemple 53 pour la Bretagne).';
    }
    return { ...none, perimeter_kind: 'regions', regions: codes };
  }
  return none;
}

/**
 * Checks a solution as typed and gives the columns to save.
 * @param db the store or the command's transaction (CPV list and communes are looked up)
 * @param input the fields as typed
 * @returns the columns, normalised (CPV codes 8 digits, COG codes canonical, euros rounded to the cent)
 * @throws DomainError `solution.invalid` with `details.fields` (field → French message): title missing
 *   or too long, CPV code malformed or unknown, TRL outside 1–9, perimeter incomplete, commune unknown or
 *   ambiguous, price unreadable or minimum above maximum
 */
export async function readSolutionFields(db: Db, input: SolutionInput): Promise<SolutionColumns> {
  const errors: Errors = {};
  const title = text(input.title, 'title', 'Le titre', SOLUTION_LIMITS.title, errors);
  if (title === '') {
    errors.title = 'Donnez un titre à la solution.';
  }
  const summary = text(input.summary, 'summary', 'Le résumé', SOLUTION_LIMITS.summary, errors);
  const description = text(
    input.description,
    'description',
    'La description',
    SOLUTION_LIMITS.description,
    errors,
  );
  const priceUnit = text(
    input.priceUnit ?? undefined,
    'priceUnit',
    'L’unité de prix',
    SOLUTION_LIMITS.priceUnit,
    errors,
  );
  const columns: SolutionColumns = {
    title,
    summary,
    description,
    cpv_codes: await cpvCodes(db, input.cpvCodes, errors),
    trl: trl(input.trl, errors),
    ...(await perimeter(db, input, errors)),
    price_min: euros(input.priceMin, 'priceMin', errors),
    price_max: euros(input.priceMax, 'priceMax', errors),
    price_unit: priceUnit === '' ? null : priceUnit,
  };
  const [min, max] = [columns.price_min, columns.price_max];
  if (min !== null && max !== null && Number(min) > Number(max) && errors.priceMax === undefined) {
    errors.priceMax = 'Le prix maximum doit être supérieur ou égal au prix minimum.';
  }
  if (Object.keys(errors).length > 0) {
    throw invalidSolution(errors);
  }
  return columns;
}

/**
 * A saved solution written back as input, so that a partial change (API PATCH) is checked whole.
 * @param solution the saved solution
 * @returns every field as `readSolutionFields` reads it
 */
export function inputOf(solution: Solution): SolutionInput {
  const p = solution.perimeter;
  return {
    title: solution.title,
    summary: solution.summary,
    description: solution.description,
    cpvCodes: solution.cpvCodes,
    trl: solution.trl,
    perimeterKind: p.kind,
    commune: p.kind === 'radius' ? p.communeCode : null,
    radiusKm: p.kind === 'radius' ? p.radiusKm : null,
    departements: p.kind === 'departements' ? p.codes : [],
    regions: p.kind === 'regions' ? p.codes : [],
    priceMin: solution.price.min,
    priceMax: solution.price.max,
    priceUnit: solution.price.unit,
  };
}
