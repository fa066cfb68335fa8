import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import {
  columnReader,
  detectDelimiter,
  detectEncoding,
  excerpt,
  findGarbling,
  openCsv,
  type CsvRecord,
  type CsvUnreadable,
} from './csv.ts';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-csv-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function readAll(file: string): Promise<{ header: string[]; items: (CsvRecord | CsvUnreadable)[] }> {
  const source = await openCsv(file);
  const items: (CsvRecord | CsvUnreadable)[] = [];
  for await (const item of source.records) {
    items.push(item);
  }
  return { header: source.header, items };
}

describe('detectEncoding', () => {
  it('calls valid UTF-8 (with or without BOM) and plain ASCII utf8', () => {
    expect(detectEncoding(Buffer.from('SOCIÉTÉ', 'utf8'))).toBe('utf8');
    expect(detectEncoding(Buffer.from('\uFEFFsiren,denomination', 'utf8'))).toBe('utf8');
    expect(detectEncoding(Buffer.from('siren;denomination', 'ascii'))).toBe('utf8');
  });

  it('calls bytes that are not UTF-8 windows-1252', () => {
    expect(detectEncoding(iconv.encode("SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF", 'win1252'))).toBe(
      'windows-1252',
    );
  });

  it('ignores a UTF-8 sequence cut by the end of the sniffed window', () => {
    const cut = Buffer.from('COOPÉ', 'utf8').subarray(0, 5); // 'COOP' + first byte of 'É'
    expect(detectEncoding(cut)).toBe('utf8');
  });
});

describe('detectDelimiter', () => {
  it('picks the most frequent of ; , and tab in the header line', () => {
    expect(detectDelimiter('siren;statutDiffusionUniteLegale;denominationUniteLegale')).toBe(';');
    expect(detectDelimiter('siren,denomination,code_postal')).toBe(',');
    expect(detectDelimiter('siren\tnic\tsiret')).toBe('\t');
    expect(detectDelimiter('siren')).toBe(',');
  });
});

describe('findGarbling', () => {
  it('finds the replacement character left by bytes that are not UTF-8', () => {
    const text = iconv.decode(iconv.encode('SOCIÉTÉ', 'win1252'), 'utf8');
    expect(findGarbling(text)).toEqual({ kind: 'replacement', sample: 'SOCI\uFFFDT\uFFFD' });
  });

  it('finds the mojibake of UTF-8 read as Windows-1252', () => {
    const mojibake = iconv.decode(Buffer.from('COOPÉRATIVE L’ÉCHO', 'utf8'), 'win1252');
    expect(mojibake).toBe('COOPÃ‰RATIVE Lâ€™Ã‰CHO');
    expect(findGarbling(mojibake)?.kind).toBe('mojibake');
    expect(findGarbling('Ã©cole')?.kind).toBe('mojibake');
    expect(findGarbling('ï»¿siren,denomination')?.kind).toBe('mojibake');
  });

  it('leaves genuine French text alone, capitals with accents included', () => {
    expect(
      findGarbling("SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF À L’ÉCOUTE, CHÂTEAU, ÎLE, Œuvre"),
    ).toBeNull();
  });
});

describe('openCsv', () => {
  it('reads a Windows-1252 file with ; and CRLF, the line of each record and its raw text', async () => {
    const source = await openCsv(path.join(fixtures, 'sirene/stock-unite-legale-1252.csv'));
    expect(source.encoding).toBe('windows-1252');
    expect(source.delimiter).toBe(';');
    expect(source.header[0]).toBe('siren');
    const first = (await source.records[Symbol.asyncIterator]().next()).value as CsvRecord;
    source.close();
    expect(first.line).toBe(2);
    expect(first.fields[11]).toBe("SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF LE COMPTOIR CITOYEN");
    expect(excerpt(first.raw)).toMatch(/^914994553;O;2022-10-01;SCIC LCC;/);
  });

  it('drops the UTF-8 BOM from the first header name and keeps quoted commas in one field', async () => {
    const { header, items } = await readAll(path.join(fixtures, 'sirene/stock-unite-legale-utf8-bom.csv'));
    expect(header[0]).toBe('siren');
    const columns = columnReader(header);
    const gul = items.find((i): i is CsvRecord => 'fields' in i && i.fields[0] === '840832067');
    expect(gul && columns.get(gul.fields, 'DENOMINATIONUNITELEGALE')).toBe('HEY, GUL!');
    expect(columns.has('siren')).toBe(true);
    expect(columns.has('siret')).toBe(false);
  });

  it('gives a multi-line record the line it starts on, and hands an unclosed quote out as unreadable', async () => {
    const file = path.join(tmp, 'multiline.csv');
    fs.writeFileSync(file, 'a,b\n1,"deux\nlignes"\n2,ok\n3,"pas fermé\n4,perdu\n');
    const { items } = await readAll(file);
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ line: 2, fields: ['1', 'deux\nlignes'] });
    expect(items[1]).toMatchObject({ line: 4, fields: ['2', 'ok'] });
    expect(items[2]).toMatchObject({ line: 5 });
    expect((items[2] as CsvUnreadable).error).toContain('guillemet non fermé');
  });

  it('counts the bytes it read, up to the file size', async () => {
    const file = path.join(fixtures, 'cpv/cpv-bad-rows.csv');
    const source = await openCsv(file);
    const items: unknown[] = [];
    for await (const item of source.records) {
      items.push(item);
    }
    expect(items).toHaveLength(9);
    expect(source.bytesRead()).toBe(fs.statSync(file).size);
    expect(source.totalBytes).toBe(fs.statSync(file).size);
  });

  it('says in French when the file does not exist', async () => {
    await expect(openCsv(path.join(tmp, 'absent.csv'))).rejects.toMatchObject({
      code: 'csv.file_not_found',
      userMessage: expect.stringContaining('est introuvable'),
    });
  });

  it('refuses an empty file', async () => {
    const file = path.join(tmp, 'empty.csv');
    fs.writeFileSync(file, '');
    await expect(openCsv(file)).rejects.toMatchObject({ code: 'csv.empty_file' });
  });
});
