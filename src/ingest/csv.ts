import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { Database } from '../store/schema.ts';
import type { ImportReport, ImportRun } from './import-run.ts';
import type { Progress } from './progress.ts';

/**
 * Streaming CSV reading shared by the reference-data importers (CPV, COG communes, SIRENE): encoding
 * and delimiter detection, byte-level progress, and per-record parse errors that reject one record
 * instead of aborting the file. Parsing itself is `csv-parse`'s (RFC 4180 quoting, multi-line fields).
 */

/** Error codes of this module. */
export type CsvErrorCode = 'csv.file_not_found' | 'csv.empty_file' | 'csv.unreadable_header';

/** Text encodings the importers accept: what INSEE and data.gouv.fr publish. */
export type TextEncodingName = 'utf8' | 'windows-1252';

/** Field delimiters recognised in a header line. */
export type CsvDelimiter = ',' | ';' | '\t';

/** One record of the file, header excluded. */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  /** The fields, as decoded text, not trimmed. */
  fields: string[];
  /** The record's text as read, to quote in a rejection. */
  raw: string;
}

/** A stretch of the file that csv-parse could not read as a record (e.g. an unclosed quote). */
export interface CsvUnreadable {
  line: number;
  /** French reason, ready for a rejection. */
  error: string;
  raw: string;
}

/** An open CSV file: its header, and its records as they are read. */
export interface CsvSource {
  /** Header fields, trimmed (BOM removed). */
  header: string[];
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  /** Size of the file in bytes, for progress. */
  totalBytes: number;
  /** Bytes read from the file so far (ahead of the records handed out, by at most a stream buffer). */
  bytesRead(): number;
  /** The records after the header, in file order; unreadable stretches come as `CsvUnreadable`. */
  records: AsyncIterable<CsvRecord | CsvUnreadable>;
  /** Stops reading and closes the file (needed only when the caller stops before the end). */
  close(): void;
}

/** How much of the file start is sniffed for the encoding and the delimiter. */
export const SNIFF_BYTES = 64 * 1024;

const EXCERPT_CHARS = 200;

/**
 * Reads the first bytes of a file.
 * @param file path
 * @param bytes how many bytes at most, default 64 KiB
 * @returns the bytes read and whether they are the whole file
 * @throws DomainError `csv.file_not_found` when the file cannot be opened
 */
export function readHead(file: string, bytes = SNIFF_BYTES): { head: Buffer; whole: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new DomainError('csv.file_not_found', `Le fichier ${file} est introuvable ou illisible.`, {
        message: `cannot open ${file}: ${code}`,
        details: { file },
        cause: error,
      });
    }
    throw error;
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buffer, 0, bytes, 0);
    return { head: buffer.subarray(0, n), whole: n < bytes };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Guesses the encoding of a file start: valid UTF-8 (with or without BOM) is UTF-8, anything else is
 * taken as Windows-1252, the other encoding French public files come in (INSEE's older extracts,
 * spreadsheets saved on Windows). Pure ASCII reads the same either way and is called UTF-8.
 * @param head the first bytes of the file (a multi-byte sequence cut at the end is ignored)
 * @returns 'utf8' or 'windows-1252'
 * @example detectEncoding(Buffer.from('SOCI\xc9T\xc9', 'latin1')) // 'windows-1252'
 */
