import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { StorageMissError, storeThenRecord, type DocumentStorage } from '../../storage/index.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { checkDocument } from '../solutions/index.ts';
import { DomainError } from '../shared/index.ts';
import { documentNotFound, invalidDocument } from './project.errors.ts';
import { loadProject } from './project-access.ts';
import { authorize } from './project.policy.ts';
import {
  findDocument,
  insertDocument,
  listDocuments,
  markReplaced,
  setChainVisibility,
} from './project-documents.repository.ts';
import { assertEditable, recordVersion } from './project-versions.ts';
import { AUDIT_SUBJECT } from './save-project.ts';
import type { DocumentVisibility, ProjectDocument } from './purchase-project.ts';

/**
 * Preliminary studies of a project (« études préalables »): documents the buyer attaches, each study kept
 * in every version (a new upload of a study replaces its current version, the older ones stay listed),
 * public or reserved to signed-in suppliers as the buyer chooses. Files are checked from their content and
 * size-limited by the solutions context's `checkDocument` (PDF, ODT or DOCX), stored through the shared
 * `DocumentStorage` port (src/storage) under `projects/<project id>/<uuid>`.
 */

/** Studies per project (current versions), at most. */
export const MAX_STUDIES = 20;

/** An upload as received. */
export interface StudyUpload {
  /** the study's title, e.g. « Étude de marché » */
  title: string;
  /** the name the browser sent */
  fileName: string;
  bytes: Uint8Array;
  /** default: public; a new version keeps the study's visibility unless given */
  visibility?: DocumentVisibility | undefined;
  /** id of the current version this upload replaces (a new version of that study); absent: a new study */
  replaces?: number | undefined;
}

/** The versions of a study: `chain[0]` is the first, the last one the current. */
export function chainOf(documents: ProjectDocument[], id: number): ProjectDocument[] {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const previous = new Map(documents.filter((d) => d.replacedBy !== null).map((d) => [d.replacedBy!, d]));
  let first = byId.get(id);
  while (first !== undefined && previous.has(first.id)) {
    first = previous.get(first.id);
  }
  const chain: ProjectDocument[] = [];
  for (let d = first; d !== undefined; d = d.replacedBy === null ? undefined : byId.get(d.replacedBy)) {
    chain.push(d);
  }
  return chain;
}

function readTitle(raw: string): string {
  const title = raw.trim();
  if (title === '' || title.length > 200) {
    throw invalidDocument('Donnez un titre à l’étude (200 caractères au plus).', 'title');
  }
  return title;
}

async function checked(upload: StudyUpload, maxBytes: number) {
  try {
    return await checkDocument(upload.fileName, upload.bytes, maxBytes);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'solution_document.invalid') {
      throw invalidDocument(error.userMessage);
    }
    throw error;
  }
}

/**
 * Attaches a study, or a new version of one. The file is stored first, then its row is written; when the
 * row cannot be written the file is removed again, so no row points at a missing file.
 * @param storage where documents live
 * @param actor a member of the project's (active) buyer organisation
 * @param id the project
 * @param upload title, file, visibility, and the version it replaces
 * @param maxBytes size limit, bytes
 * @returns the saved version
 * @throws DomainError `auth.*`, `project.not_found`, `project_document.invalid` (title, empty, too large,
 *   not PDF/ODT/DOCX, too many studies), `project_document.not_found` (the replaced version is unknown or
 *   not current), `project.invalid` (awarded or abandoned project)
 */
