import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { PROCEDURE_CODES, type ProcedureCode } from '../planning/index.ts';
import { CpvCode, DepartementCode, RegionCode, regionOfDepartement, tryParse } from '../shared/index.ts';
import { invalidProject } from './project.errors.ts';
import { listLotsOf, toProject } from './project.repository.ts';
import {
  PROJECT_STATUSES,
  type ProjectLot,
  type ProjectStatus,
  type PurchaseProject,
} from './purchase-project.ts';

/**
 * The public list of projects (no login): every project published once, filtered and paginated. Drafts are
 * never listed, whoever asks (the buyer's own list is `listOrganisationProjects`).
 */

/** Value bands, euros HT, lower bound included; the bounds follow the thresholds of 2026 (MAPA notice
 * 90 000, EU supplies and services of local buyers 216 000, EU works 5 404 000). */
export const VALUE_BANDS = [
  // The thresholds that change what a buyer must do (décret 2025-1386, CCP R2122-8, R2122-9-1, R2131-12, and
  // the 2026–2027 EU thresholds): no publicity for supplies and services below 60 000 € HT, for works and
  // innovative purchases below 100 000 € HT; formalised procedures from 216 000 € HT (services of local
  // buyers) and 5 404 000 € HT (works).
  { code: 'lt60k', label: 'moins de 60 000 € HT', min: 0, max: 60_000 },
  { code: '60k-100k', label: 'de 60 000 à 100 000 € HT', min: 60_000, max: 100_000 },
  { code: '100k-216k', label: 'de 100 000 à 216 000 € HT', min: 100_000, max: 216_000 },
  { code: '216k-1m', label: 'de 216 000 à 1 million € HT', min: 216_000, max: 1_000_000 },
  { code: '1m-5404k', label: 'de 1 million à 5 404 000 € HT', min: 1_000_000, max: 5_404_000 },
  { code: 'gte5404k', label: '5 404 000 € HT et plus', min: 5_404_000, max: null },
] as const;
export type ValueBand = (typeof VALUE_BANDS)[number]['code'];

