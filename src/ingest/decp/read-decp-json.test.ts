import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecpRawRecord, DecpReadFailure, DecpReadItem } from './decp-read-item.ts';
import { JsonRecordScanner, readDecpJson } from './read-decp-json.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/decp');

/** Feeds `text` to a scanner in chunks of `size` bytes and collects every item. */
function scan(text: string | Buffer, size = 1 << 16, maxRecordBytes?: number): DecpReadItem[] {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const scanner = new JsonRecordScanner(maxRecordBytes === undefined ? {} : { maxRecordBytes });
  const items: DecpReadItem[] = [];
  for (let i = 0; i < bytes.length && !scanner.stopped; i += size) {
    items.push(...scanner.push(bytes.subarray(i, i + size)));
  }
  items.push(...scanner.end());
  return items;
}

function records(items: DecpReadItem[]): DecpRawRecord[] {
  return items.filter((i): i is DecpRawRecord => i.ok);
}

function failures(items: DecpReadItem[]): DecpReadFailure[] {
  return items.filter((i): i is DecpReadFailure => !i.ok);
}

async function readAll(file: string, chunkSize?: number): Promise<DecpReadItem[]> {
  const items: DecpReadItem[] = [];
  for await (const item of readDecpJson(file, chunkSize === undefined ? {} : { chunkSize })) {
    items.push(item);
  }
  return items;
}

