import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';
import {
  describePosition,
  excerptOf,
  type DecpContainer,
  type DecpReadFailure,
  type DecpReadItem,
} from './decp-read-item.ts';

/**
 * Streaming reader of DECP XML files: `<marches><marche>…</marche><contrat-concession>…</contrat-concession>
 * </marches>`, the same element names in the 2019 and 2022 formats (XSD `schema_decp_v2.0.2.xsd`).
 *
 * Each `<marche>` / `<contrat-concession>` becomes one plain object, the way the JSON files write it, so
 * the same normaliser reads both:
 * - an element with child elements → an object; a child element repeated → an array, in document order;
 * - an element without child elements → its text, trimmed (`<montant>575000</montant>` → "575000");
 * - attributes and namespace prefixes are ignored (DECP carries none that matter).
 * List wrappers stay as in the file (`<titulaires><titulaire>…` → `{titulaires: {titulaire: …}}`); the
 * normaliser unwraps them as it does for the JSON `[{"titulaire": …}]`.
 *
 * Why records are cut from the text before saxes parses them: saxes keeps going after a well-formedness
 * error but, as its documentation warns, the structure it reports afterwards may be wrong (a misspelt
 * `</marchee>` closes the root and every later record becomes an error). Cutting the text at the record
 * tags first (skipping comments and CDATA) confines an error to its record: that record is rejected with
 * its line and the next one is read normally, as with JSON (read-decp-json.ts).
 */

type XmlNode = Record<string, unknown>;

interface Frame {
  name: string;
  children: XmlNode;
  text: string;
  hasChildren: boolean;
}

/** Record element names, with an optional namespace prefix. */
const RECORD_START = /<!--|<!\[CDATA\[|<((?:[A-Za-z_][\w.-]*:)?(marche|contrat-concession))(?=[\s/>])/g;

/** A record bigger than this means the closing tag is missing: the rest of the file is not read. */
export const DEFAULT_MAX_RECORD_CHARS = 32 * 1024 * 1024;

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function newFrame(name: string): Frame {
  // A prototype-less object: an element named `__proto__` or `constructor` stays plain data.
  return { name, children: Object.create(null) as XmlNode, text: '', hasChildren: false };
}

/** Adds a child element's value; a name seen twice becomes an array, in document order. */
function addChild(node: XmlNode, name: string, value: unknown): void {
  if (!Object.prototype.hasOwnProperty.call(node, name)) {
    node[name] = value;
    return;
  }
  const existing = node[name];
  if (Array.isArray(existing)) {
    existing.push(value);
  } else {
    node[name] = [existing, value];
  }
}

function countLines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    n++;
  }
  return n;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the start tag opening at `from` ends (index after `>`), and whether it is self-closing. */
function startTagEnd(text: string, from: number): { end: number; selfClosing: boolean } | null {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) {
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return { end: i + 1, selfClosing: text[i - 1] === '/' };
    }
  }
  return null;
}

/**
 * Parses the text of one record element with saxes.
 * @param text `<marche>…</marche>`
 * @param firstLine the file line the text starts on, to report errors where they are in the file
 * @returns the value, or the well-formedness errors (French « ligne N : » + saxes' detail)
 */
export function parseXmlRecord(
  text: string,
  firstLine: number,
): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const parser = new SaxesParser({ position: true });
  const frames: Frame[] = [];
  const errors: string[] = [];
  let root: unknown = undefined;
  parser.on('opentag', (tag) => {
    const parent = frames[frames.length - 1];
    if (parent) {
      parent.hasChildren = true;
    }
    frames.push(newFrame(localName(tag.name)));
  });
  const onText = (t: string) => {
    const frame = frames[frames.length - 1];
    if (frame) {
      frame.text += t;
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const frame = frames.pop();
    if (!frame) {
      return;
    }
    const value = frame.hasChildren ? frame.children : frame.text.trim();
    const parent = frames[frames.length - 1];
    if (parent) {
      addChild(parent.children, frame.name, value);
    } else {
      root = value;
    }
  });
  parser.on('error', (error) => {
    const match = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(error.message);
    errors.push(match ? `ligne ${firstLine + Number(match[1]) - 1} : ${match[3]}` : error.message);
  });
  parser.write(text).close();
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: root };
}

interface OpenRecord {
  index: number;
  line: number;
  /** The element name as written (with its prefix), to find its closing tag. */
  tag: string;
  container: DecpContainer;
  depth: number;
  /** Where to resume searching in the buffer (the buffer starts at the record's `<`). */
  scanFrom: number;
  pattern: RegExp;
}