export function detectEncoding(head: Buffer): TextEncodingName {
  try {
    // stream: true tolerates a sequence cut by the end of the sniffed window.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Decodes bytes with one of the accepted encodings; a UTF-8 BOM is dropped.
 * @param bytes the raw bytes
 * @param encoding the encoding to apply
 * @returns the text; invalid UTF-8 sequences become U+FFFD (see `findGarbling`)
 */
export function decodeBytes(bytes: Buffer, encoding: TextEncodingName): string {
  return iconv.decode(bytes, encoding === 'utf8' ? 'utf8' : 'win1252');
}

/**
 * Picks the delimiter of a header line: the most frequent of `;`, `,` and tab (header names never
 * contain them). INSEE's stock files use `,`, its older extracts and French spreadsheets `;`.
 * @param headerLine the first line of the file, decoded
 * @returns the delimiter; `,` when the line has none (a one-column file)
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const candidates: CsvDelimiter[] = [',', ';', '\t'];
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** What `findGarbling` found: the kind of damage and a short sample around it. */
export interface Garbling {
  kind: 'replacement' | 'mojibake';
  sample: string;
}

// UTF-8 read as Windows-1252: 'é' (C3 A9) shows as 'Ã©', '’' (E2 80 99) as 'â€™', NBSP (C2 A0) as 'Â '.
// The second character is what a UTF-8 continuation byte (0x80–0xBF) becomes in Windows-1252.
const CONTINUATION_1252 =
  '\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122';
// A UTF-8 byte-order mark read as Windows-1252 shows as 'ï»¿'.
const MOJIBAKE = new RegExp(`[ÃÂ][${CONTINUATION_1252}]|â€|ï»¿`, 'u');

/**
 * Looks for signs that text was decoded with the wrong encoding: U+FFFD (bytes that are not UTF-8,
 * i.e. a Windows-1252 file read as UTF-8) or the classic mojibake of UTF-8 read as Windows-1252
 * ('Ã©' for 'é', 'â€™' for '’'). Neither sequence occurs in genuine French text.
 * @param text decoded text
 * @returns the first damage found, or null
 * @example findGarbling('SOCIÃ‰TÃ‰') // { kind: 'mojibake', sample: 'SOCIÃ‰TÃ‰' }
 */
export function findGarbling(text: string): Garbling | null {
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) {
    return { kind: 'replacement', sample: around(text, replacement) };
  }
  const match = MOJIBAKE.exec(text);
  if (match) {
    return { kind: 'mojibake', sample: around(text, match.index) };
  }
  return null;
}

function around(text: string, index: number): string {
  return text.slice(Math.max(0, index - 20), index + 20).replace(/\s+/g, ' ');
}

/**
 * Shortens a record's text for a rejection excerpt.
 * @param raw the record as read
 * @returns at most 200 characters, line breaks folded to spaces
 */
export function excerpt(raw: string): string {
  const flat = raw.replace(/\r?\n$/, '').replace(/\r?\n/g, ' ');
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

/** Counts bytes as they flow from the file to the decoder. */
class ByteCounter extends Transform {
  count = 0;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    callback(null, chunk);
  }
}

function newlineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    n++;
  }
  return n;
}

/**
 * Opens a CSV file for streaming: detects the encoding (unless given) and the delimiter (unless
 * given), reads the header, and hands out the records one by one.
 *
 * Records whose field count differs from the header's are handed out as they are: the importer
 * rejects them with its own reason. Stretches csv-parse cannot read (an unclosed quote swallows the
 * rest of the file) come as `CsvUnreadable` so that they are counted, never silently dropped.
 * @param file path of the file
 * @param options `encoding` to force one; `delimiter` to force one
 * @returns the open source
 * @throws DomainError `csv.file_not_found`, `csv.empty_file` (no header line), `csv.unreadable_header`
 */
export async function openCsv(
  file: string,
  options: { encoding?: TextEncodingName | undefined; delimiter?: CsvDelimiter | undefined } = {},
): Promise<CsvSource> {
  const { head } = readHead(file);
  const totalBytes = fs.statSync(file).size;
  const encoding = options.encoding ?? detectEncoding(head);
  const firstLine = decodeBytes(head, encoding).split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') {
    throw new DomainError('csv.empty_file', `Le fichier ${file} est vide : aucune ligne d'en-tête.`, {
      message: `empty CSV file ${file}`,
      details: { file },
    });
  }
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);

  const unreadable: CsvUnreadable[] = [];
  const input = fs.createReadStream(file);
  const counter = new ByteCounter();
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const text = raw ?? '';
      const endLine = typeof error?.lines === 'number' ? error.lines : 0;
      const startLine = Math.max(1, endLine - newlineCount(text.replace(/\r?\n$/, '')));
      unreadable.push({
        line: startLine,
        error: `enregistrement illisible (${error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'guillemet non fermé' : 'guillemets mal placés'}, lignes ${startLine} à ${Math.max(startLine, endLine)})`,
        raw: text,
      });
      return undefined;
    },
  });
  const decoder = iconv.decodeStream(encoding === 'utf8' ? 'utf8' : 'win1252');
  input.pipe(counter).pipe(decoder).pipe(parser);
  input.on('error', (error) => parser.destroy(error));

  type Parsed = { record: string[]; info: { lines: number }; raw: string };
  const iterator = (parser as AsyncIterable<Parsed>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    input.destroy();
    throw new DomainError('csv.unreadable_header', `L'en-tête du fichier ${file} est illisible.`, {
      message: `cannot read the CSV header of ${file}`,
      details: { file, unreadable: unreadable.map((u) => u.error) },
    });
  }
  const header = first.value.record.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());

  // The parser runs ahead of the consumer, so a skipped stretch may be reported before the records
  // above it are handed out: each is held back until the records before it are out, to keep file order.
  async function* records(): AsyncGenerator<CsvRecord | CsvUnreadable> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        yield* unreadable.splice(0).sort((a, b) => a.line - b.line);
        return;
      }
      const { record, info, raw } = next.value;
      const line = info.lines - newlineCount(raw.replace(/\r?\n$/, ''));
      unreadable.sort((a, b) => a.line - b.line);
      while (unreadable.length > 0 && unreadable[0]!.line < line) {
        yield unreadable.shift()!;
      }
      yield { line, fields: record, raw };
    }
  }

  return {
    header,
    encoding,
    delimiter,
    totalBytes,
    bytesRead: () => counter.count,
    records: records(),
    close: () => {
      input.destroy();
      parser.destroy();
    },
  };
}

