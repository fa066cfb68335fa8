import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { DomainError } from './domain-error.ts';
import { CpvCode, unknownCpvError, type ParsedCpv } from './cpv-code.ts';

/** Runs `fn`, expects a DomainError and returns it for further assertions. */
function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

const code = (raw: string) => CpvCode.parse(raw).code;

/** Reads the official list (`CODE,FR`, e.g. `30213000-5,Ordinateurs personnels`) into code → check digit. */
function readCpvList(): Map<string, string> {
  const lines = fs.readFileSync(sharedDataPath('cpv', 'cpv_2008.csv'), 'utf8').split(/\r?\n/);
  const list = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const match = /^(\d{8})-(\d),/.exec(line);
    if (match?.[1] && match[2]) {
      list.set(match[1], match[2]);
    }
  }
  return list;
}

describe('CpvCode.parse', () => {
  it('reads a code with its check digit', () => {
    expect(CpvCode.parse('30213000-5')).toEqual({ code: '30213000', checkDigit: '5' });
  });

  it('reads a code without check digit, as DECP 2019 mostly writes it', () => {
    expect(CpvCode.parse('71200000')).toEqual({ code: '71200000', checkDigit: null });
  });

  it('ignores spaces around the value and keeps the leading zero of division 03', () => {
    expect(CpvCode.parse('  03000000-1\t')).toEqual({ code: '03000000', checkDigit: '1' });
  });

  it.each([
    '4543100-7', // DECP 2019: « Carrelages » 45431000-7 with a lost trailing zero
    '3021300', // 7 digits
    '302130005', // 9 digits, no dash
    '30213000-', // dash without digit
    '30213000-55',
    '30213000 - 5',
    '3021 3000',
    'CPV 30213000',
    '',
    'NC',
  ])('rejects %j with cpv.invalid_format', (raw) => {
    const error = domainErrorOf(() => CpvCode.parse(raw));
    expect(error.code).toBe('cpv.invalid_format');
  });

  it('explains the expected shape in French', () => {
    expect(domainErrorOf(() => CpvCode.parse('4543100-7')).userMessage).toBe(
      "« 4543100-7 » n'est pas un code CPV : un code CPV comporte 8 chiffres, éventuellement suivis " +
        "d'un tiret et d'un chiffre de contrôle (par exemple 30213000 ou 30213000-5).",
    );
  });

  it('tryParse reports the error instead of throwing', () => {
    expect(CpvCode.tryParse('45111100-9')).toEqual({
      ok: true,
      value: { code: '45111100', checkDigit: '9' },
    });
    const result = CpvCode.tryParse('4543100-7');
    expect(result.ok ? null : result.error.code).toBe('cpv.invalid_format');
  });
});

describe('CpvCode hierarchy', () => {
  it.each([
    ['30000000', 1], // division « Machines, matériel et fournitures de bureau et informatique… »
    ['30200000', 2], // group « Matériel et fournitures informatiques »
    ['30210000', 3], // class
    ['30213000', 4], // category « Ordinateurs personnels »
    ['30213100', 5], // « Ordinateurs portables »
    ['45111100', 5], // « Travaux de démolition »
    ['30192121', 7], // 8 significant digits
    ['03000000', 1],
    ['03100000', 2],
  ])('level(%s) is %i', (raw, level) => {
    expect(CpvCode.level(code(raw))).toBe(level);
  });

  it('parent zeroes the last significant digit and stops at the division', () => {
    expect(CpvCode.parent(code('30213100'))).toBe('30213000');
    expect(CpvCode.parent(code('30213000'))).toBe('30210000');
    expect(CpvCode.parent(code('30200000'))).toBe('30000000');
    expect(CpvCode.parent(code('30000000'))).toBeNull();
    expect(CpvCode.parent(code('03000000'))).toBeNull();
  });

  it('a division has no parent even when its second digit is 0 (31 is not below 30)', () => {
    expect(CpvCode.parent(code('31000000'))).toBeNull();
    expect(CpvCode.parent(code('72000000'))).toBeNull();
  });

  it('ancestors go from the nearest up to the division', () => {
    expect(CpvCode.ancestors(code('30213100'))).toEqual(['30213000', '30210000', '30200000', '30000000']);
    expect(CpvCode.ancestors(code('72000000'))).toEqual([]);
  });

  it('prefix keeps the significant digits, at least the division', () => {
    expect(CpvCode.prefix(code('30213000'))).toBe('30213');
    expect(CpvCode.prefix(code('30192121'))).toBe('30192121');
    expect(CpvCode.prefix(code('03000000'))).toBe('03');
    expect(CpvCode.prefix(code('45000000'))).toBe('45');
  });

  it('isWithin says whether a code is the ancestor or below it', () => {
    expect(CpvCode.isWithin(code('30213100'), code('30200000'))).toBe(true);
    expect(CpvCode.isWithin(code('30200000'), code('30200000'))).toBe(true);
    expect(CpvCode.isWithin(code('31000000'), code('30000000'))).toBe(false);
    expect(CpvCode.isWithin(code('30200000'), code('30213100'))).toBe(false);
  });

  it('format writes the check digit back when there is one', () => {
    expect(CpvCode.format(CpvCode.parse('30213000-5'))).toBe('30213000-5');
    expect(CpvCode.format(CpvCode.parse('30213000'))).toBe('30213000');
  });
});

