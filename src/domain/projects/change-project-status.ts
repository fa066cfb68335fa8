import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { invalidProject } from './project.errors.ts';
import { loadProject } from './project-access.ts';
import { planProject } from './project-planning.ts';
import { updateProjectRow } from './project.repository.ts';
import { recordVersion } from './project-versions.ts';
import { AUDIT_SUBJECT } from './save-project.ts';
import { nextStatus, type ProjectTransition, type PurchaseProject } from './purchase-project.ts';

/**
 * The state machine in action: publish (draft → published), launch the tender (published →
 * tender_launched), award (tender_launched → awarded), abandon (any state before awarded). Each change is
 * authorized, checked against the machine (French error for an illegal transition), versioned once the
 * project is public, and audited, in one transaction with the project's row locked.
 */

const AUDIT_ACTIONS: Record<ProjectTransition, string> = {
  publish: 'project.published',
  launchTender: 'project.tender_launched',
  award: 'project.awarded',
  abandon: 'project.abandoned',
};

/**
 * Moves a project to its next state.
 * @param actor a member of the project's (active) buyer organisation
 * @param id the project
 * @param transition publish, launchTender, award or abandon
 * @param now the clock (first publication time)
 * @returns the saved project
 * @throws DomainError `auth.unauthenticated`, `project.not_found`, `auth.forbidden`,
 *   `project.invalid_transition` (illegal from the current state), `project.invalid` (publishing a project
 *   without a CPV code: suppliers find projects by CPV)
 */
export async function changeProjectStatus(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  transition: ProjectTransition,
  now = new Date(),
): Promise<PurchaseProject> {
  const userId = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const { project } = await loadProject(trx, actor, id, 'edit', { forUpdate: true });
    const status = nextStatus(project.status, transition);
    if (transition === 'publish' && project.cpvCodes.length === 0) {
      throw invalidProject({
        cpvCodes:
          'Indiquez au moins un code CPV avant de publier : les fournisseurs cherchent les projets par code CPV.',
      });
    }
    const version = await recordVersion(trx, project, userId, {
      status: { before: project.status, after: status },
    });
    const saved = await updateProjectRow(
      trx,
      id,
      project,
      planProject(project)?.offersDeadline?.toJSDate() ?? null,
      {
        status,
        version,
        ...(project.publishedAt === null && status === 'published' ? { publishedAt: now } : {}),
      },
    );
    await recordAudit(trx, {
      actorUserId: userId,
      action: AUDIT_ACTIONS[transition],
      subjectType: AUDIT_SUBJECT,
      subjectId: String(id),
      before: { status: project.status },
      after: { status },
    });
    return saved;
  });
}
