import type { Kysely } from 'kysely';
import { DomainError } from '../../domain/shared/domain-error.ts';
import type { Database } from '../../store/schema.ts';
import {
  decodeBytes,
  detectEncoding,
  excerpt,
  findGarbling,
  consumeCsv,
  openCsv,
  readHead,
  type Garbling,
  type TextEncodingName,
} from '../csv.ts';
import { ImportRun, type ImportReport } from '../import-run.ts';
import { silentProgress, type Progress } from '../progress.ts';
import {
  detectSireneLayout,
  fillGaps,
  hasNonDiffusibleMask,
  mapEssNumeriqueEnriched,
  mapEtablissement,
  mapUniteLegale,
  type EstablishmentPatch,
  type Field,
  type Mapped,
  type SireneLayout,
  type SupplierPatch,
} from './sirene-layouts.ts';
import {
  headOfficeFromEstablishments,
  setHeadOffices,
  SUPPLIER_COLUMNS,
  upsertEstablishments,
  upsertSuppliers,
  type SupplierColumn,
} from './sirene-writer.ts';

/**
 * Importer of SIRENE files (INSEE's register of companies and establishments, Licence Ouverte 2.0)
 * into `suppliers` and `establishments`. See `sirene-layouts.ts` for the layouts and the mapping rules.
 *
 * Enrichment, not replacement: a value a record does not give (absent column, empty, « [ND] ») keeps
 * the stored one, so a poorer file never erases a richer one. SIRENE's name replaces a name that came
 * from DECP (`name_source` becomes 'sirene'). A head-office establishment sets its legal unit's
 * `head_office_siret`, `postal_code` and `commune_code`; importing the establishments before the legal
 * units works too (the legal units pick their head office up from `establishments`).
 *
 * Encoding: UTF-8 (BOM or not) or Windows-1252, detected on the first 64 KiB unless forced. Garbled
 * text is an error, not data: when the first 64 KiB decode with replacement characters or mojibake, the
 * import stops before writing anything (`sirene.garbled_encoding`); a garbled record further down is
 * rejected on its own.
 *
 * Duplicates (the same SIREN or SIRET twice in a file) are counted `duplicate`: the first record wins,
 * the later one only fills what the first left unknown. Keys already seen are kept in memory (`KeySet`,
 * about 60 bytes each: some 1.7 GB for the 28 million units of INSEE's national stock, so give Node a
 * larger heap for it, `NODE_OPTIONS=--max-old-space-size=4096`, or import regional extracts).
 */

/** Error codes of this importer. */
export type SireneImportErrorCode = 'sirene.unknown_layout' | 'sirene.garbled_encoding';

/** Options of `importSirene`. */
export interface ImportSireneOptions {
  progress?: Progress | undefined;
  /** Records per transaction, default 1000. */
  batchSize?: number | undefined;
  /** Forces the encoding instead of detecting it (`--encoding`). */
  encoding?: TextEncodingName | undefined;
}

const LAYOUT_LABELS: Record<SireneLayout, string> = {
  'unites-legales': 'SIRENE (unités légales)',
  etablissements: 'SIRENE (établissements)',
  'ess-numerique-enriched': 'SIRENE (extrait ESS numérique enrichi)',
};

/**
 * Imports a SIRENE CSV file (unités légales, établissements, or the ess-numerique enriched extract).
 * Importing the same file twice changes nothing the second time (every record `unchanged`).
 *
 * Rejected records (with their line and a French reason): invalid SIREN/SIRET (format or Luhn key,
 * empty), a legal unit without any name, a SIRET whose first 9 digits are not the SIREN of its line,
 * a wrong field count, garbled text (after the first 64 KiB), and, in the enriched extract, rows whose
 * SIREN was found by approximate matching (`methode_jointure` other than `siren_direct`). Invalid
 * secondary values are dropped and counted in `extra`: `flag.naf_invalid`, `flag.naf_not_rev2`,
 * `flag.postal_code_repaired`, `flag.legal_category_repaired`, `flag.created_on_unknown`,
 * `flag.name_not_diffusible`, … and `supplier.head_office_set` for the legal units an establishment
 * file updated.
 * @param db the store
 * @param file path of the CSV file (`,` or `;`, detected from the header)
 * @param options progress (bytes read), batch size, forced encoding
 * @returns the import report
 * @throws DomainError `sirene.unknown_layout` when the header is not a known SIRENE layout,
 *   `sirene.garbled_encoding` when the start of the file decodes to garbled text (nothing is written),
 *   `csv.file_not_found`, `csv.empty_file`
 * @example await importSirene(db, 'StockUniteLegale_utf8.csv', { encoding: 'utf8' })
 */
