import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.ts';
import { formatEuros, parseFrenchAmount } from './money.ts';

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

const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';

describe('parseFrenchAmount', () => {
  it.each([
    ['1 234,56', 1234.56],
    ['1 234,56 €', 1234.56],
    ['1 234,56€', 1234.56],
    ['1234.56', 1234.56],
    [`1${NBSP}234,56`, 1234.56],
    [`1${NARROW_NBSP}234,56${NBSP}€`, 1234.56], // what formatEuros writes
    ['1 234,56 EUR', 1234.56],
    ['1 234,56 eur', 1234.56],
    ['1.234,56', 1234.56],
    ['1.234.567,8', 1234567.8],
    ['1.234.567', 1234567],
    ['12 500 000', 12500000],
    ['  800000  ', 800000], // La Poste DVE Montpellier, DECP 2019, as text
    ['0,5', 0.5],
    ['1234,5', 1234.5],
    ['1234', 1234],
    ['0', 0],
    ['-1 500,00 €', -1500], // a modification lowering the amount
    ['\u22121 500,00', -1500],
  ])('reads %j as %d', (raw, expected) => {
    expect(parseFrenchAmount(raw)).toBe(expected);
  });

  it('rounds to the cent on the decimal digits, half up', () => {
    expect(parseFrenchAmount('1,005')).toBe(1.01);
    expect(parseFrenchAmount('1,004')).toBe(1);
    expect(parseFrenchAmount('1234.567')).toBe(1234.57);
    expect(parseFrenchAmount('1 234.567')).toBe(1234.57);
    expect(parseFrenchAmount('0.125')).toBe(0.13);
    expect(parseFrenchAmount('-0,001')).toBe(0);
    expect(Object.is(parseFrenchAmount('-0,001'), -0)).toBe(false);
  });

  it('accepts DECP numbers and rounds them the same way', () => {
    expect(parseFrenchAmount(800000)).toBe(800000);
    expect(parseFrenchAmount(38209.72)).toBe(38209.72); // DECP 2019, INOVALYS
    expect(parseFrenchAmount(1.005)).toBe(1.01);
    expect(parseFrenchAmount(-250.5)).toBe(-250.5);
    expect(parseFrenchAmount(1e-9)).toBe(0);
  });

  it.each([
    'NC',
    'NaN',
    '',
    '   ',
    '1,234,56',
    '12 34',
    '1 2345',
    '1.23,45',
    '1,234.56', // English grouping
    '1 234.567.8',
    ',5',
    '5,',
    '.5',
    '12€34',
    '€',
    'EUR',
    '--5',
    '1e5',
    '１２３', // full-width digits
  ])('rejects %j with amount.invalid', (raw) => {
    expect(domainErrorOf(() => parseFrenchAmount(raw)).code).toBe('amount.invalid');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1e13])('rejects the number %d', (raw) => {
    expect(domainErrorOf(() => parseFrenchAmount(raw)).code).toBe('amount.invalid');
  });

  it.each(['1.234', '12.500', '999.000 €'])('rejects the ambiguous %j and says how to write it', (raw) => {
    expect(domainErrorOf(() => parseFrenchAmount(raw)).code).toBe('amount.invalid');
  });

  it('words the messages in French and names the value', () => {
    expect(domainErrorOf(() => parseFrenchAmount('1.234')).userMessage).toBe(
      "« 1.234 » n'est pas un montant valide : il est ambigu (1 234 € ou 1,234 € ?). Écrivez 1234 ou 1,234.",
    );
    expect(domainErrorOf(() => parseFrenchAmount('NC')).userMessage).toBe(
      "« NC » n'est pas un montant valide : écrivez par exemple 1 234,56 € ou 1234.56.",
    );
    expect(domainErrorOf(() => parseFrenchAmount('')).userMessage).toBe('Le montant est vide.');
    expect(domainErrorOf(() => parseFrenchAmount('12345678901234')).userMessage).toBe(
      "« 12345678901234 » n'est pas un montant valide : il est trop grand.",
    );
  });
});

describe('formatEuros', () => {
  it('groups with a narrow NBSP and puts an NBSP before the euro sign', () => {
    expect(formatEuros(1234.56)).toBe(`1${NARROW_NBSP}234,56${NBSP}€`);
    expect([...formatEuros(1234.56)].map((c) => c.codePointAt(0))).toEqual([
      0x31, 0x202f, 0x32, 0x33, 0x34, 0x2c, 0x35, 0x36, 0xa0, 0x20ac,
    ]);
  });

  it('always shows two decimals', () => {
    expect(formatEuros(800000)).toBe(`800${NARROW_NBSP}000,00${NBSP}€`);
    expect(formatEuros(0.5)).toBe(`0,50${NBSP}€`);
    expect(formatEuros(12500000)).toBe(`12${NARROW_NBSP}500${NARROW_NBSP}000,00${NBSP}€`);
  });

  it('round-trips through parseFrenchAmount', () => {
    for (const amount of [0, 0.01, 1234.56, 38209.72, 12500000, -1500]) {
      expect(parseFrenchAmount(formatEuros(amount))).toBe(amount);
    }
  });

  it('refuses a non-finite amount', () => {
    expect(domainErrorOf(() => formatEuros(Number.NaN)).code).toBe('amount.invalid');
  });
});
