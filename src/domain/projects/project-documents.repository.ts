import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ProjectDocumentsTable } from '../../store/schema.ts';
import type { DocumentVisibility, ProjectDocument } from './purchase-project.ts';

/** Reads and writes of the study documents of projects (every version kept). */

type Db = Kysely<Database> | Transaction<Database>;

/** A row as a document. */
export function toDocument(row: Selectable<ProjectDocumentsTable>): ProjectDocument {
  return {
    id: row.id,
    projectId: row.project_id,
    version: row.version,
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    storageKey: row.storage_key,
    visibility: row.visibility,
    createdAt: row.created_at,
    replacedBy: row.replaced_by,
  };
}

/** Every version of every study of a project, current ones first, then by title and version. */
export async function listDocuments(db: Db, projectId: number): Promise<ProjectDocument[]> {
  const rows = await db
    .selectFrom('project_documents')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
  return rows.map(toDocument);
}

/** One document of a project. */
export async function findDocument(
  db: Db,
  projectId: number,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<ProjectDocument | undefined> {
  let query = db
    .selectFrom('project_documents')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id);
  if (options.forUpdate) {
    query = query.forUpdate();
  }
  const row = await query.executeTakeFirst();
  return row && toDocument(row);
}

/** Saves a document version. */
export async function insertDocument(
  db: Db,
  values: Omit<Insertable<ProjectDocumentsTable>, 'id' | 'created_at' | 'replaced_by'>,
): Promise<ProjectDocument> {
  const row = await db
    .insertInto('project_documents')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDocument(row);
}

/** Points a version to the one that replaces it. */
export async function markReplaced(db: Db, id: number, by: number): Promise<void> {
  await db.updateTable('project_documents').set({ replaced_by: by }).where('id', '=', id).execute();
}

/** Changes who may download every version of a study (the chain a version belongs to). */
export async function setChainVisibility(
  db: Db,
  ids: number[],
  visibility: DocumentVisibility,
): Promise<void> {
  await db.updateTable('project_documents').set({ visibility }).where('id', 'in', ids).execute();
}