export async function importSirene(
  db: Kysely<Database>,
  file: string,
  options: ImportSireneOptions = {},
): Promise<ImportReport> {
  const progress = options.progress ?? silentProgress;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 10_000));
  const { head, whole } = readHead(file);
  const encoding = options.encoding ?? detectEncoding(head);
  checkFileStart(file, head, whole, encoding, options.encoding !== undefined);

  const source = await openCsv(file, { encoding });
  const layout = detectSireneLayout(source.header);
  if (layout === null) {
    source.close();
    throw new DomainError(
      'sirene.unknown_layout',
      `Le fichier ${file} n'est pas un fichier SIRENE reconnu : il faut les colonnes de l'INSEE ` +
        '(StockUniteLegale : siren, denominationUniteLegale… ; StockEtablissement : siret, siren, etablissementSiege…) ' +
        `ou celles de l'extrait ESS numérique enrichi (siren, denomination, siret_siege…).`,
      { message: `unknown SIRENE layout in ${file}`, details: { header: source.header.slice(0, 40) } },
    );
  }
  const run = await ImportRun.start(db, 'sirene', file);
  const batcher = layout === 'etablissements' ? establishmentBatcher(run) : supplierBatcher(run, layout);

  return consumeCsv(db, source, run, {
    label: LAYOUT_LABELS[layout],
    progress,
    check: (raw) => {
      const garbling = findGarbling(raw);
      return garbling === null ? null : garbledReason(garbling, encoding);
    },
    onRow: async (row) => {
      const mapped = batcher.map(row.field, hasNonDiffusibleMask(row.fields));
      if (!mapped.ok) {
        run.reject({ position: row.position, reason: mapped.reason, excerpt: excerpt(row.raw) });
        return;
      }
      for (const flag of mapped.flags) {
        run.bump(flag);
      }
      if (batcher.add(mapped.value) >= batchSize) {
        await batcher.flush();
      }
    },
    onEnd: () => batcher.flush(),
  });
}

/**
 * Stops before anything is written when the start of the file decodes to garbled text. The last line
 * of the window may be cut in the middle of a character, so it is left to the per-record check.
 */
function checkFileStart(
  file: string,
  head: Buffer,
  whole: boolean,
  encoding: TextEncodingName,
  forced: boolean,
): void {
  const lines = decodeBytes(head, encoding).split('\n');
  if (!whole) {
    lines.pop();
  }
  for (const [index, line] of lines.entries()) {
    const garbling = findGarbling(line);
    if (garbling !== null) {
      const how = forced
        ? `lu en ${encodingLabel(encoding)} (forcé)`
        : `détecté comme ${encodingLabel(encoding)}`;
      throw new DomainError(
        'sirene.garbled_encoding',
        `Le fichier ${file}, ${how}, donne du texte illisible à la ligne ${index + 1} (« ${garbling.sample} ») : ` +
          `${encodingHint(garbling, encoding)} Rien n'a été importé.`,
        {
          message: `garbled text (${garbling.kind}) at line ${index + 1} of ${file} read as ${encoding}`,
          details: { file, line: index + 1, kind: garbling.kind, encoding, sample: garbling.sample },
        },
      );
    }
  }
}

function encodingLabel(encoding: TextEncodingName): string {
  return encoding === 'utf8' ? 'UTF-8' : 'Windows-1252';
}

/** What to do about garbled text, depending on how it was decoded. */
function encodingHint(garbling: Garbling, encoding: TextEncodingName): string {
  if (garbling.kind === 'replacement') {
    if (encoding === 'windows-1252') {
      // 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no character in Windows-1252.
      return "le fichier contient des octets qui ne sont ni de l'UTF-8 ni du Windows-1252 ; vérifiez son origine.";
    }
    // Bytes that are not UTF-8: typically a Windows-1252 (Excel, older INSEE extracts) file.
    return "le fichier n'est pas en UTF-8 ; relancez avec --encoding windows-1252.";
  }
  if (encoding === 'windows-1252') {
    return 'le fichier est en UTF-8 ; relancez avec --encoding utf8.';
  }
  return (
    "le texte a été mal converti avant d'être enregistré (de l'UTF-8 relu comme du Windows-1252, « Ã© » pour « é ») ; " +
    "aucun --encoding ne peut le corriger : repartez du fichier d'origine de l'INSEE."
  );
}

function garbledReason(garbling: Garbling, encoding: TextEncodingName): string {
  return `Texte illisible (« ${garbling.sample} ») : ${encodingHint(garbling, encoding)}`;
}