/** Sort orders: newest publication first, or nearest offers deadline first. */
export const PROJECT_SORTS = ['published', 'deadline'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** States a public list may be filtered on: every state but the draft (drafts are never listed). */
const LISTED_STATUSES: readonly ProjectStatus[] = PROJECT_STATUSES.filter((s) => s !== 'draft');

export const PROJECTS_PER_PAGE = 20;
export const PROJECTS_MAX_PER_PAGE = 100;

/** Filters of the public list; every one optional. */
export interface ProjectFilters {
  /** words of the title or the need (French stemming, accents ignored) */
  q?: string | undefined;
  /** a CPV code: projects with that code or one below it, on the project or a lot */
  cpv?: string | undefined;
  /** a département: projects there, or région-wide projects of its région */
  department?: string | undefined;
  /** a région: projects there */
  region?: string | undefined;
  /** one procedure code, or several (projects with any of them) */
  procedure?: string | readonly string[] | undefined;
  valueBand?: string | undefined;
  /** a state of a listed project: published, tender_launched, awarded or abandoned (never draft) */
  status?: string | undefined;
  /** offers deadline from this day (`YYYY-MM-DD`, Paris), included */
  deadlineFrom?: string | undefined;
  /** offers deadline up to this day, included */
  deadlineTo?: string | undefined;
  /** only projects with a reserved participation (project or lot) */
  reserved?: boolean | undefined;
  /** only innovative purchases (BT-06 inn-pur, BT-776 codes, or the innovative flag) */
  innovation?: boolean | undefined;
  sort?: ProjectSort | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

/** A listed project. */
export interface ProjectListItem {
  project: PurchaseProject;
  organisationName: string;
  lots: ProjectLot[];
}

/** A page of the list. */
export interface ProjectList {
  total: number;
  page: number;
  perPage: number;
  sort: ProjectSort;
  results: ProjectListItem[];
}

function parseOr<T>(field: string, read: () => T): T {
  const parsed = tryParse(read);
  if (!parsed.ok) {
    throw invalidProject({ [field]: parsed.error.userMessage });
  }
  return parsed.value;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Lists public projects.
 * @param filters see `ProjectFilters`
 * @returns the page, with each project's organisation name and lots
 * @throws DomainError `project.invalid` naming the bad filter (CPV, département, région, procedure, status,
 *   value band, deadline day, a deadline « from » after « to »)
 */
export async function listPublicProjects(
  db: Kysely<Database>,
  filters: ProjectFilters,
): Promise<ProjectList> {
  const page = filters.page ?? 1;
  const perPage = Math.min(filters.perPage ?? PROJECTS_PER_PAGE, PROJECTS_MAX_PER_PAGE);
  const sort = filters.sort ?? 'published';
  let query = db
    .selectFrom('purchase_projects as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .where('p.published_at', 'is not', null);

  const q = filters.q?.trim() ?? '';
  if (q !== '') {
    query = query.where(sql<boolean>`p.search_vector @@ websearch_to_tsquery('fr', ${q})`);
  }
  if (filters.cpv !== undefined && filters.cpv.trim() !== '') {
    const prefix = `${CpvCode.prefix(parseOr('cpv', () => CpvCode.parse(filters.cpv!)).code)}%`;
    query = query.where(
      sql<boolean>`(exists (select 1 from unnest(p.cpv_codes) c where c like ${prefix})
        or exists (select 1 from project_lots l, unnest(l.cpv_codes) c where l.project_id = p.id and c like ${prefix}))`,
    );
  }
  if (filters.department !== undefined && filters.department.trim() !== '') {
    const department = parseOr('department', () => DepartementCode.parse(filters.department!));
    const region = regionOfDepartement(department);
    query = query.where((eb) =>
      eb.or([
        eb('p.place_department', '=', department),
        eb.and([eb('p.place_kind', '=', 'region'), eb('p.place_region', '=', region)]),
      ]),
    );
  }
  if (filters.region !== undefined && filters.region.trim() !== '') {
    query = query.where(
      'p.place_region',
      '=',
      parseOr('region', () => RegionCode.parse(filters.region!)),
    );
  }
  const procedures = (
    typeof filters.procedure === 'string' ? [filters.procedure] : (filters.procedure ?? [])
  ).filter((code) => code !== '');
  if (procedures.length > 0) {
    const unknown = procedures.find((code) => !(PROCEDURE_CODES as readonly string[]).includes(code));
    if (unknown !== undefined) {
      throw invalidProject({
        procedure: `Procédure inconnue « ${unknown.slice(0, 20)} » : choisissez parmi ${PROCEDURE_CODES.join(', ')}.`,
      });
    }
    query = query.where('p.procedure', 'in', procedures as ProcedureCode[]);
  }
  if (filters.status !== undefined && filters.status !== '') {
    if (!LISTED_STATUSES.includes(filters.status as ProjectStatus)) {
      throw invalidProject({
        status: `Statut inconnu : choisissez parmi ${LISTED_STATUSES.join(', ')}.`,
      });
    }
    query = query.where('p.status', '=', filters.status as ProjectStatus);
  }
  if (filters.valueBand !== undefined && filters.valueBand !== '') {
    const band = VALUE_BANDS.find((b) => b.code === filters.valueBand);
    if (band === undefined) {
      throw invalidProject({
        valueBand: `Tranche de valeur inconnue : ${VALUE_BANDS.map((b) => b.code).join(', ')}.`,
      });
    }
    query = query.where('p.estimated_value', '>=', String(band.min));
    if (band.max !== null) {
      query = query.where('p.estimated_value', '<', String(band.max));
    }
  }
  if (
    filters.deadlineFrom !== undefined &&
    filters.deadlineTo !== undefined &&
    DAY.test(filters.deadlineFrom) &&
    DAY.test(filters.deadlineTo) &&
    filters.deadlineFrom > filters.deadlineTo
  ) {
    throw invalidProject({
      deadlineTo:
        'La date limite des offres « au » doit être le même jour que la date « du » ou après : inversez-les.',
    });
  }
  for (const [field, day, op] of [
    ['deadlineFrom', filters.deadlineFrom, '>='],
    ['deadlineTo', filters.deadlineTo, '<='],
  ] as const) {
    if (day !== undefined && day !== '') {
      if (!DAY.test(day)) {
        throw invalidProject({ [field]: 'La date limite s’écrit AAAA-MM-JJ.' });
      }
      query = query.where(
        sql<boolean>`(p.offers_deadline at time zone 'Europe/Paris')::date ${sql.raw(op)} ${day}::date`,
      );
    }
  }
  if (filters.reserved) {
    query = query.where(
      sql<boolean>`(coalesce(p.reserved_participation, 'none') <> 'none'
        or exists (select 1 from project_lots l where l.project_id = p.id and coalesce(l.reserved_participation, 'none') <> 'none'))`,
    );
  }
  if (filters.innovation) {
    query = query.where(
      sql<boolean>`(p.innovative_purchase or cardinality(p.innovation_procurement) > 0 or 'inn-pur' = any(p.strategic_procurement))`,
    );
  }

  const { total } = await query
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .executeTakeFirstOrThrow();
  let rows = query.selectAll('p').select('o.name as organisation_name');
  rows =
    sort === 'deadline'
      ? rows.orderBy(sql`p.offers_deadline asc nulls last`).orderBy('p.id', 'desc')
      : rows.orderBy('p.published_at', 'desc').orderBy('p.id', 'desc');
  const found = await rows
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const lots = await listLotsOf(
    db,
    found.map((r) => r.id),
  );
  return {
    total: Number(total),
    page,
    perPage,
    sort,
    results: found.map(({ organisation_name, ...row }) => ({
      project: toProject(row),
      organisationName: organisation_name,
      lots: lots.get(row.id) ?? [],
    })),
  };
}