/**
 * Cuts the decoded text of a DECP XML file into record elements and parses each one. Feed it text with
 * `push`, then call `end`. Synchronous and I/O-free.
 */
export class XmlRecordScanner {
  private buffer = '';
  /** File line of `buffer[0]`. */
  private line = 1;
  private record: OpenRecord | null = null;
  private recordCount = 0;
  /** The document element's name, once seen (`marches` for DECP). */
  private rootName: string | null = null;
  private stoppedFlag = false;
  private readonly maxRecordChars: number;
  private bytesRead = 0;

  constructor(options: { maxRecordChars?: number } = {}) {
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  /** True once the rest of the file cannot be read. */
  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /**
   * Scans more text.
   * @param text the next decoded text of the file
   * @param bytesRead bytes of the file consumed so far (reported with the items, for progress)
   * @returns the records (or failures) completed
   */
  push(text: string, bytesRead: number): DecpReadItem[] {
    this.bytesRead = bytesRead;
    const items: DecpReadItem[] = [];
    if (this.stoppedFlag) {
      return items;
    }
    this.buffer += text;
    for (;;) {
      const progressed = this.record ? this.scanRecord(items) : this.scanOutside();
      if (!progressed || this.stoppedFlag) {
        break;
      }
    }
    if (this.record && this.buffer.length > this.maxRecordChars) {
      items.push(
        this.fatal(
          'file_unreadable_rest',
          this.record.index,
          describePosition(this.record.index, this.record.line),
          `l'élément <${this.record.tag}> qui commence ici n'est pas fermé après ` +
            `${Math.round(this.maxRecordChars / 1048576)} millions de caractères : la suite du fichier n'est pas importée.`,
        ),
      );
    }
    return items;
  }

  /**
   * Signals the end of the file.
   * @returns the failure describing a truncated file or a file without DECP records, if any
   */
  end(): DecpReadItem[] {
    if (this.stoppedFlag) {
      return [];
    }
    if (this.record) {
      return [
        this.fatal(
          'file_truncated',
          this.record.index,
          describePosition(this.record.index, this.record.line),
          `le fichier s'arrête au milieu de cet enregistrement (fichier tronqué ou balise </${this.record.tag}> ` +
            'manquante) : il est ignoré.',
        ),
      ];
    }
    if (this.recordCount === 0 && (this.rootName === null || localName(this.rootName) !== 'marches')) {
      return [
        this.fatal(
          'file_shape_unknown',
          1,
          'ligne 1',
          'aucun enregistrement DECP trouvé : le fichier doit contenir <marches><marche>…</marche></marches> ' +
            `(élément racine trouvé : ${this.rootName === null ? 'aucun' : `<${this.rootName}>`}).`,
        ),
      ];
    }
    return [];
  }

  /** Outside records: drops text up to the next record start tag, skipping comments and CDATA. */
  private scanOutside(): boolean {
    if (this.rootName === null) {
      this.rootName = /<([A-Za-z_][\w.:-]*)[\s/>]/.exec(this.buffer)?.[1] ?? null;
    }
    RECORD_START.lastIndex = 0;
    const match = RECORD_START.exec(this.buffer);
    if (!match) {
      // Keep a possible partial tag at the end for the next chunk.
      const keepFrom = Math.max(0, this.buffer.lastIndexOf('<'));
      this.drop(keepFrom);
      return false;
    }
    if (match[0] === '<!--' || match[0] === '<![CDATA[') {
      const closing = match[0] === '<!--' ? '-->' : ']]>';
      const end = this.buffer.indexOf(closing, match.index + match[0].length);
      if (end === -1) {
        this.drop(match.index);
        return false;
      }
      this.drop(end + closing.length);
      return true;
    }
    const tag = match[1]!;
    this.drop(match.index);
    this.recordCount++;
    this.record = {
      index: this.recordCount,
      line: this.line,
      tag,
      container: match[2] as DecpContainer,
      depth: 0,
      scanFrom: 0,
      pattern: new RegExp(
        `<!--|<!\\[CDATA\\[|<${escapeRegExp(tag)}(?=[\\s/>])|</${escapeRegExp(tag)}\\s*>`,
        'g',
      ),
    };
    return true;
  }

  /** Inside a record: finds its end (nested same-name elements counted), then parses it. */
  private scanRecord(items: DecpReadItem[]): boolean {
    const record = this.record!;
    record.pattern.lastIndex = record.scanFrom;
    const match = record.pattern.exec(this.buffer);
    if (!match) {
      // Resume a little before the end: a tag may be cut by the chunk boundary.
      record.scanFrom = Math.max(record.scanFrom, this.buffer.length - record.tag.length - 16);
      return false;
    }
    const token = match[0];
    if (token === '<!--' || token === '<![CDATA[') {
      const closing = token === '<!--' ? '-->' : ']]>';
      const end = this.buffer.indexOf(closing, match.index + token.length);
      if (end === -1) {
        record.scanFrom = match.index;
        return false;
      }
      record.scanFrom = end + closing.length;
      return true;
    }
    if (token.startsWith('</')) {
      record.depth--;
      record.scanFrom = match.index + token.length;
      if (record.depth === 0) {
        this.finishRecord(record.scanFrom, items);
      }
      return true;
    }
    const tagEnd = startTagEnd(this.buffer, match.index + token.length);
    if (!tagEnd) {
      record.scanFrom = match.index;
      return false;
    }
    record.scanFrom = tagEnd.end;
    if (!tagEnd.selfClosing) {
      record.depth++;
    } else if (record.depth === 0) {
      this.finishRecord(tagEnd.end, items);
    }
    return true;
  }

  private finishRecord(end: number, items: DecpReadItem[]): void {
    const record = this.record!;
    this.record = null;
    const text = this.buffer.slice(0, end);
    const position = describePosition(record.index, record.line);
    const parsed = parseXmlRecord(text, record.line);
    if (parsed.ok) {
      items.push({
        ok: true,
        index: record.index,
        position,
        value: parsed.value,
        container: record.container,
        syntax: 'xml',
        readerFlags: [],
        excerpt: excerptOf(text),
        bytesRead: this.bytesRead,
      });
    } else {
      items.push({
        ok: false,
        index: record.index,
        position,
        code: 'xml_invalid',
        reason: `XML mal formé dans cet enregistrement, qui est ignoré (${parsed.errors.slice(0, 3).join(' ; ')}).`,
        excerpt: excerptOf(text),
        bytesRead: this.bytesRead,
        fatal: false,
      });
    }
    this.drop(end);
  }

  private drop(count: number): void {
    if (count > 0) {
      this.line += countLines(this.buffer, 0, count);
      this.buffer = this.buffer.slice(count);
    }
  }

  private fatal(
    code: DecpReadFailure['code'],
    index: number,
    position: string,
    reason: string,
  ): DecpReadFailure {
    this.stoppedFlag = true;
    this.record = null;
    this.buffer = '';
    return { ok: false, index, position, code, reason, bytesRead: this.bytesRead, fatal: true };
  }
}

/**
 * The encoding named by the XML declaration, read from the first bytes (UTF-8 when there is none, per
 * XML 1.0 §4.3.3).
 * @param head the first bytes of the file
 * @returns the encoding name, lower-cased, e.g. 'utf-8', 'iso-8859-1', 'windows-1252'
 */
export function sniffXmlEncoding(head: Buffer): string {
  const match =
    /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
      head.toString('latin1'),
    );
  return (match?.[1] ?? 'utf-8').toLowerCase();
}

