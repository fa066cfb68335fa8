import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { forbidden } from '../accounts/account.errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import {
  authorize as authorizeOrganisation,
  findOrganisationById,
  loadOrganisationContext,
  organisationNotFound,
} from '../organisations/index.ts';
import { readWithCpvList } from './field-readers.ts';
import { loadProject } from './project-access.ts';
import { diffProjectFields } from './project-diff.ts';
import { readProjectFields, type RawProjectInput } from './project-input.ts';
import { planProject } from './project-planning.ts';
import { insertProject, updateProjectRow } from './project.repository.ts';
import { assertEditable, recordVersion } from './project-versions.ts';
import type { ProjectFields, PurchaseProject } from './purchase-project.ts';

/** Creating a project (a draft) and changing its fields. */

/** The audit subject type of projects. */
export const AUDIT_SUBJECT = 'purchase_project';

function offersDeadlineOf(fields: ProjectFields): Date | null {
  return planProject(fields)?.offersDeadline?.toJSDate() ?? null;
}

/**
 * Creates a draft project for a buyer organisation.
 * @param actor a member of the (active) buyer organisation
 * @param organisationId the buyer organisation
 * @param raw the fields as received (title, need and procedure required)
 * @returns the saved draft
 * @throws DomainError `auth.unauthenticated`; `organisation.not_found`; `auth.forbidden` (not a member, a
 *   suspended organisation, or a supplier organisation); `project.invalid` with `details.fields`
 */
export async function createProject(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
  raw: RawProjectInput,
): Promise<PurchaseProject> {
  const userId = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const organisation = await findOrganisationById(trx, organisationId);
    if (organisation === undefined) {
      throw organisationNotFound(String(organisationId));
    }
    authorizeOrganisation(await loadOrganisationContext(trx, actor, organisation), 'act');
    if (organisation.kind !== 'buyer') {
      throw forbidden();
    }
    const fields = await readWithCpvList(trx, raw.cpvCodes, () => readProjectFields(raw, null));
    const project = await insertProject(trx, organisationId, fields, offersDeadlineOf(fields));
    await recordAudit(trx, {
      actorUserId: userId,
      action: 'project.created',
      subjectType: AUDIT_SUBJECT,
      subjectId: String(project.id),
      after: project,
    });
    return project;
  });
}

/**
 * Changes a project's fields; absent fields keep their value. After publication the change is versioned.
 * @param actor a member of the project's (active) buyer organisation
 * @param id the project
 * @param raw the fields to change
 * @returns the saved project (unchanged when nothing differs)
 * @throws DomainError `auth.unauthenticated`, `project.not_found`, `auth.forbidden`, `project.invalid`
 *   (bad fields, or an awarded or abandoned project)
 */
export async function updateProject(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  raw: RawProjectInput,
): Promise<PurchaseProject> {
  const userId = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const { project } = await loadProject(trx, actor, id, 'edit', { forUpdate: true });
    assertEditable(project);
    const fields = await readWithCpvList(trx, raw.cpvCodes, () => readProjectFields(raw, project));
    const diff = diffProjectFields(project, fields);
    if (Object.keys(diff).length === 0) {
      return project;
    }
    const version = await recordVersion(trx, project, userId, diff);
    const saved = await updateProjectRow(trx, id, fields, offersDeadlineOf(fields), { version });
    await recordAudit(trx, {
      actorUserId: userId,
      action: 'project.updated',
      subjectType: AUDIT_SUBJECT,
      subjectId: String(id),
      before: Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, v.before])),
      after: Object.fromEntries(Object.entries(diff).map(([k, v]) => [k, v.after])),
    });
    return saved;
  });
}
