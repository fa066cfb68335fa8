import fs from 'node:fs';
import {
  describePosition,
  type DecpContainer,
  type DecpReadFailure,
  type DecpReadItem,
} from './decp-read-item.ts';
import { parseJsonRecord } from './repair-decp-json.ts';

/**
 * Streaming reader of DECP JSON files, 2019 shape `{"marches": [ … ]}` and 2022 shapes
 * `{"marches": {"marche": [ … ], "contrat-concession": [ … ]}}` (a lone record object in place of a list is
 * accepted too), plus a bare top-level array of records.
 *
 * Why not a token parser (stream-json): a token parser stops at the first syntax error and knows neither
 * record boundaries nor byte offsets, so one broken record would cost the rest of the file with no position
 * to report. Here a byte scanner only tracks strings and brackets to cut the file into records, and each
 * record is parsed on its own with `JSON.parse` (native, fast). So:
 * - memory holds one record at a time whatever the file size;
 * - a record that does not parse is repaired if the fault is unambiguous (see `repairJsonText` in repair-decp-json.ts), else it
 *   is rejected with its position and the next record is read normally;
 * - only when the structure itself is lost (an unescaped quote swallowing the rest, a truncated file) is
 *   the rest of the file reported as unreadable, with the byte offset where it starts.
 *
 * Scanning bytes rather than decoded text is safe for UTF-8: every byte of a multi-byte character is
 * ≥ 0x80, so it is never mistaken for a quote, a backslash or a bracket; offsets are exact byte offsets.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LF = 0x0a;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const MAX_KEY_BYTES = 256;

/** A record bigger than this means the structure is lost (an unescaped quote swallowed the rest). */
export const DEFAULT_MAX_RECORD_BYTES = 32 * 1024 * 1024;

function isWhitespace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === LF || b === 0x0d;
}

function isScalarEnd(b: number): boolean {
  return isWhitespace(b) || b === COMMA || b === RBRACKET || b === RBRACE;
}

interface Frame {
  array: boolean;
  /** Object frames: the key whose value comes next (null before the key is read). */
  key: string | null;
  expectKey: boolean;
}

interface Capture {
  kind: 'container' | 'string' | 'scalar';
  depth: number;
  index: number;
  start: number;
  line: number;
  container: DecpContainer | null;
  pieces: Buffer[];
  size: number;
  /** Offset in the current chunk where the not-yet-saved part of the record starts. */
  segmentStart: number;
}

const nf = new Intl.NumberFormat('fr-FR');

/**
 * Cuts a DECP JSON byte stream into records. Feed it chunks with `push`, then call `end`; each returns the
 * items completed so far. Synchronous and I/O-free, so chunk boundaries can be tested byte by byte.
 */
export class JsonRecordScanner {
  private offset = 0;
  private line = 1;
  private readonly stack: Frame[] = [];
  private inString = false;
  private escape = false;
  private keyBytes: number[] | null = null;
  private capture: Capture | null = null;
  private recordCount = 0;
  private sawRecordList = false;
  private readonly topLevelKeys: string[] = [];
  private bomChecked = 0;
  private stoppedFlag = false;
  private readonly maxRecordBytes: number;

  constructor(options: { maxRecordBytes?: number } = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  /** True once the rest of the file cannot be read: stop feeding it. */
  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /**
   * Scans the next chunk of the file.
   * @param chunk bytes, in file order
   * @returns the records (or failures) completed in this chunk
   */
  push(chunk: Buffer): DecpReadItem[] {
    const items: DecpReadItem[] = [];
    if (this.stoppedFlag) {
      return items;
    }
    if (this.capture) {
      this.capture.segmentStart = 0;
    }
    let i = 0;
    // A UTF-8 byte-order mark may open the file (Windows exports); it is not part of the JSON text.
    while (this.bomChecked < 3 && i < chunk.length) {
      if (chunk[i] !== UTF8_BOM[this.bomChecked]) {
        this.bomChecked = 3;
        break;
      }
      this.bomChecked++;
      i++;
    }
    for (; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === LF) {
        this.line++;
      }
      const capture = this.capture;
      if (capture) {
        if (this.inString) {
          if (this.escape) {
            this.escape = false;
          } else if (b === BACKSLASH) {
            this.escape = true;
          } else if (b === QUOTE) {
            this.inString = false;
            if (capture.kind === 'string') {
              this.finishCapture(chunk, i + 1, items);
            }
          }
          continue;
        }
        if (capture.kind === 'scalar') {
          if (!isScalarEnd(b)) {
            continue;
          }
          // The delimiter is not part of the scalar: it is handled below, outside any record.
          this.finishCapture(chunk, i, items);
        } else {
          if (b === QUOTE) {
            this.inString = true;
          } else if (b === LBRACE || b === LBRACKET) {
            capture.depth++;
          } else if (b === RBRACE || b === RBRACKET) {
            capture.depth--;
            if (capture.depth === 0) {
              this.finishCapture(chunk, i + 1, items);
            }
          }
          continue;
        }
      }
      this.scanOutside(chunk, i, b, items);
      if (this.stoppedFlag) {
        return items;
      }
    }
    const open = this.capture;
    if (open) {
      const piece = chunk.subarray(open.segmentStart);
      open.pieces.push(piece);
      open.size += piece.length;
      if (open.size > this.maxRecordBytes) {
        items.push(
          this.fatal(
            'file_unreadable_rest',
            open.index,
            open.line,
            open.start,
            `l'enregistrement qui commence ici dépasse ${nf.format(this.maxRecordBytes)} octets : ` +
              'la structure JSON est sans doute cassée (guillemet non échappé ?). ' +
              `La suite du fichier, à partir de l'octet ${nf.format(open.start)}, n'est pas importée.`,
            this.offset + chunk.length,
          ),
        );
      }
    }
    this.offset += chunk.length;
    return items;
  }

