import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { unauthenticated } from '../accounts/account.errors.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { authorize } from './solution.policy.ts';
import { loadSolutionContext, organisationFor } from './solution-access.ts';
import { readSolutionFields, type SolutionInput } from './solution-fields.ts';
import { insertSolution } from './solution.repository.ts';
import type { Solution } from './solution.ts';

/**
 * Creates a draft solution for a supplier organisation.
 * @param actor a member of the organisation (or an API token of it)
 * @param organisation the organisation's id, or its SIRET (14 digits, spaces allowed)
 * @param input the fields as typed (only the title is required for a draft)
 * @returns the draft
 * @throws DomainError `auth.unauthenticated` (anonymous), `organisation.not_found`, `siret.*`,
 *   `auth.forbidden` (not a member, organisation suspended or not a supplier), `solution.invalid`
 */
export async function createSolution(
  db: Kysely<Database>,
  actor: Actor,
  organisation: number | string,
  input: SolutionInput,
): Promise<Solution> {
  if (actor.kind === 'anonymous') {
    throw unauthenticated();
  }
  return db.transaction().execute(async (trx) => {
    const owner = await organisationFor(trx, organisation);
    authorize(await loadSolutionContext(trx, actor, owner, null), 'edit');
    const columns = await readSolutionFields(trx, input);
    const solution = await insertSolution(trx, { ...columns, organisation_id: owner.id, siren: owner.siren });
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'solution.created',
      subjectType: 'solution',
      subjectId: String(solution.id),
      after: solution,
    });
    return solution;
  });
}
