import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, SolutionDocumentsTable, SolutionsTable } from '../../store/schema.ts';
import type { Perimeter, Solution, SolutionDocument, SolutionStatus } from './solution.ts';

/** Reads and writes of the solutions context: the only file that knows the tables. */

type Db = Kysely<Database> | Transaction<Database>;

/** The columns a solution's editable fields map to. */
export type SolutionColumns = Pick<
  Insertable<SolutionsTable>,
  | 'title'
  | 'summary'
  | 'description'
  | 'cpv_codes'
  | 'trl'
  | 'perimeter_kind'
  | 'commune_code'
  | 'radius_km'
  | 'departements'
  | 'regions'
  | 'price_min'
  | 'price_max'
  | 'price_unit'
>;

function perimeterOf(row: Selectable<SolutionsTable>): Perimeter {
  switch (row.perimeter_kind) {
    case 'radius':
      return { kind: 'radius', communeCode: row.commune_code ?? '', radiusKm: row.radius_km ?? 0 };
    case 'departements':
      return { kind: 'departements', codes: row.departements };
    case 'regions':
      return { kind: 'regions', codes: row.regions };
    default:
      return { kind: 'national' };
  }
}

const euros = (value: string | null): number | null => (value === null ? null : Number(value));

export function toSolution(row: Selectable<SolutionsTable>): Solution {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    siren: row.siren,
    title: row.title,
    summary: row.summary,
    description: row.description,
    cpvCodes: row.cpv_codes,
    trl: row.trl,
    perimeter: perimeterOf(row),
    price: { min: euros(row.price_min), max: euros(row.price_max), unit: row.price_unit },
    status: row.status,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDocument(row: Selectable<SolutionDocumentsTable>): SolutionDocument {
  return {
    id: row.id,
    solutionId: row.solution_id,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256.trim(),
    storageKey: row.storage_key,
    createdAt: row.created_at,
  };
}

/**
 * A solution by id, locked for the rest of the transaction when `forUpdate`.
 * @param id any number (an id that is not a positive integer finds nothing)
 */
export async function findSolution(
  db: Db,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<Solution | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
    return undefined;
  }
  let query = db.selectFrom('solutions').selectAll().where('id', '=', id);
  if (options.forUpdate === true) {
    query = query.forUpdate();
  }
  const row = await query.executeTakeFirst();
  return row && toSolution(row);
}

export async function insertSolution(
  trx: Db,
  values: SolutionColumns & { organisation_id: number; siren: string },
): Promise<Solution> {
  const row = await trx.insertInto('solutions').values(values).returningAll().executeTakeFirstOrThrow();
  return toSolution(row);
}

export async function updateSolutionRow(
  trx: Db,
  id: number,
  values: Updateable<SolutionsTable>,
): Promise<Solution> {
  const row = await trx
    .updateTable('solutions')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSolution(row);
}

export async function deleteSolutionRow(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('solutions').where('id', '=', id).execute();
}

/**
 * The solutions of an organisation, most recently changed first.
 * @param statuses only these statuses (all when omitted)
 */
export async function listSolutionsOf(
  db: Db,
  organisationId: number,
  statuses?: SolutionStatus[],
): Promise<Solution[]> {
  let query = db
    .selectFrom('solutions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc');
  if (statuses !== undefined) {
    query = query.where('status', 'in', statuses);
  }
  return (await query.execute()).map(toSolution);
}

/** A published or suspended solution with the name and SIRET of its organisation, for moderation. */
export interface SolutionForReview extends Solution {
  organisation: { id: number; siret: string; name: string; status: 'active' | 'suspended' };
}

/**
 * Solutions published (or suspended) most recently first, for the moderation queue.
 * @param limit at most this many
 */
export async function listRecentlyPublished(db: Db, limit: number): Promise<SolutionForReview[]> {
  const rows = await db
    .selectFrom('solutions as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .selectAll('s')
    .select(['o.siret', 'o.name as organisation_name', 'o.status as organisation_status'])
    .where('s.published_at', 'is not', null)
    .orderBy('s.published_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    ...toSolution(r),
    organisation: {
      id: r.organisation_id,
      siret: r.siret,
      name: r.organisation_name,
      status: r.organisation_status,
    },
  }));
}

export async function listDocuments(db: Db, solutionId: number): Promise<SolutionDocument[]> {
  const rows = await db
    .selectFrom('solution_documents')
    .selectAll()
    .where('solution_id', '=', solutionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toDocument);
}

export async function findDocument(
  db: Db,
  solutionId: number,
  documentId: number,
): Promise<SolutionDocument | undefined> {
  if (!Number.isSafeInteger(documentId) || documentId <= 0 || documentId > 2_147_483_647) {
    return undefined;
  }
  const row = await db
    .selectFrom('solution_documents')
    .selectAll()
    .where('solution_id', '=', solutionId)
    .where('id', '=', documentId)
    .executeTakeFirst();
  return row && toDocument(row);
}

export async function insertDocument(
  trx: Db,
  values: Insertable<SolutionDocumentsTable>,
): Promise<SolutionDocument> {
  return toDocument(
    await trx.insertInto('solution_documents').values(values).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function deleteDocumentRow(trx: Db, documentId: number): Promise<void> {
  await trx.deleteFrom('solution_documents').where('id', '=', documentId).execute();
}
