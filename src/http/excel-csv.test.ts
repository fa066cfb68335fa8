import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, excelCsv, UTF8_BOM } from './excel-csv.ts';

describe('csvCell', () => {
  it('keeps identifiers as text with the ="…" formula, leading zeros and all', () => {
    expect(csvCell({ id: '012345678' })).toBe('"=""012345678"""');
    expect(csvCell({ id: '2A004' })).toBe('"=""2A004"""');
    expect(csvCell({ id: '62.01Z' })).toBe('"=""62.01Z"""');
    expect(csvCell({ id: '45000000-7' })).toBe('"=""45000000-7"""');
  });

  it('never writes a formula from an identifier that is not one', () => {
    expect(csvCell({ id: '=cmd|" /C calc"!A0' })).toBe(`"'=cmd|"" /C calc""!A0"`);
  });

  it('neutralises text a spreadsheet would run', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('=HYPERLINK("http://x";"y")')).toBe(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(csvCell('Société « A-B »')).toBe('Société « A-B »');
  });

  it('quotes separators, quotes and line breaks, and writes decimal commas', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "X"')).toBe('"dit ""X"""');
    expect(csvCell('ligne\nsuivante')).toBe('"ligne\nsuivante"');
    expect(csvCell(10.7)).toBe('10,7');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('excelCsv', () => {
  it('writes a BOM, ; separators and CRLF lines that a CSV parser reads back', () => {
    const file = excelCsv(
      ['SIREN', 'Nom', 'Distance (km)'],
      [
        [{ id: '012345678' }, 'A;B "C"', 10.7],
        [{ id: '101234565' }, '=SOMME(A1)', null],
      ],
    );
    expect(file.startsWith(UTF8_BOM)).toBe(true);
    expect(file.endsWith('\r\n')).toBe(true);
    expect(file.split('\r\n')).toHaveLength(4);
    const rows = parse(file.slice(1), { delimiter: ';', record_delimiter: '\r\n' }) as string[][];
    expect(rows).toEqual([
      ['SIREN', 'Nom', 'Distance (km)'],
      ['="012345678"', 'A;B "C"', '10,7'],
      ['="101234565"', "'=SOMME(A1)", ''],
    ]);
  });
});
