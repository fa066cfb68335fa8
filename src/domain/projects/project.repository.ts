import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { ProcedureCode } from '../planning/index.ts';
import type {
  Database,
  ProjectLotsTable,
  ProjectVersionsTable,
  PurchaseProjectsTable,
} from '../../store/schema.ts';
import type {
  GreenProcurementCode,
  InnovationProcurementCode,
  ReservedArticle,
  SocialProcurementCode,
  StrategicProcurementCode,
  VariantPolicy,
} from './eforms-codes.ts';
import {
  AWARD_CRITERIA_KEYS,
  type AwardCriteria,
  type FieldChange,
  type LotFields,
  type ProjectFields,
  type ProjectLot,
  type ProjectStatus,
  type ProjectVersion,
  type PurchaseProject,
  type Reservation,
} from './purchase-project.ts';

/** Reads and writes of projects, their lots and their versions (documents: project-documents.repository.ts). */

type Db = Kysely<Database> | Transaction<Database>;

const amount = (value: string | null): number | null => (value === null ? null : Number(value));

function reservationOf(code: string | null, article: string | null): Reservation | null {
  return code === null || code === 'none' || article === null
    ? null
    : { code: code as Reservation['code'], article: article as ReservedArticle };
}

/** A row as a project. */
export function toProject(row: Selectable<PurchaseProjectsTable>): PurchaseProject {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    reference: row.reference,
    title: row.title,
    need: row.need,
    nature: row.nature,
    buyerType: row.buyer_type,
    cpvCodes: row.cpv_codes,
    estimatedValue: amount(row.estimated_value),
    budget: amount(row.budget),
    place:
      row.place_kind === null || row.place_code === null
        ? null
        : {
            kind: row.place_kind,
            code: row.place_code,
            department: row.place_department,
            region: row.place_region,
          },
    procedure: row.procedure as ProcedureCode,
    innovativePurchase: row.innovative_purchase,
    targetNotificationDate: row.target_notification_date,
    targetStartDate: row.target_start_date,
    targetDates: row.target_dates,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    strategicProcurement: row.strategic_procurement as StrategicProcurementCode[],
    greenProcurement: row.green_procurement as GreenProcurementCode[],
    socialProcurement: row.social_procurement as SocialProcurementCode[],
    innovationProcurement: row.innovation_procurement as InnovationProcurementCode[],
    reserved: reservationOf(row.reserved_participation, row.reserved_article),
    status: row.status,
    offersDeadline: row.offers_deadline,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

/** The columns of a project's editable fields. */
export function projectColumns(fields: ProjectFields, offersDeadline: Date | null) {
  return {
    reference: fields.reference,
    title: fields.title,
    need: fields.need,
    nature: fields.nature,
    buyer_type: fields.buyerType,
    cpv_codes: fields.cpvCodes,
    estimated_value: fields.estimatedValue,
    budget: fields.budget,
    place_kind: fields.place?.kind ?? null,
    place_code: fields.place?.code ?? null,
    place_department: fields.place?.department ?? null,
    place_region: fields.place?.region ?? null,
    procedure: fields.procedure,
    innovative_purchase: fields.innovativePurchase,
    target_notification_date: fields.targetNotificationDate,
    target_start_date: fields.targetStartDate,
    target_dates: JSON.stringify(fields.targetDates),
    offers_deadline: offersDeadline,
    contact_name: fields.contactName,
    contact_email: fields.contactEmail,
    strategic_procurement: fields.strategicProcurement,
    green_procurement: fields.greenProcurement,
    social_procurement: fields.socialProcurement,
    innovation_procurement: fields.innovationProcurement,
    reserved_participation: fields.reserved?.code ?? null,
    reserved_article: fields.reserved?.article ?? null,
  } satisfies Partial<Insertable<PurchaseProjectsTable>>;
}

/** Saves a new draft. */
export async function insertProject(
  db: Db,
  organisationId: number,
  fields: ProjectFields,
  offersDeadline: Date | null,
): Promise<PurchaseProject> {
  const row = await db
    .insertInto('purchase_projects')
    .values({ organisation_id: organisationId, ...projectColumns(fields, offersDeadline) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProject(row);
}

/** Writes a project's fields and, optionally, its state. */
export async function updateProjectRow(
  db: Db,
  id: number,
  fields: ProjectFields,
  offersDeadline: Date | null,
  state: { status?: ProjectStatus; publishedAt?: Date; version?: number } = {},
): Promise<PurchaseProject> {
  const row = await db
    .updateTable('purchase_projects')
    .set({
      ...projectColumns(fields, offersDeadline),
      ...(state.status === undefined ? {} : { status: state.status }),
      ...(state.publishedAt === undefined ? {} : { published_at: state.publishedAt }),
      ...(state.version === undefined ? {} : { version: state.version }),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProject(row);
}

/**
 * A project by id.
 * @param options `forUpdate`: lock the row until the transaction ends (state changes, versions)
 */
export async function findProjectRow(
  db: Db,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<PurchaseProject | undefined> {
  let query = db.selectFrom('purchase_projects').selectAll().where('id', '=', id);
  if (options.forUpdate) {
    query = query.forUpdate();
  }
  const row = await query.executeTakeFirst();
  return row && toProject(row);
}

/** Criteria in the canonical order of `AWARD_CRITERIA_KEYS` (jsonb does not keep the order of keys). */
function canonicalCriteria(stored: Record<string, number>): AwardCriteria {
  const criteria: AwardCriteria = {};
  for (const key of AWARD_CRITERIA_KEYS) {
    if (stored[key] !== undefined) {
      criteria[key] = stored[key];
    }
  }
  return criteria;
}

/** A row as a lot. */
export function toLot(row: Selectable<ProjectLotsTable>): ProjectLot {
  return {
    id: row.id,
    projectId: row.project_id,
    number: row.number,
    title: row.title,
    cpvCodes: row.cpv_codes,
    estimatedValue: amount(row.estimated_value),
    variants: row.variants as VariantPolicy | null,
    variantMinimumRequirements: row.variant_minimum_requirements,
    variantWithoutBaseOffer: row.variant_without_base_offer,
    reserved: reservationOf(row.reserved_participation, row.reserved_article),
    awardCriteria: canonicalCriteria(row.award_criteria),
  };
}

function lotColumns(fields: LotFields) {
  return {
    number: fields.number,
    title: fields.title,
    cpv_codes: fields.cpvCodes,
    estimated_value: fields.estimatedValue,
    variants: fields.variants,
    variant_minimum_requirements: fields.variantMinimumRequirements,
    variant_without_base_offer: fields.variantWithoutBaseOffer,
    reserved_participation: fields.reserved?.code ?? null,
    reserved_article: fields.reserved?.article ?? null,
    award_criteria: JSON.stringify(fields.awardCriteria),
  };
}

/** The lots of a project, by number. */
export async function listLots(db: Db, projectId: number): Promise<ProjectLot[]> {
  const rows = await db
    .selectFrom('project_lots')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('number')
    .execute();
  return rows.map(toLot);
}

/** The lots of several projects, by project then number. */
export async function listLotsOf(db: Db, projectIds: number[]): Promise<Map<number, ProjectLot[]>> {
  const byProject = new Map<number, ProjectLot[]>(projectIds.map((id) => [id, []]));
  if (projectIds.length === 0) {
    return byProject;
  }
  const rows = await db
    .selectFrom('project_lots')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('project_id')
    .orderBy('number')
    .execute();
  for (const row of rows) {
    byProject.get(row.project_id)?.push(toLot(row));
  }
  return byProject;
}

/** Saves a new lot. */
export async function insertLot(db: Db, projectId: number, fields: LotFields): Promise<ProjectLot> {
  const row = await db
    .insertInto('project_lots')
    .values({ project_id: projectId, ...lotColumns(fields) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLot(row);
}

/** Writes a lot's fields. */
export async function updateLotRow(db: Db, id: number, fields: LotFields): Promise<ProjectLot> {
  const row = await db
    .updateTable('project_lots')
    .set({ ...lotColumns(fields), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLot(row);
}

/** Removes a lot. */
export async function deleteLotRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('project_lots').where('id', '=', id).execute();
}

/** Appends a version (a change after publication). */
export async function insertVersion(
  db: Db,
  entry: { projectId: number; version: number; changedBy: string | null; diff: Record<string, FieldChange> },
): Promise<void> {
  await db
    .insertInto('project_versions')
    .values({
      project_id: entry.projectId,
      version: entry.version,
      changed_by: entry.changedBy,
      diff: JSON.stringify(entry.diff),
    })
    .execute();
}

function toVersion(row: Selectable<ProjectVersionsTable>): ProjectVersion {
  return { version: row.version, changedAt: row.changed_at, changedBy: row.changed_by, diff: row.diff };
}

/** The versions of a project, newest first. */
export async function listVersions(db: Db, projectId: number): Promise<ProjectVersion[]> {
  const rows = await db
    .selectFrom('project_versions')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersion);
}
