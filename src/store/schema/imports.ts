import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

/**
 * Open-data import runs and the records they rejected (src/ingest, src/domain/imports).
 */

export interface ImportRunsTable {
  id: Generated<number>;
  kind: string;
  file: string;
  file_sha256: string | null;
  status: ColumnType<string, string | undefined, string>;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
}

export interface ImportRejectionsTable {
  id: Generated<number>;
  run_id: number;
  position: string;
  reason: string;
  excerpt: string | null;
}
