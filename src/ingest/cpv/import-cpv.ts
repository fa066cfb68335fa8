import { sql, type Kysely, type Transaction } from 'kysely';
import { CpvCode, type CpvCode as Cpv } from '../../domain/shared/cpv-code.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import type { CpvCodesTable, Database } from '../../store/schema.ts';
import { columnReader, consumeCsv, excerpt, openCsv, type CsvSource } from '../csv.ts';
import { ImportRun, type ImportReport } from '../import-run.ts';
import { silentProgress, type Progress } from '../progress.ts';

/**
 * Importer of the CPV 2008 list (Commission Regulation (EC) No 213/2008) with its French labels, as
 * published in `cpv_2008.csv` (`CODE,FR`) or `cpv_2008_parent.csv` (`id,name,parent`).
 *
 * `parent_code` is the nearest ancestor (CpvCode.ancestors: zero the last significant digit, again and
 * again) that is itself in the file, computed in a first pass over the codes. The `parent` column of
 * `cpv_2008_parent.csv` is ignored: it is wrong for 59 codes of the 2008 list (e.g. it gives 30000000 as
 * the parent of the division 31000000, and none to 30192121 whose group 30192100 is listed).
 */

/** Error codes of this importer. */
export type CpvImportErrorCode = 'cpv.unknown_layout';

/** Options of `importCpv`. */
export interface ImportCpvOptions {
  progress?: Progress | undefined;
  /** Records per transaction, default 1000. */
  batchSize?: number | undefined;
}

type CpvRow = CpvCodesTable;

/** Where the code and the label are, by header: `CODE,FR` or `id,name,parent`. */
function layoutOf(source: CsvSource, file: string): { code: string; label: string } {
  const columns = columnReader(source.header);
  if (columns.has('CODE') && columns.has('FR')) {
    return { code: 'CODE', label: 'FR' };
  }
  if (columns.has('id') && columns.has('name')) {
    return { code: 'id', label: 'name' };
  }
  source.close();
  throw new DomainError(
    'cpv.unknown_layout',
    `Le fichier ${file} n'est pas une liste CPV reconnue : l'en-tête doit être « CODE,FR » ou « id,name,parent » ` +
      `(trouvé : « ${source.header.join(source.delimiter).slice(0, 120)} »).`,
    { message: `unknown CPV layout in ${file}`, details: { header: source.header } },
  );
}

/** A record checked: the row to write, or the French reason it is rejected. */
type Checked = { ok: true; row: CpvRow } | { ok: false; reason: string };

/** Checks one record; `parent_code` is left null here (it needs the whole list). */
function checkRecord(get: (name: string) => string, layout: { code: string; label: string }): Checked {
  const parsed = CpvCode.tryParse(get(layout.code));
  if (!parsed.ok) {
    return { ok: false, reason: parsed.error.userMessage };
  }
  const { code, checkDigit } = parsed.value;
  if (checkDigit === null) {
    return {
      ok: false,
      reason: `Le code CPV ${code} n'a pas de chiffre de contrôle : la liste officielle l'écrit ${code}-N.`,
    };
  }
  const label = get(layout.label);
  if (label === '') {
    return { ok: false, reason: `Le code CPV ${code} n'a pas de libellé.` };
  }
  return {
    ok: true,
    row: { code, check_digit: checkDigit, label, parent_code: null, level: CpvCode.level(code) },
  };
}

/** First pass: the codes that will be imported, so that each code's nearest listed ancestor is known. */
async function listedCodes(file: string): Promise<Set<string>> {
  const source = await openCsv(file);
  const layout = layoutOf(source, file);
  const columns = columnReader(source.header);
  const codes = new Set<string>();
  for await (const item of source.records) {
    if ('error' in item || item.fields.length !== source.header.length) {
      continue;
    }
    const checked = checkRecord((name) => columns.get(item.fields, name), layout);
    if (checked.ok) {
      codes.add(checked.row.code);
    }
  }
  return codes;
}

/**
 * Imports a CPV 2008 list into `cpv_codes`, idempotently: a second import of the same file counts
 * every record `unchanged` and writes nothing.
 *
 * Rejected records (with their line): malformed code, missing check digit (the official list always
 * has one), empty label, wrong field count. A code listed twice is counted `duplicate`; the first wins.
 * @param db the store
 * @param file path of `cpv_2008.csv` or `cpv_2008_parent.csv` (UTF-8, `,`)
 * @param options progress (in bytes read) and batch size
 * @returns the import report; `extra` is empty
 * @throws DomainError `cpv.unknown_layout` (before anything is written) when the header is not a CPV list
 *   and, from the CSV reader, `csv.file_not_found`, `csv.empty_file`
 * @example await importCpv(db, '../shared/data/cpv/cpv_2008.csv') // counts.inserted === 9454 on an empty store
 */
export async function importCpv(
  db: Kysely<Database>,
  file: string,
  options: ImportCpvOptions = {},
): Promise<ImportReport> {
  const progress = options.progress ?? silentProgress;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 10_000));
  const known = await listedCodes(file);
  const source = await openCsv(file);
  const layout = layoutOf(source, file);
  const run = await ImportRun.start(db, 'cpv', file);
  const seen = new Set<string>();
  let batch: CpvRow[] = [];

  const flush = async () => {
    const rows = batch;
    batch = [];
    await run.commitBatch(async (trx) => {
      const changed = await upsertCpv(trx, rows);
      for (const row of rows) {
        const outcome = changed.get(row.code);
        run.record(outcome === undefined ? 'unchanged' : outcome ? 'inserted' : 'updated');
      }
    });
    progress.update(source.bytesRead(), run.recordsRead);
  };

  return consumeCsv(db, source, run, {
    label: 'Nomenclature CPV',
    progress,
    onRow: async (item) => {
      const checked = checkRecord(item.field, layout);
      if (!checked.ok) {
        run.reject({ position: item.position, reason: checked.reason, excerpt: excerpt(item.raw) });
        return;
      }
      const { row } = checked;
      if (seen.has(row.code)) {
        run.record('duplicate');
        return;
      }
      seen.add(row.code);
      row.parent_code = CpvCode.ancestors(row.code as Cpv).find((ancestor) => known.has(ancestor)) ?? null;
      batch.push(row);
      if (batch.length >= batchSize) {
        await flush();
      }
    },
    onEnd: flush,
  });
}

/**
 * Inserts or updates a batch of codes; rows identical to the stored ones are not touched.
 * @returns code → true when inserted, false when updated; unchanged codes are absent
 */
async function upsertCpv(trx: Transaction<Database>, rows: CpvRow[]): Promise<Map<string, boolean>> {
  if (rows.length === 0) {
    return new Map();
  }
  const result = await trx
    .insertInto('cpv_codes')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('code')
        .doUpdateSet((eb) => ({
          check_digit: eb.ref('excluded.check_digit'),
          label: eb.ref('excluded.label'),
          parent_code: eb.ref('excluded.parent_code'),
          level: eb.ref('excluded.level'),
        }))
        .where(
          sql<boolean>`(cpv_codes.check_digit, cpv_codes.label, cpv_codes.parent_code, cpv_codes.level)
            is distinct from (excluded.check_digit, excluded.label, excluded.parent_code, excluded.level)`,
        ),
    )
    .returning(['code', sql<boolean>`xmax = 0`.as('inserted')])
    .execute();
  return new Map(result.map((r) => [r.code as Cpv, r.inserted]));
}
