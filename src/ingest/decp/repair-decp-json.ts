import {
  describePosition,
  excerptOf,
  type DecpContainer,
  type DecpReadFailure,
  type DecpReadItem,
  type DecpRawRecord,
} from './decp-read-item.ts';

/**
 * Parsing of the JSON text of one DECP record, as cut by the byte scanner of read-decp-json.ts, and repair
 * of the faults that have exactly one reading when `JSON.parse` refuses it.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'].map((c) => c.charCodeAt(0)));
const HEX4 = /^[0-9a-fA-F]{4}$/;
const CONTROL_ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
};
const NON_FINITE = ['-Infinity', 'Infinity', 'NaN'];

const nf = new Intl.NumberFormat('fr-FR');

function isIdentifierChar(c: number | undefined): boolean {
  return (
    c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))
  );
}

/**
 * Repairs the faults of hand-made or badly exported JSON that have exactly one reading:
 * - an invalid escape inside a string (`\x`, `\é`, `\'`, `\u` not followed by 4 hex digits): the
 *   backslash was meant literally, so it is doubled;
 * - a raw control character inside a string (tab, newline…): it is escaped;
 * - the bare literals `NaN`, `Infinity`, `-Infinity` written by some exporters (Python's json): they become
 *   the strings "NaN"… so the normaliser sees them, nulls the field and flags it like any unreadable value.
 * An unescaped quote inside a string is NOT repaired: where the string ends is ambiguous.
 * @param text the JSON text of one record
 * @returns the repaired text and how many repairs were made (0: the text is returned unchanged)
 * @example repairJsonText('{"objet":"Lot 1\\x"}').text // '{"objet":"Lot 1\\\\x"}'
 */
export function repairJsonText(text: string): { text: string; repairs: number } {
  let out = '';
  let last = 0;
  let repairs = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) {
        const next = text.charCodeAt(i + 1);
        if (SIMPLE_ESCAPES.has(next)) {
          i++;
        } else if (next === 0x75 && HEX4.test(text.slice(i + 2, i + 6))) {
          i += 5;
        } else {
          out += `${text.slice(last, i)}\\\\`;
          last = i + 1;
          repairs++;
        }
      } else if (c === QUOTE) {
        inString = false;
      } else if (c < 0x20) {
        out += text.slice(last, i) + (CONTROL_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`);
        last = i + 1;
        repairs++;
      }
      continue;
    }
    if (c === QUOTE) {
      inString = true;
      continue;
    }
    const literal = NON_FINITE.find((word) => text.startsWith(word, i));
    if (
      literal &&
      !isIdentifierChar(text.charCodeAt(i - 1)) &&
      !isIdentifierChar(text.charCodeAt(i + literal.length))
    ) {
      out += `${text.slice(last, i)}"${literal}"`;
      last = i + literal.length;
      i += literal.length - 1;
      repairs++;
    }
  }
  return repairs === 0 ? { text, repairs } : { text: out + text.slice(last), repairs };
}

/** Translates a `JSON.parse` error into a French reason (the engine's message is English). */
function syntaxReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  const where = at ? ` au caractère ${nf.format(Number(at[1]) + 1)} de l'enregistrement` : '';
  return (
    `JSON illisible${where}, même après réparation des échappements invalides ` +
    "(guillemet non échappé, virgule ou accolade manquante ?) : l'enregistrement est ignoré."
  );
}

/**
 * Parses the JSON text of one record cut by the scanner; repairs it (`repairJsonText`) when it does not parse.
 * @param text the record's JSON text
 * @param capture where the record starts: its number, line, byte offset, and the list it comes from
 * @param bytesRead bytes of the file read once the record is complete
 * @returns the record, flagged `json_repaired` or `text_encoding_invalid` when so, or a non-fatal failure
 */
export function parseJsonRecord(
  text: string,
  capture: { index: number; line: number; start: number; container: DecpContainer | null },
  bytesRead: number,
): DecpReadItem {
  const position = describePosition(capture.index, capture.line, capture.start);
  const readerFlags: string[] = [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const repaired = repairJsonText(text);
    try {
      if (repaired.repairs === 0) {
        throw error;
      }
      value = JSON.parse(repaired.text);
      readerFlags.push('json_repaired');
    } catch (finalError) {
      const failure: DecpReadFailure = {
        ok: false,
        index: capture.index,
        position,
        code: 'json_invalid',
        reason: syntaxReason(finalError),
        excerpt: excerptOf(text),
        bytesRead,
        fatal: false,
      };
      return failure;
    }
  }
  if (text.includes('\uFFFD')) {
    // Invalid UTF-8 (often a Latin-1 file) decodes to U+FFFD: the text is kept, the damage is flagged.
    readerFlags.push('text_encoding_invalid');
  }
  const record: DecpRawRecord = {
    ok: true,
    index: capture.index,
    position,
    value,
    container: capture.container,
    syntax: 'json',
    readerFlags,
    excerpt: excerptOf(text),
    bytesRead,
  };
  return record;
}