export async function attachStudy(
  db: Kysely<Database>,
  storage: DocumentStorage,
  actor: Actor,
  id: number,
  upload: StudyUpload,
  maxBytes: number,
): Promise<ProjectDocument> {
  const userId = requireUser(actor);
  await loadProject(db, actor, id, 'edit');
  const title = readTitle(upload.title);
  const file = await checked(upload, maxBytes);
  return storeThenRecord(storage, `projects/${id}`, file.bytes, ({ key, sha256 }) =>
    db.transaction().execute(async (trx) => {
      const { project } = await loadProject(trx, actor, id, 'edit', { forUpdate: true });
      assertEditable(project);
      const documents = await listDocuments(trx, id);
      const replaced =
        upload.replaces === undefined ? undefined : documents.find((d) => d.id === upload.replaces);
      if (upload.replaces !== undefined && (replaced === undefined || replaced.replacedBy !== null)) {
        throw documentNotFound(upload.replaces);
      }
      if (replaced === undefined && documents.filter((d) => d.replacedBy === null).length >= MAX_STUDIES) {
        throw invalidDocument(`Un projet compte au plus ${MAX_STUDIES} études.`);
      }
      const document = await insertDocument(trx, {
        project_id: id,
        version: (replaced?.version ?? 0) + 1,
        title,
        file_name: file.fileName,
        media_type: file.mediaType,
        size_bytes: file.bytes.byteLength,
        sha256,
        storage_key: key,
        visibility: upload.visibility ?? replaced?.visibility ?? 'public',
      });
      if (replaced !== undefined) {
        await markReplaced(trx, replaced.id, document.id);
      }
      const chainId = replaced === undefined ? document.id : chainOf(documents, replaced.id)[0]!.id;
      const summary = (d: ProjectDocument) => ({ title: d.title, version: d.version, fileName: d.fileName });
      await recordVersion(trx, project, userId, {
        [`documents.${chainId}`]: {
          before: replaced === undefined ? null : summary(replaced),
          after: summary(document),
        },
      });
      await recordAudit(trx, {
        actorUserId: userId,
        action: 'project.study_attached',
        subjectType: AUDIT_SUBJECT,
        subjectId: String(id),
        before: replaced ?? null,
        after: document,
      });
      return document;
    }),
  );
}

/**
 * Chooses who may download a study (all its versions): everyone, or signed-in suppliers and the buyer.
 * @param documentId any version of the study
 * @returns the study's current version
 * @throws DomainError `auth.*`, `project.not_found`, `project_document.not_found`, `project.invalid`
 */
export async function setStudyVisibility(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  documentId: number,
  visibility: DocumentVisibility,
): Promise<ProjectDocument> {
  const userId = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const { project } = await loadProject(trx, actor, id, 'edit', { forUpdate: true });
    assertEditable(project);
    const chain = chainOf(await listDocuments(trx, id), documentId);
    const current = chain.at(-1);
    if (current === undefined) {
      throw documentNotFound(documentId);
    }
    if (current.visibility !== visibility) {
      await setChainVisibility(
        trx,
        chain.map((d) => d.id),
        visibility,
      );
      await recordVersion(trx, project, userId, {
        [`documents.${chain[0]!.id}.visibility`]: {
          before: { title: current.title, visibility: current.visibility },
          after: { title: current.title, visibility },
        },
      });
      await recordAudit(trx, {
        actorUserId: userId,
        action: 'project.study_visibility_changed',
        subjectType: AUDIT_SUBJECT,
        subjectId: String(id),
        before: { documentId: current.id, visibility: current.visibility },
        after: { documentId: current.id, visibility },
      });
    }
    return { ...current, visibility };
  });
}

/**
 * A study version and its content, for whoever may read it: public studies for anyone who may read the
 * project, reserved ones for signed-in suppliers and the buyer's members.
 * @returns the version and its bytes
 * @throws DomainError `project.not_found`; `auth.unauthenticated` (anonymous, reserved study) or
 *   `auth.forbidden` (reserved study, not a supplier); `project_document.not_found` (unknown, or its file
 *   is missing)
 */
export async function openStudy(
  db: Kysely<Database>,
  storage: DocumentStorage,
  actor: Actor,
  id: number,
  documentId: number,
): Promise<{ document: ProjectDocument; bytes: Buffer }> {
  const { context } = await loadProject(db, actor, id, 'read');
  const document = await findDocument(db, id, documentId);
  if (document === undefined) {
    throw documentNotFound(documentId);
  }
  if (document.visibility === 'suppliers') {
    authorize(context, 'readReservedDocuments', id);
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