describe('CpvCode.verifyCheckDigit', () => {
  const expected = '5'; // 30213000-5 « Ordinateurs personnels » in the official list

  it('completes a code read without check digit', () => {
    expect(CpvCode.verifyCheckDigit(CpvCode.parse('30213000'), expected)).toEqual({
      code: '30213000',
      checkDigit: '5',
    });
  });

  it('accepts the right check digit', () => {
    const parsed: ParsedCpv = CpvCode.parse('30213000-5');
    expect(CpvCode.verifyCheckDigit(parsed, expected)).toEqual(parsed);
  });

  it('rejects a wrong check digit and gives the right one', () => {
    const error = domainErrorOf(() => CpvCode.verifyCheckDigit(CpvCode.parse('30213000-4'), expected));
    expect(error.code).toBe('cpv.wrong_check_digit');
    expect(error.userMessage).toBe(
      'Le code CPV 30213000-4 a un chiffre de contrôle erroné : le bon est 30213000-5.',
    );
  });

  it('leaves an unlisted code as read: reporting it is the caller’s job', () => {
    const parsed = CpvCode.parse('30213999-1');
    expect(CpvCode.verifyCheckDigit(parsed, null)).toEqual(parsed);
    const error = unknownCpvError(parsed.code);
    expect(error.code).toBe('cpv.unknown_code');
    expect(error.userMessage).toBe("Le code CPV 30213999 n'existe pas dans la nomenclature CPV 2008.");
  });
});

describe.skipIf(!hasSharedData('cpv', 'cpv_2008.csv'))('CpvCode against the CPV 2008 list', () => {
  const list = hasSharedData('cpv', 'cpv_2008.csv') ? readCpvList() : new Map<string, string>();

  it('reads the 9 454 codes of the list', () => {
    expect(list.size).toBe(9454);
    expect(list.get('30213000')).toBe('5');
    expect(list.get('03000000')).toBe('1');
    expect(list.get('45431000')).toBe('7');
  });

  it('parses every listed code with its check digit and accepts that digit', () => {
    for (const [digits, checkDigit] of list) {
      const parsed = CpvCode.parse(`${digits}-${checkDigit}`);
      expect(CpvCode.verifyCheckDigit(parsed, list.get(parsed.code) ?? null)).toEqual(parsed);
    }
  });

  it('finds the right digit for codes typed with a wrong one', () => {
    for (const raw of ['30213100-5', '72000000-4', '45111100-0']) {
      const parsed = CpvCode.parse(raw);
      const error = domainErrorOf(() => CpvCode.verifyCheckDigit(parsed, list.get(parsed.code) ?? null));
      expect(error.userMessage).toContain(`le bon est ${parsed.code}-${list.get(parsed.code)}.`);
    }
  });

  it('gives every listed code a listed division as its last ancestor, and levels from 1 to 7', () => {
    const levels = new Set<number>();
    for (const digits of list.keys()) {
      const cpv = code(digits);
      levels.add(CpvCode.level(cpv));
      const division = CpvCode.ancestors(cpv).at(-1) ?? cpv;
      expect(CpvCode.level(division)).toBe(1);
      expect(list.has(division)).toBe(true);
      expect(digits.startsWith(CpvCode.prefix(cpv))).toBe(true);
    }
    expect([...levels].sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
