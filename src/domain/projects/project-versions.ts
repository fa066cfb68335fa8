import type { Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { invalidProject } from './project.errors.ts';
import { insertVersion } from './project.repository.ts';
import { isPublic, STATUS_LABELS, type FieldChange, type PurchaseProject } from './purchase-project.ts';

/**
 * Versioning: once a project was published, every change to it (fields, milestones, state, lots, studies)
 * is appended to `project_versions` with its diff, and the project's `version` goes up by one, in the
 * transaction of the change. Suppliers who read the page see what changed and when.
 */

/**
 * Records a change when the project is public.
 * @param trx the change's transaction (the project's row locked)
 * @param project the project before the change
 * @param changedBy `users.id` of the author
 * @param diff path → { before, after }; nothing is recorded when empty
 * @returns the project's version after the change (unchanged for a draft or an empty diff)
 */
export async function recordVersion(
  trx: Transaction<Database>,
  project: PurchaseProject,
  changedBy: string,
  diff: Record<string, FieldChange>,
): Promise<number> {
  if (!isPublic(project) || Object.keys(diff).length === 0) {
    return project.version;
  }
  const version = project.version + 1;
  await insertVersion(trx, { projectId: project.id, version, changedBy, diff });
  await trx
    .updateTable('purchase_projects')
    .set({ version, updated_at: new Date() })
    .where('id', '=', project.id)
    .execute();
  return version;
}

/**
 * Refuses changes to a project whose procedure is over.
 * @param project the saved project
 * @throws DomainError `project.invalid` (field `status`) for an awarded or abandoned project
 */
export function assertEditable(project: PurchaseProject): void {
  if (project.status === 'awarded' || project.status === 'abandoned') {
    throw invalidProject({
      status: `Ce projet est ${STATUS_LABELS[project.status]} : il ne se modifie plus.`,
    });
  }
}