  /**
   * Signals the end of the file.
   * @returns a last record (a scalar at the very end) or the failure describing a truncated file
   */
  end(): DecpReadItem[] {
    const items: DecpReadItem[] = [];
    if (this.stoppedFlag) {
      return items;
    }
    const capture = this.capture;
    if (capture?.kind === 'scalar') {
      this.finishCapture(Buffer.alloc(0), 0, items);
    } else if (capture) {
      items.push(
        this.fatal(
          'file_truncated',
          capture.index,
          capture.line,
          capture.start,
          "le fichier s'arrête au milieu de cet enregistrement (fichier tronqué, ou guillemet non échappé " +
            'qui a décalé la lecture) : il est ignoré.',
          this.offset,
        ),
      );
      return items;
    }
    if (this.recordCount === 0 && !this.sawRecordList) {
      const keys =
        this.topLevelKeys.length > 0 ? this.topLevelKeys.map((k) => `« ${k} »`).join(', ') : 'aucune';
      items.push(
        this.fatal(
          'file_shape_unknown',
          1,
          1,
          0,
          'aucun enregistrement DECP trouvé : le fichier doit contenir {"marches": [ … ]} (format 2019) ou ' +
            `{"marches": {"marche": [ … ]}} (format 2022). Clés de premier niveau trouvées : ${keys}.`,
          this.offset,
        ),
      );
    } else if (this.stack.length > 0 || this.inString) {
      items.push(
        this.fatal(
          'file_truncated',
          this.recordCount + 1,
          this.line,
          this.offset,
          "le fichier s'arrête avant la fin de sa structure JSON (fichier tronqué ?).",
          this.offset,
        ),
      );
    }
    return items;
  }

  private scanOutside(chunk: Buffer, i: number, b: number, items: DecpReadItem[]): void {
    if (this.inString) {
      if (this.escape) {
        this.escape = false;
        this.keyBytes?.push(b);
      } else if (b === BACKSLASH) {
        this.escape = true;
        this.keyBytes?.push(b);
      } else if (b === QUOTE) {
        this.inString = false;
        if (this.keyBytes) {
          this.readKey(this.keyBytes);
          this.keyBytes = null;
        }
      } else if (this.keyBytes && this.keyBytes.length < MAX_KEY_BYTES) {
        this.keyBytes.push(b);
      }
      return;
    }
    if (isWhitespace(b) || b === COLON) {
      return;
    }
    const top = this.stack[this.stack.length - 1];
    switch (b) {
      case QUOTE: {
        if (top && !top.array && top.expectKey) {
          this.keyBytes = [];
          this.inString = true;
          return;
        }
        const slot = this.recordSlot('scalar');
        if (slot !== undefined) {
          this.startCapture('string', i, slot);
        }
        this.inString = true;
        return;
      }
      case LBRACE:
      case LBRACKET: {
        const slot = this.recordSlot(b === LBRACE ? 'object' : 'array');
        if (slot !== undefined) {
          this.startCapture('container', i, slot);
        } else {
          this.stack.push({ array: b === LBRACKET, key: null, expectKey: b === LBRACE });
          if (b === LBRACKET && this.recordSlot('object') !== undefined) {
            this.sawRecordList = true;
          }
        }
        return;
      }
      case RBRACE:
      case RBRACKET: {
        const frame = this.stack.pop();
        if (!frame || frame.array !== (b === RBRACKET)) {
          items.push(this.structureError(String.fromCharCode(b), this.offset + i));
        }
        return;
      }
      case COMMA:
        if (top && !top.array) {
          top.expectKey = true;
          top.key = null;
        }
        return;
      default: {
        if (this.stack.length === 0 || (top && !top.array && top.expectKey)) {
          items.push(this.structureError(String.fromCharCode(b), this.offset + i));
          return;
        }
        const slot = this.recordSlot('scalar');
        if (slot !== undefined) {
          this.startCapture('scalar', i, slot);
        }
      }
    }
  }

