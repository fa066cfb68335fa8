import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { readWithCpvList } from './field-readers.ts';
import { readLotFields, type RawLotInput } from './lot-input.ts';
import { invalidProject, lotNotFound } from './project.errors.ts';
import { loadProject } from './project-access.ts';
import { diffLot } from './project-diff.ts';
import { deleteLotRow, insertLot, listLots, updateLotRow } from './project.repository.ts';
import { assertEditable, recordVersion } from './project-versions.ts';
import { AUDIT_SUBJECT } from './save-project.ts';
import type { ProjectLot, PurchaseProject } from './purchase-project.ts';

/**
 * The lots of a project (OCDS lots; eForms `ProcurementProjectLot`): added, changed and removed by the
 * buyer's members, versioned once the project is public, audited.
 */

/** Lots per project, at most. */
export const MAX_LOTS = 100;

async function editLots(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  change: (
    trx: Transaction<Database>,
    project: PurchaseProject,
    lots: ProjectLot[],
    userId: string,
  ) => Promise<ProjectLot>,
): Promise<ProjectLot> {
  const userId = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const { project } = await loadProject(trx, actor, id, 'edit', { forUpdate: true });
    assertEditable(project);
    return change(trx, project, await listLots(trx, id), userId);
  });
}

function assertFreeNumber(lots: ProjectLot[], number: number, except: number | null): void {
  if (lots.some((lot) => lot.number === number && lot.id !== except)) {
    throw invalidProject({
      number: `Le lot n° ${number} existe déjà dans ce projet : choisissez un autre numéro.`,
    });
  }
}

async function audit(
  trx: Transaction<Database>,
  userId: string,
  action: string,
  projectId: number,
  before: unknown,
  after: unknown,
) {
  await recordAudit(trx, {
    actorUserId: userId,
    action,
    subjectType: AUDIT_SUBJECT,
    subjectId: String(projectId),
    before,
    after,
  });
}

/**
 * Adds a lot.
 * @param actor a member of the project's (active) buyer organisation
 * @param id the project
 * @param raw the lot's fields (title required; the number defaults to the next one)
 * @returns the saved lot
 * @throws DomainError `auth.*`, `project.not_found`, `project.invalid` (bad fields, a number already used,
 *   too many lots, an awarded or abandoned project)
 */
export async function addLot(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  raw: RawLotInput,
): Promise<ProjectLot> {
  return editLots(db, actor, id, async (trx, project, lots, userId) => {
    if (lots.length >= MAX_LOTS) {
      throw invalidProject({ number: `Un projet compte au plus ${MAX_LOTS} lots.` });
    }
    const next = Math.max(0, ...lots.map((lot) => lot.number)) + 1;
    const fields = await readWithCpvList(trx, raw.cpvCodes, () =>
      readLotFields(raw, null, project.procedure, next),
    );
    assertFreeNumber(lots, fields.number, null);
    const lot = await insertLot(trx, id, fields);
    await recordVersion(trx, project, userId, diffLot(lot.number, null, fields));
    await audit(trx, userId, 'project.lot_added', id, null, lot);
    return lot;
  });
}

/**
 * Changes a lot; absent fields keep their value.
 * @param number the lot's current number
 * @returns the saved lot
 * @throws DomainError as `addLot`, and `project_lot.not_found`
 */
export async function updateLot(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  number: number,
  raw: RawLotInput,
): Promise<ProjectLot> {
  return editLots(db, actor, id, async (trx, project, lots, userId) => {
    const current = lots.find((lot) => lot.number === number);
    if (current === undefined) {
      throw lotNotFound(number);
    }
    const fields = await readWithCpvList(trx, raw.cpvCodes, () =>
      readLotFields(raw, current, project.procedure, number),
    );
    assertFreeNumber(lots, fields.number, current.id);
    const diff = diffLot(number, current, fields);
    if (Object.keys(diff).length === 0) {
      return current;
    }
    const lot = await updateLotRow(trx, current.id, fields);
    await recordVersion(trx, project, userId, diff);
    await audit(trx, userId, 'project.lot_updated', id, current, lot);
    return lot;
  });
}

/**
 * Removes a lot.
 * @param number the lot's number
 * @returns the removed lot
 * @throws DomainError `auth.*`, `project.not_found`, `project_lot.not_found`, `project.invalid` (an awarded
 *   or abandoned project)
 */
export async function removeLot(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  number: number,
): Promise<ProjectLot> {
  return editLots(db, actor, id, async (trx, project, lots, userId) => {
    const current = lots.find((lot) => lot.number === number);
    if (current === undefined) {
      throw lotNotFound(number);
    }
    await deleteLotRow(trx, current.id);
    await recordVersion(trx, project, userId, diffLot(number, current, null));
    await audit(trx, userId, 'project.lot_removed', id, current, null);
    return current;
  });
}