/**
 * Column lookup by header name, tolerant of case (INSEE writes `siren`, some re-exports `SIREN`).
 * @param header the header fields
 * @returns a function giving the trimmed value of a named column in a record, or '' when the column is
 *   missing from the file or the record is short; `has(name)` tells whether the file has the column
 */
export function columnReader(header: string[]): {
  get(fields: string[], name: string): string;
  has(name: string): boolean;
} {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.toLowerCase();
    if (!index.has(key)) {
      index.set(key, i);
    }
  });
  return {
    get(fields, name) {
      const i = index.get(name.toLowerCase());
      return i === undefined ? '' : (fields[i] ?? '').trim();
    },
    has(name) {
      return index.has(name.toLowerCase());
    },
  };
}

/**
 * Closes an import run whose file could not be read to its end (status `failed`), keeping the counts
 * of the batches already committed. `ImportRun.finish` is not used because it would also save the
 * counts of the batch that was rolled back.
 * @param db the store
 * @param runId the run's id
 */
export async function markRunFailed(db: Kysely<Database>, runId: number): Promise<void> {
  try {
    await db
      .updateTable('import_runs')
      .set({ status: 'failed', finished_at: sql<Date>`now()` })
      .where('id', '=', runId)
      .execute();
  } catch {
    // The error that stopped the import matters more; the run then stays 'running', which says the same.
  }
}

/** A well-formed record handed to an importer by `consumeCsv`. */
export interface CsvRow {
  /** Where it is, for a rejection: 'ligne N'. */
  position: string;
  /** The record's text as read. */
  raw: string;
  /** The fields as decoded text, not trimmed. */
  fields: string[];
  /** The trimmed value of a named column ('' when absent). */
  field(name: string): string;
}

/** What `consumeCsv` does with a source. */
export interface ConsumeCsvOptions {
  /** The progress bar's label. */
  label: string;
  progress: Progress;
  /** Extra check on each record's raw text; a French reason rejects the record (e.g. garbled text). */
  check?: (raw: string) => string | null;
  /** Handles one well-formed record: reject it on the run, or add it to a batch (and flush when full). */
  onRow(row: CsvRow): Promise<void> | void;
  /** Flushes what is left once the file is read. */
  onEnd(): Promise<void>;
}

/**
 * Reads a CSV source to its end for an import run. Records that cannot be one — an unreadable stretch, a
 * wrong number of fields, or what `check` refuses — are rejected on the run with their line; the others go to
 * `onRow`. If anything throws, the source is closed, the run is marked failed and the error propagates.
 * @returns the run's report
 */
export async function consumeCsv(
  db: Kysely<Database>,
  source: CsvSource,
  run: ImportRun,
  options: ConsumeCsvOptions,
): Promise<ImportReport> {
  const columns = columnReader(source.header);
  options.progress.start(options.label, source.totalBytes);
  try {
    for await (const item of source.records) {
      const position = `ligne ${item.line}`;
      if ('error' in item) {
        run.reject({ position, reason: item.error, excerpt: excerpt(item.raw) });
        continue;
      }
      const refused = options.check?.(item.raw) ?? null;
      if (refused !== null) {
        run.reject({ position, reason: refused, excerpt: excerpt(item.raw) });
        continue;
      }
      if (item.fields.length !== source.header.length) {
        run.reject({
          position,
          reason: `${item.fields.length} champs au lieu de ${source.header.length}`,
          excerpt: excerpt(item.raw),
        });
        continue;
      }
      const { fields, raw } = item;
      await options.onRow({ position, raw, fields, field: (name) => columns.get(fields, name) });
      options.progress.update(source.bytesRead(), run.recordsRead);
    }
    await options.onEnd();
    options.progress.update(source.totalBytes, run.recordsRead);
  } catch (error) {
    source.close();
    await markRunFailed(db, run.runId);
    throw error;
  } finally {
    options.progress.stop();
  }
  return run.finish();
}