function decoderFor(encoding: string): { write(b: Buffer): string; end(): string } {
  if (encoding === 'utf-8' || encoding === 'utf8' || !iconv.encodingExists(encoding)) {
    const decoder = new StringDecoder('utf8');
    let first = true;
    return {
      write: (b) => {
        const text = decoder.write(b);
        if (first && text.length > 0) {
          first = false;
          return text.replace(/^\uFEFF/, '');
        }
        return text;
      },
      end: () => decoder.end(),
    };
  }
  const decoder = iconv.getDecoder(encoding);
  return { write: (b) => decoder.write(b), end: () => decoder.end() ?? '' };
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the records of a DECP XML file one at a time.
 * @param file path of the file; its encoding comes from the XML declaration (UTF-8 by default)
 * @param options `chunkSize` in bytes (default 64 KiB; tests use tiny chunks), `maxRecordChars`
 * @returns an async iterator of records and failures, in document order; it never throws on bad content
 * @throws the file system error when the file cannot be opened
 */
export async function* readDecpXml(
  file: string,
  options: { chunkSize?: number; maxRecordChars?: number } = {},
): AsyncGenerator<DecpReadItem> {
  const decoder = decoderFor(sniffXmlEncoding(await readHead(file, 512)));
  const scanner = new XmlRecordScanner(options);
  const stream = fs.createReadStream(file, { highWaterMark: options.chunkSize ?? 64 * 1024 });
  let bytesRead = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      yield* scanner.push(decoder.write(chunk), bytesRead);
      if (scanner.stopped) {
        return;
      }
    }
    yield* scanner.push(decoder.end(), bytesRead);
    yield* scanner.end();
  } finally {
    stream.destroy();
  }
}