describe('JsonRecordScanner', () => {
  it('reads the 2019 shape {"marches": [ … ]} record by record, with no container', () => {
    const items = scan('{"marches": [{"id": "A"}, {"id": "B", "objet": "x"}]}');
    expect(items.map((i) => i.ok && i.value)).toEqual([{ id: 'A' }, { id: 'B', objet: 'x' }]);
    expect(records(items).map((r) => [r.index, r.container, r.syntax])).toEqual([
      [1, null, 'json'],
      [2, null, 'json'],
    ]);
  });

  it('reads both 2022 lists, a lone record object and a bare top-level array', () => {
    const both = scan(
      '{"marches": {"marche": [{"id": "M1"}, {"id": "M2"}], "version": "2.0.4", "contrat-concession": [{"id": "C1"}]}}',
    );
    expect(records(both).map((r) => [r.container, (r.value as { id: string }).id])).toEqual([
      ['marche', 'M1'],
      ['marche', 'M2'],
      ['contrat-concession', 'C1'],
    ]);
    const lone = scan('{"marches": {"marche": {"id": "SEUL"}}}');
    expect(records(lone).map((r) => [r.container, r.value])).toEqual([['marche', { id: 'SEUL' }]]);
    const bare = scan('[{"id": "A"}, {"id": "B"}]');
    expect(records(bare).map((r) => r.value)).toEqual([{ id: 'A' }, { id: 'B' }]);
  });

  it('ignores keys other than marches, and values that are not records', () => {
    const items = scan(
      '{"version": {"n": [1, 2, {"id": "no"}]}, "marches": [{"id": "A"}], "fin": [{"id": "no"}]}',
    );
    expect(items.map((i) => i.ok && i.value)).toEqual([{ id: 'A' }]);
  });

  it('gives the same records whatever the chunk boundaries (strings with brackets, escapes, UTF-8)', () => {
    const text =
      '\uFEFF{"marches": [{"objet": "Accolades } ] { [ et \\"guillemets\\"", "nom": "Vendée € 🚒"},' +
      ' {"id": "B", "liste": [1, {"a": "]"}]}, 42, "texte", null, true, -1.5e3]}';
    const reference = scan(text);
    expect(reference.map((i) => i.ok && i.value)).toEqual([
      { objet: 'Accolades } ] { [ et "guillemets"', nom: 'Vendée € 🚒' },
      { id: 'B', liste: [1, { a: ']' }] },
      42,
      'texte',
      null,
      true,
      -1500,
    ]);
    for (const size of [1, 2, 3, 5, 7, 13, 64]) {
      expect(scan(text, size)).toEqual(reference);
    }
  });

  it('reports the line and the exact byte offset of each record, after a UTF-8 BOM and multibyte text', () => {
    const text = '\uFEFF{"marches": [\n{"objet": "é€"},\n  {"id": "B"}]}';
    const items = records(scan(text));
    const bytes = Buffer.from(text, 'utf8');
    const second = bytes.indexOf(Buffer.from('{"id"'));
    expect(items[0]?.position).toBe(
      `enregistrement 1, ligne 2 (octet ${bytes.indexOf(Buffer.from('{"objet"'))})`,
    );
    expect(items[1]?.position).toBe(`enregistrement 2, ligne 3 (octet ${second})`);
    expect(items[1]?.bytesRead).toBe(second + '{"id": "B"}'.length);
  });

  it('repairs invalid escapes and raw control characters in a record, and flags it', () => {
    const items = scan('{"marches": [{"objet": "C:\\dossier\\x \\u12 tab\there"}]}');
    expect(records(items)).toHaveLength(1);
    expect(records(items)[0]?.value).toEqual({ objet: 'C:\\dossier\\x \\u12 tab\there' });
    expect(records(items)[0]?.readerFlags).toEqual(['json_repaired']);
  });

  it('turns bare NaN / Infinity literals into strings the normaliser will flag', () => {
    const items = scan('{"marches": [{"montant": NaN, "b": -Infinity, "c": "NaN dans un texte"}]}');
    expect(records(items)[0]?.value).toEqual({ montant: 'NaN', b: '-Infinity', c: 'NaN dans un texte' });
    expect(records(items)[0]?.readerFlags).toEqual(['json_repaired']);
  });

  it('rejects a record that cannot be repaired with its position, and reads the next one', () => {
    const items = scan('{"marches": [{"id": "A" "objet": "virgule manquante"}, {"id": "B"}]}');
    expect(failures(items)).toEqual([
      expect.objectContaining({
        code: 'json_invalid',
        index: 1,
        fatal: false,
        position: 'enregistrement 1, ligne 1 (octet 13)',
        excerpt: '{"id": "A" "objet": "virgule manquante"}',
      }),
    ]);
    expect(failures(items)[0]?.reason).toMatch(/^JSON illisible au caractère \d+ de l'enregistrement/);
    expect(records(items).map((r) => [r.index, r.value])).toEqual([[2, { id: 'B' }]]);
  });

  it('flags text that was not valid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"marches": [{"objet": "R'),
      Buffer.from([0xe9]),
      Buffer.from('f"}]}'),
    ]);
    const [record] = records(scan(bytes));
    expect(record?.value).toEqual({ objet: 'R\uFFFDf' });
    expect(record?.readerFlags).toEqual(['text_encoding_invalid']);
  });

  it('reports a file cut inside a record as a fatal failure, keeping the records before it', () => {
    const items = scan('{"marches": [{"id": "A"}, {"id": "B", "objet": "coup');
    expect(records(items).map((r) => r.value)).toEqual([{ id: 'A' }]);
    expect(failures(items)).toEqual([
      expect.objectContaining({
        code: 'file_truncated',
        index: 2,
        fatal: true,
        position: 'enregistrement 2, ligne 1 (octet 26)',
      }),
    ]);
  });

  it('reports a file cut after its last record', () => {
    const items = scan('{"marches": [{"id": "A"}');
    expect(records(items)).toHaveLength(1);
    expect(failures(items).map((f) => [f.code, f.fatal])).toEqual([['file_truncated', true]]);
  });

  it('stops with the byte offset when the structure is broken between records', () => {
    const items = scan('{"marches": [{"id": "A"}]}} {"id": "B"}');
    expect(records(items)).toHaveLength(1);
    expect(failures(items)).toEqual([
      expect.objectContaining({
        code: 'file_unreadable_rest',
        fatal: true,
        position: 'enregistrement 2, ligne 1 (octet 26)',
      }),
    ]);
  });

  it('stops when an unescaped quote makes a record swallow the rest of the file', () => {
    const items = scan(
      `{"marches": [{"objet": "tube 5" de long"}, {"id": "B", "objet": "${'x'.repeat(200)}"}]}`,
      16,
      100,
    );
    expect(records(items)).toHaveLength(0);
    expect(failures(items)).toEqual([
      expect.objectContaining({
        code: 'file_unreadable_rest',
        index: 1,
        fatal: true,
        position: 'enregistrement 1, ligne 1 (octet 13)',
      }),
    ]);
    expect(failures(items)[0]?.reason).toContain(
      "La suite du fichier, à partir de l'octet 13, n'est pas importée",
    );
  });

  it('says which keys it found when the file has no DECP list', () => {
    const items = scan('{"data": [{"id": "A"}], "meta": {}}');
    expect(failures(items)).toEqual([expect.objectContaining({ code: 'file_shape_unknown', fatal: true })]);
    expect(failures(items)[0]?.reason).toContain('« data », « meta »');
    expect(scan('{"marches": []}')).toEqual([]);
    expect(scan('{"marches": {"marche": [], "contrat-concession": []}}')).toEqual([]);
  });
});

describe('readDecpJson', () => {
  it('reads the invalid-escapes fixture: two repaired records, one rejected, the last one read', async () => {
    const items = await readAll(path.join(fixtures, 'invalid-escapes.json'), 5);
    expect(
      items.map((i) =>
        i.ok ? ['ok', (i.value as { id: string }).id, i.readerFlags] : ['ko', i.code, i.index],
      ),
    ).toEqual([
      ['ok', 'ESC-1', ['json_repaired']],
      ['ok', 'ESC-2', ['json_repaired']],
      ['ko', 'json_invalid', 3],
      ['ok', 'ESC-4', []],
    ]);
    expect(items[0]?.ok && items[0].value).toMatchObject({
      objet: 'Chemin C:\\dossier\\x et \\u12 puis\ttabulation\net retour',
    });
    expect(items[3]?.ok && items[3].value).toMatchObject({
      objet: 'Accolades { et [ dans un texte, guillemet " échappé',
    });
  });

  it('reads a truncated file up to the cut', async () => {
    const items = await readAll(path.join(fixtures, 'truncated.json'));
    expect(items.map((i) => (i.ok ? 'ok' : i.code))).toEqual(['ok', 'file_truncated']);
  });
});
