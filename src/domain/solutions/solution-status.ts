import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { invalidSolution } from './solution.errors.ts';
import type { SolutionAction } from './solution.policy.ts';
import { authorizeSolution } from './solution-access.ts';
import { updateSolutionRow } from './solution.repository.ts';
import { missingForPublication, type Solution, type SolutionStatus } from './solution.ts';

/**
 * The life of a solution: draft → published (by a member) ↔ draft (unpublished by a member);
 * published → suspended (by a platform admin) → published (suspension lifted). Each change is audited
 * with the status before and after and, for a suspension, the moderator's reason.
 *
 * After a change, the caller refreshes the supplier's search document (`reindexSuppliers(db, [siren])`):
 * the domain does not know the search engine.
 */

interface Transition {
  action: SolutionAction;
  from: readonly SolutionStatus[];
  to: SolutionStatus;
  audit: string;
  /** French message when the solution is not in a `from` status. */
  refused: string;
}

const TRANSITIONS = {
  publish: {
    action: 'publish',
    from: ['draft'],
    to: 'published',
    audit: 'solution.published',
    refused: 'Cette solution est déjà publiée.',
  },
  unpublish: {
    action: 'publish',
    from: ['published'],
    to: 'draft',
    audit: 'solution.unpublished',
    refused: 'Cette solution n’est pas publiée.',
  },
  suspend: {
    action: 'moderate',
    from: ['published'],
    to: 'suspended',
    audit: 'solution.suspended',
    refused: 'Seule une solution publiée peut être suspendue.',
  },
  reinstate: {
    action: 'moderate',
    from: ['suspended'],
    to: 'published',
    audit: 'solution.reinstated',
    refused: 'Cette solution n’est pas suspendue.',
  },
} as const satisfies Record<string, Transition>;

async function transition(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  step: Transition,
  reason: string | null,
  now: Date,
): Promise<Solution> {
  return db.transaction().execute(async (trx) => {
    const { solution } = await authorizeSolution(trx, actor, id, step.action, { forUpdate: true });
    if (!step.from.includes(solution.status)) {
      throw invalidSolution({ status: step.refused });
    }
    if (step.to === 'published' && step.action === 'publish') {
      const missing = missingForPublication(solution);
      if (Object.keys(missing).length > 0) {
        throw invalidSolution(missing);
      }
    }
    const updated = await updateSolutionRow(trx, id, {
      status: step.to,
      ...(step.to === 'published' && solution.publishedAt === null ? { published_at: now } : {}),
    });
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: step.audit,
      subjectType: 'solution',
      subjectId: String(id),
      before: { status: solution.status },
      after: reason === null ? { status: step.to } : { status: step.to, reason },
    });
    return updated;
  });
}

/**
 * Publishes a draft: it becomes public (page, API, search) while its organisation is active.
 * @param actor a member of the solution's organisation
 * @throws DomainError `auth.unauthenticated`, `solution.not_found`, `auth.forbidden` (suspended solution
 *   or organisation), `solution.invalid` (already published; summary, CPV code or TRL missing)
 */
export function publishSolution(db: Kysely<Database>, actor: Actor, id: number, now = new Date()) {
  return transition(db, actor, id, TRANSITIONS.publish, null, now);
}

/**
 * Takes a published solution back to draft.
 * @throws DomainError `auth.unauthenticated`, `solution.not_found`, `auth.forbidden`, `solution.invalid`
 */
export function unpublishSolution(db: Kysely<Database>, actor: Actor, id: number, now = new Date()) {
  return transition(db, actor, id, TRANSITIONS.unpublish, null, now);
}

/**
 * Suspends a published solution (moderation): hidden from everyone but its organisation and the admins.
 * @param actor a platform admin
 * @param reason recorded in the audit log
 * @throws DomainError `auth.unauthenticated`, `solution.not_found`, `auth.forbidden`, `solution.invalid`
 */
export function suspendSolution(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  reason: string | null = null,
  now = new Date(),
) {
  return transition(db, actor, id, TRANSITIONS.suspend, reason, now);
}

/**
 * Lifts a suspension: the solution is published again.
 * @param actor a platform admin
 * @throws DomainError `auth.unauthenticated`, `solution.not_found`, `auth.forbidden`, `solution.invalid`
 */
export function reinstateSolution(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  reason: string | null = null,
  now = new Date(),
) {
  return transition(db, actor, id, TRANSITIONS.reinstate, reason, now);
}
