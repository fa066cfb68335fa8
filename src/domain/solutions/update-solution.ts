import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { DocumentStorage } from '../../storage/index.ts';
import { authorizeSolution } from './solution-access.ts';
import { inputOf, readSolutionFields, type SolutionInput } from './solution-fields.ts';
import { deleteSolutionRow, listDocuments, updateSolutionRow } from './solution.repository.ts';
import type { Solution } from './solution.ts';

/**
 * Changes a solution's fields. Only the fields present in `patch` change (an API PATCH sends a few, a
 * form sends them all); the result is checked whole. A published solution stays published: the change
 * is public at once.
 * @param actor a member of the solution's organisation
 * @param id the solution
 * @param patch the fields to change, as typed
 * @returns the solution after the change
 * @throws DomainError `auth.unauthenticated`, `solution.not_found` (unknown, or a draft of another
 *   organisation), `auth.forbidden`, `solution.invalid`
 */
export async function updateSolution(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  patch: SolutionInput,
): Promise<Solution> {
  return db.transaction().execute(async (trx) => {
    const { solution } = await authorizeSolution(trx, actor, id, 'edit', { forUpdate: true });
    const present = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const columns = await readSolutionFields(trx, { ...inputOf(solution), ...present });
    const updated = await updateSolutionRow(trx, id, columns);
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'solution.updated',
      subjectType: 'solution',
      subjectId: String(id),
      before: solution,
      after: updated,
    });
    return updated;
  });
}

/**
 * Deletes a solution and its documents (rows, then the stored files once the deletion is committed).
 * @param storage where the documents are
 * @returns the deleted solution (its SIREN tells which search document to refresh)
 * @throws DomainError `auth.unauthenticated`, `solution.not_found`, `auth.forbidden`
 */
export async function deleteSolution(
  db: Kysely<Database>,
  storage: DocumentStorage,
  actor: Actor,
  id: number,
): Promise<Solution> {
  const { solution, keys } = await db.transaction().execute(async (trx) => {
    const { solution } = await authorizeSolution(trx, actor, id, 'edit', { forUpdate: true });
    const documents = await listDocuments(trx, id);
    await deleteSolutionRow(trx, id);
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'solution.deleted',
      subjectType: 'solution',
      subjectId: String(id),
      before: { ...solution, documents: documents.map((d) => d.fileName) },
    });
    return { solution, keys: documents.map((d) => d.storageKey) };
  });
  await Promise.all(keys.map((key) => storage.delete(key)));
  return solution;
}
