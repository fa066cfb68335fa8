/**
 * What the DECP readers (JSON and XML) hand to the importer: one item per record of the file, read or not.
 * Readers never throw on bad content: a record they cannot read becomes a `DecpReadFailure` with its
 * position, so the importer can count it as rejected and go on with the next one.
 */

/** The list a record was found in, when the file names it (2022 format: `marche`, `contrat-concession`). */
export type DecpContainer = 'marche' | 'contrat-concession';

/** A record read from the file, not yet checked (the normaliser does that). */
export interface DecpRawRecord {
  ok: true;
  /** 1-based number of the record in the file. */
  index: number;
  /** Where it is, in French, to find it by eye: « enregistrement 12, ligne 345 (octet 67 890) ». */
  position: string;
  /** The record as parsed: any JSON value (the normaliser rejects what is not an object). */
  value: unknown;
  /**
   * The wrapping list when the file names it, else null (2019 `{"marches": [...]}`). In JSON a named list
   * is the 2022 shape; in XML both versions name the element (`<marche>`), so it only tells the kind.
   */
  container: DecpContainer | null;
  /** The file's syntax. */
  syntax: 'json' | 'xml';
  /** Repairs made while reading, stored as quality flags, e.g. `json_escape_repaired`. */
  readerFlags: string[];
  /** The start of the record's text, for a rejection message. */
  excerpt: string;
  /** Bytes of the file consumed once this record was read (progress). */
  bytesRead: number;
}

/** A record (or the rest of the file) that could not be read. */
export interface DecpReadFailure {
  ok: false;
  /** 1-based number of the record in the file. */
  index: number;
  position: string;
  /** Stable slug, counted in the report as `rejected.<code>`. */
  code: 'json_invalid' | 'xml_invalid' | 'file_truncated' | 'file_unreadable_rest' | 'file_shape_unknown';
  /** French, readable reason. */
  reason: string;
  excerpt?: string;
  bytesRead: number;
  /** True when nothing after this point of the file can be read: the run ends with status `failed`. */
  fatal: boolean;
}

/** One item yielded by a DECP reader. */
export type DecpReadItem = DecpRawRecord | DecpReadFailure;

const nf = new Intl.NumberFormat('fr-FR');

/**
 * Formats a position in the file for a person.
 * @param index 1-based record number
 * @param line 1-based line where the record starts
 * @param byteOffset 0-based byte offset where the record starts, when known
 * @returns e.g. « enregistrement 12, ligne 345 (octet 67 890) »
 */
export function describePosition(index: number, line: number, byteOffset?: number): string {
  const where = `enregistrement ${nf.format(index)}, ligne ${nf.format(line)}`;
  return byteOffset === undefined ? where : `${where} (octet ${nf.format(byteOffset)})`;
}

/** Longest excerpt kept for a rejection. */
export const EXCERPT_LENGTH = 300;

/**
 * The start of a record's text, on one line, for a rejection.
 * @param text the record text
 * @returns at most `EXCERPT_LENGTH` characters, whitespace runs collapsed
 */
export function excerptOf(text: string): string {
  const flat = text
    .slice(0, EXCERPT_LENGTH * 3)
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}
