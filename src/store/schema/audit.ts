import type { Generated } from 'kysely';
import type { Json } from './columns.ts';

/**
 * Audit log (src/domain/audit).
 */

/** Append-only audit log: who did what to which subject, when, with its state before and after. */
export interface AuditEventsTable {
  id: Generated<string>;
  occurred_at: Generated<Date>;
  actor_user_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: Json | null;
  after: Json | null;
}