  private readKey(bytes: number[]): void {
    let key: string;
    try {
      key = JSON.parse(`"${Buffer.from(bytes).toString('utf8')}"`) as string;
    } catch {
      key = Buffer.from(bytes).toString('utf8');
    }
    const top = this.stack[this.stack.length - 1];
    if (!top || top.array) {
      return;
    }
    top.key = key;
    top.expectKey = false;
    if (this.stack.length === 1 && this.topLevelKeys.length < 10) {
      this.topLevelKeys.push(key);
    }
  }

  /**
   * Whether a value starting here is a record, and in which list.
   * @returns the container (null for a 2019 list or a bare array), or undefined when not a record
   */
  private recordSlot(type: 'object' | 'array' | 'scalar'): DecpContainer | null | undefined {
    const s = this.stack;
    const top = s[s.length - 1];
    if (!top || (!top.array && (top.expectKey || top.key === null))) {
      return undefined;
    }
    if (s.length === 1) {
      return top.array ? null : undefined;
    }
    const root = s[0]!;
    if (root.array || root.key !== 'marches') {
      return undefined;
    }
    if (s.length === 2) {
      if (top.array) {
        return null;
      }
      return type === 'object' && (top.key === 'marche' || top.key === 'contrat-concession')
        ? top.key
        : undefined;
    }
    const list = s[1]!;
    if (
      s.length === 3 &&
      top.array &&
      !list.array &&
      (list.key === 'marche' || list.key === 'contrat-concession')
    ) {
      return list.key;
    }
    return undefined;
  }

  private startCapture(kind: Capture['kind'], i: number, container: DecpContainer | null): void {
    this.recordCount++;
    this.capture = {
      kind,
      depth: kind === 'container' ? 1 : 0,
      index: this.recordCount,
      start: this.offset + i,
      line: this.line,
      container,
      pieces: [],
      size: 0,
      segmentStart: i,
    };
  }

  private finishCapture(chunk: Buffer, end: number, items: DecpReadItem[]): void {
    const capture = this.capture!;
    this.capture = null;
    capture.pieces.push(chunk.subarray(capture.segmentStart, end));
    const bytes = capture.pieces.length === 1 ? capture.pieces[0]! : Buffer.concat(capture.pieces);
    items.push(parseJsonRecord(bytes.toString('utf8'), capture, this.offset + end));
  }

  private structureError(found: string, byteOffset: number): DecpReadFailure {
    return this.fatal(
      'file_unreadable_rest',
      this.recordCount + 1,
      this.line,
      byteOffset,
      `structure JSON invalide (caractère « ${found} » inattendu) : la suite du fichier n'est pas importée.`,
      byteOffset,
    );
  }

  private fatal(
    code: DecpReadFailure['code'],
    index: number,
    line: number,
    byteOffset: number,
    reason: string,
    bytesRead: number,
  ): DecpReadFailure {
    this.stoppedFlag = true;
    this.capture = null;
    return {
      ok: false,
      index,
      position: describePosition(index, line, byteOffset),
      code,
      reason,
      bytesRead,
      fatal: true,
    };
  }
}

/**
 * Reads the records of a DECP JSON file one at a time.
 * @param file path of the file (UTF-8, with or without BOM)
 * @param options `chunkSize` in bytes (default 64 KiB; tests use tiny chunks), `maxRecordBytes`
 * @returns an async iterator of records and failures, in file order; it never throws on bad content
 * @throws the file system error when the file cannot be opened
 */
export async function* readDecpJson(
  file: string,
  options: { chunkSize?: number; maxRecordBytes?: number } = {},
): AsyncGenerator<DecpReadItem> {
  const scanner = new JsonRecordScanner(options);
  const stream = fs.createReadStream(file, { highWaterMark: options.chunkSize ?? 64 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield* scanner.push(chunk);
      if (scanner.stopped) {
        return;
      }
    }
    yield* scanner.end();
  } finally {
    stream.destroy();
  }
}
