import { sql, type Kysely, type Transaction } from 'kysely';
import type { CpvCode, CpvLevel } from '../shared/cpv-code.ts';
import type { Database } from '../../store/schema.ts';

/**
 * Read access to the CPV 2008 list imported in `cpv_codes` (see ingest/cpv/import-cpv.ts).
 */

/** One entry of the CPV 2008 list. */
export interface CpvEntry {
  /** 8 digits, e.g. '30213000'. */
  code: CpvCode;
  /** The official check digit, e.g. '5' (written 30213000-5). */
  checkDigit: string;
  /** French label, e.g. 'Ordinateurs personnels'. */
  label: string;
  /** Nearest ancestor present in the list, or null for a division. */
  parentCode: CpvCode | null;
  /** 1 division … 7 (see CpvCode.level). */
  level: CpvLevel;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Finds a code of the list.
 * @param db the store (or a transaction)
 * @param code the 8 digits, without check digit
 * @returns the entry, or null when the code is not in the list
 * @example await findCpv(db, '30213000') // { code: '30213000', checkDigit: '5', label: 'Ordinateurs personnels', parentCode: '30210000', level: 4 }
 */
export async function findCpv(db: Db, code: string): Promise<CpvEntry | null> {
  const row = await db.selectFrom('cpv_codes').selectAll().where('code', '=', code).executeTakeFirst();
  return row === undefined
    ? null
    : {
        code: row.code as CpvCode,
        checkDigit: row.check_digit,
        label: row.label,
        parentCode: row.parent_code as CpvCode | null,
        level: row.level as CpvLevel,
      };
}

/**
 * French labels of several codes at once (for lists and search facets).
 * @param db the store (or a transaction)
 * @param codes 8-digit codes; duplicates and unknown codes are fine
 * @returns code → label, only for the codes in the list
 */
export async function cpvLabels(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('cpv_codes')
    .select(['code', 'label'])
    .where('code', '=', sql<string>`any(${unique}::char(8)[])`)
    .execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

/**
 * Number of codes imported (9 454 for the full CPV 2008 list); 0 means the list was never imported.
 * @param db the store (or a transaction)
 * @returns the count
 */
export async function cpvCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('cpv_codes')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
