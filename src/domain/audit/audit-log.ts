import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';

/**
 * The audit log: every change of an organisation, a membership, a claim, a profile or a solution is
 * appended here in the same transaction as the change, with who did it, when, and the subject's state
 * before and after (JSON, as the domain presents it, never secrets). Rows are never updated or deleted,
 * except that a deleted account's id becomes null (`on delete set null`).
 */

/** One change to record. */
export interface AuditEntry {
  /** `users.id` of who did it; null for the system (imports, expiry). */
  actorUserId: string | null;
  /** Dotted verb, e.g. 'organisation.claimed', 'claim.approved', 'solution.published'. */
  action: string;
  /** Kind of subject: 'organisation', 'membership', 'claim', 'supplier_profile', 'solution'. */
  subjectType: string;
  /** Its id, as text. */
  subjectId: string;
  /** State before (null for a creation). */
  before?: unknown;
  /** State after (null for a deletion). */
  after?: unknown;
}

/** A recorded change. */
export interface AuditEvent extends Required<AuditEntry> {
  id: string;
  occurredAt: Date;
}

/**
 * Appends a change to the log; call it inside the transaction of the change.
 * @param trx the change's transaction
 * @param entry who, what, before and after
 */
export async function recordAudit(trx: Transaction<Database> | Kysely<Database>, entry: AuditEntry) {
  await trx
    .insertInto('audit_events')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/**
 * The changes of one subject, oldest first. Authorization is the caller's (the log holds names and
 * addresses): only platform admins and the subject's own administrators read it.
 * @param subjectType e.g. 'organisation'
 * @param subjectId its id
 */
export async function auditTrail(
  db: Kysely<Database>,
  subjectType: string,
  subjectId: string,
): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    occurredAt: r.occurred_at,
    actorUserId: r.actor_user_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    before: r.before,
    after: r.after,
  }));
}
