import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.ts';
import { NafCode } from './naf-code.ts';

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

describe('NafCode.parse', () => {
  it.each([
    ['62.01Z', '62.01Z'],
    ['6201Z', '62.01Z'],
    [' 62.01z ', '62.01Z'],
    ['62.02a', '62.02A'],
    ['8899B', '88.99B'],
    ['01.11Z', '01.11Z'], // leading zero of division 01 kept
  ])('normalises %j to %s', (raw, expected) => {
    expect(NafCode.parse(raw)).toBe(expected);
  });

  it.each(['62', '62.0', '62.01', '6201', '62.01ZZ', '62-01Z', 'Z6201', '', 'NC'])(
    'rejects %j with naf.invalid_format: only sub-classes describe an activity',
    (raw) => {
      expect(domainErrorOf(() => NafCode.parse(raw)).code).toBe('naf.invalid_format');
    },
  );

  it('explains the expected shape in French', () => {
    expect(domainErrorOf(() => NafCode.parse('62.01')).userMessage).toBe(
      "« 62.01 » n'est pas un code NAF : un code d'activité comporte 4 chiffres et une lettre " +
        '(par exemple 62.01Z ou 6201Z).',
    );
  });

  it('rejects a well-formed code that is not in NAF rév. 2', () => {
    const error = domainErrorOf(() => NafCode.parse('6201A'));
    expect(error.code).toBe('naf.unknown_code');
    expect(error.userMessage).toBe("Le code d'activité 62.01A n'existe pas dans la nomenclature NAF rév. 2.");
  });

  it.each(['45.2R', '74.8B', '64.2B', '742C'])(
    'rejects the legacy SIRENE code %j (NAF rév. 1) as unknown, saying why',
    (raw) => {
      const error = domainErrorOf(() => NafCode.parse(raw));
      expect(error.code).toBe('naf.unknown_code');
      expect(error.userMessage).toContain('ancienne nomenclature (NAF rév. 1 ou antérieure)');
    },
  );

  it('tryParse reports the error instead of throwing', () => {
    expect(NafCode.tryParse('6311Z')).toEqual({ ok: true, value: '63.11Z' });
    const result = NafCode.tryParse('45.2R');
    expect(result.ok ? null : result.error.code).toBe('naf.unknown_code');
  });
});

describe('NafCode helpers', () => {
  it('gives the label, the division and its label', () => {
    const code = NafCode.parse('6201Z');
    expect(NafCode.label(code)).toBe('Programmation informatique');
    expect(NafCode.division(code)).toBe('62');
    expect(NafCode.divisionLabel(code)).toBe('Programmation, conseil et autres activités informatiques');
  });

  it('labels the sub-classes that share a class', () => {
    expect(NafCode.label(NafCode.parse('62.02A'))).toBe('Conseil en systèmes et logiciels informatiques');
    expect(NafCode.label(NafCode.parse('88.99B'))).toBe('Action sociale sans hébergement n.c.a.');
  });
});
