import { Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.ts';
import {
  IsoDate,
  formatFrenchDate,
  formatFrenchDateShort,
  parseDateOnly,
  todayInParis,
} from './french-date.ts';

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

const CASES: [string, string][] = [
  ['2018-12-03', '2018-12-03'],
  ['2018-12-28+01:00', '2018-12-28'], // DECP 2019 dateNotification (INOVALYS)
  ['2018-11-29-04:00', '2018-11-29'], // DECP 2019, a buyer in the Antilles
  ['2018-12-03Z', '2018-12-03'],
  ['2018-12-03T00:00:00+02:00', '2018-12-03'], // a date serialised as midnight: not shifted
  ['2018-12-03T00:00:00.000-10:00', '2018-12-03'],
  ['2018-12-03T23:30:00Z', '2018-12-04'], // an instant: 00:30 in Paris
  ['2018-07-03T22:30:00Z', '2018-07-04'], // summer time: 00:30 in Paris
  ['2018-07-03T21:30:00Z', '2018-07-03'], // 23:30 in Paris
  ['2018-12-03T08:15:00+01:00', '2018-12-03'],
  ['2018-12-03T23:30:00', '2018-12-03'], // no offset: Paris wall time
  ['2018-12-03 10:00', '2018-12-03'],
  ['03/12/2018', '2018-12-03'],
  ['3/12/2018', '2018-12-03'],
  ['29/02/2024', '2024-02-29'],
  ['  2024-05-30 ', '2024-05-30'], // DECP 2024 dateNotification
];

describe('parseDateOnly', () => {
  it.each(CASES)('reads %j as %s', (raw, expected) => {
    expect(parseDateOnly(raw)).toBe(expected);
  });

  it('gives the same days whatever the default zone of the process', () => {
    const original = Settings.defaultZone;
    try {
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Guadeloupe']) {
        Settings.defaultZone = zone;
        for (const [raw, expected] of CASES) {
          expect(parseDateOnly(raw)).toBe(expected);
        }
      }
    } finally {
      Settings.defaultZone = original;
    }
  });

  it.each([
    '2018-02-30',
    '30/02/2019',
    '2019-13-01',
    '32/01/2019',
    '2018-12-03T25:00:00Z',
    '2018-12-3',
    '18-12-03',
    '12/2018',
    '2018/12/03',
    '03-12-2018',
    '2018-12-03T10:00:00+1',
    'NC',
    '',
  ])('rejects %j with date.invalid', (raw) => {
    expect(domainErrorOf(() => parseDateOnly(raw)).code).toBe('date.invalid');
  });

  it.each(['0218-10-29', '0218-12-26', '2918-03-01', '1989-12-31', '2101-01-01', '01/01/1900'])(
    'rejects the impossible year of %j with date.out_of_range',
    (raw) => {
      expect(domainErrorOf(() => parseDateOnly(raw)).code).toBe('date.out_of_range');
    },
  );

  it('accepts the bounds of the range', () => {
    expect(parseDateOnly('1990-01-01')).toBe('1990-01-01');
    expect(parseDateOnly('31/12/2100')).toBe('2100-12-31');
  });

  it('words the messages in French', () => {
    expect(domainErrorOf(() => parseDateOnly('0218-10-29')).userMessage).toBe(
      'La date « 0218-10-29 » est hors de la période acceptée (années 1990 à 2100).',
    );
    expect(domainErrorOf(() => parseDateOnly('30/02/2019')).userMessage).toBe(
      "« 30/02/2019 » n'est pas une date valide : ce jour n'existe pas dans le calendrier.",
    );
    expect(domainErrorOf(() => parseDateOnly('NC')).userMessage).toBe(
      "« NC » n'est pas une date valide : écrivez-la JJ/MM/AAAA (03/12/2018) ou AAAA-MM-JJ (2018-12-03).",
    );
    expect(domainErrorOf(() => parseDateOnly(' ')).userMessage).toBe('La date est vide.');
  });

  it('IsoDate.tryParse reports the error instead of throwing', () => {
    expect(IsoDate.tryParse('03/12/2018')).toEqual({ ok: true, value: '2018-12-03' });
    const result = IsoDate.tryParse('0218-10-29');
    expect(result.ok ? null : result.error.code).toBe('date.out_of_range');
    expect(IsoDate.parse('2018-12-03+01:00')).toBe('2018-12-03');
  });
});

describe('formatFrenchDate', () => {
  it('writes the date in full, French style', () => {
    expect(formatFrenchDate('2018-12-03')).toBe('3 décembre 2018');
    expect(formatFrenchDate('2024-08-15')).toBe('15 août 2024');
    expect(formatFrenchDate('2024-02-29')).toBe('29 février 2024');
  });

  it('writes « 1er » for the first of the month', () => {
    expect(formatFrenchDate('2019-01-01')).toBe('1er janvier 2019');
  });

  it('writes the short form JJ/MM/AAAA', () => {
    expect(formatFrenchDateShort('2018-12-03')).toBe('03/12/2018');
    expect(formatFrenchDateShort(parseDateOnly('2018-12-03T23:30:00Z'))).toBe('04/12/2018');
  });

  it('refuses anything but a YYYY-MM-DD day', () => {
    expect(domainErrorOf(() => formatFrenchDate('03/12/2018')).code).toBe('date.invalid');
    expect(domainErrorOf(() => formatFrenchDateShort('2018-02-30')).code).toBe('date.invalid');
  });
});

describe('todayInParis', () => {
  afterEach(() => {
    Settings.defaultZone = 'system';
  });

  it('takes the day in Paris, not in UTC', () => {
    expect(todayInParis(new Date('2018-12-03T23:30:00Z'))).toBe('2018-12-04');
    expect(todayInParis(new Date('2018-12-03T22:59:59Z'))).toBe('2018-12-03');
    expect(todayInParis(new Date('2018-07-03T22:00:00Z'))).toBe('2018-07-04');
  });

  it('ignores the default zone of the process', () => {
    Settings.defaultZone = 'Pacific/Kiritimati';
    expect(todayInParis(new Date('2018-12-03T12:00:00Z'))).toBe('2018-12-03');
  });

  it('defaults to now', () => {
    expect(todayInParis()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
