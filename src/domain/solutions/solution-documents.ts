import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { StorageMissError, storeThenRecord, type DocumentStorage } from '../../storage/index.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { checkDocument } from './document-file.ts';
import { documentNotFound, invalidDocument } from './solution.errors.ts';
import { authorizeSolution } from './solution-access.ts';
import { deleteDocumentRow, findDocument, insertDocument, listDocuments } from './solution.repository.ts';
import type { SolutionDocument } from './solution.ts';

/**
 * Documents of a solution (brochures, technical sheets): uploaded by its members, checked from their
 * content (document-file.ts), stored through the `DocumentStorage` port, read by whoever may read the
 * solution.
 */

/** Documents per solution, at most. */
export const MAX_DOCUMENTS_PER_SOLUTION = 10;

/** An upload as received. */
export interface DocumentUpload {
  /** The name the browser sent. */
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Attaches a document. The file is stored first, then its row is written; if the row cannot be written
 * the file is removed again, so no row ever points at a missing file.
 * @param storage where documents live
 * @param actor a member of the solution's organisation
 * @param id the solution
 * @param upload name and content
 * @param maxBytes size limit (`AMONT_UPLOAD_MAX_BYTES`)
 * @returns the saved document
 * @throws DomainError `auth.unauthenticated`, `solution.not_found`, `auth.forbidden`,
 *   `solution_document.invalid` (empty, too large, not PDF/ODT/DOCX, too many documents)
 */
export async function attachDocument(
  db: Kysely<Database>,
  storage: DocumentStorage,
  actor: Actor,
  id: number,
  upload: DocumentUpload,
  maxBytes: number,
): Promise<SolutionDocument> {
  await authorizeSolution(db, actor, id, 'edit');
  const checked = await checkDocument(upload.fileName, upload.bytes, maxBytes);
  return storeThenRecord(storage, `solutions/${id}`, checked.bytes, ({ key, sha256 }) =>
    db.transaction().execute(async (trx) => {
      await authorizeSolution(trx, actor, id, 'edit', { forUpdate: true });
      if ((await listDocuments(trx, id)).length >= MAX_DOCUMENTS_PER_SOLUTION) {
        throw invalidDocument(
          `Une solution compte au plus ${MAX_DOCUMENTS_PER_SOLUTION} documents : retirez-en un avant d’en ajouter.`,
        );
      }
      const document = await insertDocument(trx, {
        solution_id: id,
        file_name: checked.fileName,
        media_type: checked.mediaType,
        size_bytes: checked.bytes.byteLength,
        sha256,
        storage_key: key,
      });
      await recordAudit(trx, {
        actorUserId: requireUser(actor),
        action: 'solution.document_added',
        subjectType: 'solution',
        subjectId: String(id),
        after: document,
      });
      return document;
    }),
  );
}

/**
 * Removes a document (its row, then its file once the removal is committed).
 * @throws DomainError `auth.unauthenticated`, `solution.not_found`, `auth.forbidden`,
 *   `solution_document.not_found`
 */
export async function removeDocument(
  db: Kysely<Database>,
  storage: DocumentStorage,
  actor: Actor,
  id: number,
  documentId: number,
): Promise<SolutionDocument> {
  const document = await db.transaction().execute(async (trx) => {
    await authorizeSolution(trx, actor, id, 'edit', { forUpdate: true });
    const found = await findDocument(trx, id, documentId);
    if (found === undefined) {
      throw documentNotFound(documentId);
    }
    await deleteDocumentRow(trx, documentId);
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'solution.document_removed',
      subjectType: 'solution',
      subjectId: String(id),
      before: found,
    });
    return found;
  });
  await storage.delete(document.storageKey);
  return document;
}

/**
 * A document and its content, for whoever may read the solution.
 * @throws DomainError `solution.not_found` (unknown, or not readable by the actor),
 *   `solution_document.not_found` (unknown, or its file is missing)
 */
export async function openDocument(
  db: Kysely<Database>,
  storage: DocumentStorage,
  actor: Actor,
  id: number,
  documentId: number,
): Promise<{ document: SolutionDocument; bytes: Buffer }> {
  await authorizeSolution(db, actor, id, 'read');
  const document = await findDocument(db, id, documentId);
  if (document === undefined) {
    throw documentNotFound(documentId);
  }
  try {
    return { document, bytes: await storage.get(document.storageKey) };
  } catch (error) {
    if (error instanceof StorageMissError) {
      throw documentNotFound(documentId);
    }
    throw error;
  }
}