/**
 * The numeric keys (SIREN, SIRET) met so far in a file. One JavaScript Set holds at most 2^24 entries,
 * fewer than INSEE's national stocks have records, so the keys are spread over several.
 */
class KeySet {
  private readonly shards: Set<number>[] = Array.from({ length: 64 }, () => new Set<number>());

  /** Adds the key; returns false when it was already there. */
  add(key: number): boolean {
    const shard = this.shards[key % 64]!;
    if (shard.has(key)) {
      return false;
    }
    shard.add(key);
    return true;
  }
}

/**
 * A batch of records keyed by SIREN or SIRET, in which the first record of a key wins and a later one only
 * fills its gaps. A duplicate whose first record was already written (earlier batch) is kept apart, to be
 * written as a gap-filling update.
 */
class FirstWinsBatch<T extends SupplierPatch | EstablishmentPatch> {
  private readonly seen = new KeySet();
  private rows = new Map<string, T>();
  private laterDuplicates: T[] = [];
  private readonly run: ImportRun;

  constructor(run: ImportRun) {
    this.run = run;
  }

  /** Adds a record (counting a duplicate as such); returns how many records wait to be written. */
  add(key: string, patch: T): number {
    if (this.seen.add(Number(key))) {
      this.rows.set(key, patch);
    } else {
      this.run.record('duplicate');
      const first = this.rows.get(key);
      if (first === undefined) {
        this.laterDuplicates.push(patch);
      } else {
        this.rows.set(key, fillGaps(first, patch));
      }
    }
    return this.rows.size + this.laterDuplicates.length;
  }

  /** Hands out what waits to be written and starts a new batch. */
  take(): { rows: T[]; duplicates: T[] } {
    const taken = { rows: [...this.rows.values()], duplicates: this.laterDuplicates };
    this.rows = new Map();
    this.laterDuplicates = [];
    return taken;
  }
}

/** Collects mapped records into batches and writes them; one per kind of target table. */
interface Batcher {
  map(field: Field, masked: boolean): Mapped<SupplierPatch> | Mapped<EstablishmentPatch>;
  /** Adds a mapped record (or merges a duplicate); returns the batch size. */
  add(patch: SupplierPatch | EstablishmentPatch): number;
  flush(): Promise<void>;
}

function supplierBatcher(run: ImportRun, layout: 'unites-legales' | 'ess-numerique-enriched'): Batcher {
  const mapper = layout === 'unites-legales' ? mapUniteLegale : mapEssNumeriqueEnriched;
  // The enriched extract's postal code is the tiers-lieu's address: it only fills a gap.
  const fillOnly = new Set<SupplierColumn>(layout === 'ess-numerique-enriched' ? ['postal_code'] : []);
  const pending = new FirstWinsBatch<SupplierPatch>(run);
  return {
    map: mapper,
    add: (patch) => pending.add((patch as SupplierPatch).siren, patch as SupplierPatch),
    async flush() {
      const { rows, duplicates } = pending.take();
      await run.commitBatch(async (trx) => {
        const outcomes = await upsertSuppliers(trx, rows, fillOnly);
        await upsertSuppliers(trx, duplicates, new Set(SUPPLIER_COLUMNS), { insert: false });
        const fromHeadOffice = await headOfficeFromEstablishments(
          trx,
          rows.map((r) => r.siren),
        );
        for (const row of rows) {
          const outcome =
            outcomes.get(row.siren) ?? (fromHeadOffice.has(row.siren) ? 'updated' : 'unchanged');
          run.record(outcome);
        }
      });
    },
  };
}

function establishmentBatcher(run: ImportRun): Batcher {
  const pending = new FirstWinsBatch<EstablishmentPatch>(run);
  return {
    map: mapEtablissement,
    add: (patch) => pending.add((patch as EstablishmentPatch).siret, patch as EstablishmentPatch),
    async flush() {
      const { rows, duplicates } = pending.take();
      await run.commitBatch(async (trx) => {
        const outcomes = await upsertEstablishments(trx, rows, false);
        await upsertEstablishments(trx, duplicates, true);
        const headOffices = rows.filter((r) => r.head_office === true);
        const suppliersSet = await setHeadOffices(trx, headOffices);
        run.bump('supplier.head_office_set', suppliersSet.size);
        for (const row of rows) {
          const outcome =
            outcomes.get(row.siret) ?? (suppliersSet.get(row.siren) === row.siret ? 'updated' : 'unchanged');
          run.record(outcome);
        }
      });
    },
  };
}
