import { describe, expect, it } from 'vitest';
import { DomainError } from './domain-error.ts';
import { LA_POSTE_SIREN, Siren, Siret } from './siren.ts';

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

describe('Siren.parse', () => {
  it('accepts La Poste’s SIREN', () => {
    expect(Siren.parse('356000000')).toBe(LA_POSTE_SIREN);
  });

  it('keeps the leading zero of a real SIREN (Le tiers lieu de Carpentras, SIRENE)', () => {
    const siren = Siren.parse('062 201 199');
    expect(siren).toBe('062201199');
    expect(typeof siren).toBe('string');
  });

  it('strips dots, tabs, NBSP and narrow NBSP', () => {
    expect(Siren.parse('356.000.000')).toBe('356000000');
    expect(Siren.parse('356\t000\t000')).toBe('356000000');
    expect(Siren.parse('356\u00a0000\u00a0000')).toBe('356000000');
    expect(Siren.parse('356\u202f000\u202f000')).toBe('356000000');
    expect(Siren.parse('  802684969 ')).toBe('802684969');
  });

  it('rejects a SIREN whose Luhn key is wrong', () => {
    const error = domainErrorOf(() => Siren.parse('356000001'));
    expect(error.code).toBe('siren.invalid_key');
    expect(error.userMessage).toBe(
      "Le SIREN 356 000 001 n'est pas valide : la clé de contrôle ne correspond pas.",
    );
  });

  it('rejects a SIRET given where a SIREN is expected, naming the digit count', () => {
    const error = domainErrorOf(() => Siren.parse('35600000000048'));
    expect(error.code).toBe('siren.invalid_format');
    expect(error.userMessage).toBe('Un SIREN comporte 9 chiffres ; « 35600000000048 » en comporte 14.');
  });

  it('rejects letters and empty input', () => {
    expect(domainErrorOf(() => Siren.parse('35600000A')).userMessage).toBe(
      "Un SIREN comporte 9 chiffres ; « 35600000A » contient d'autres caractères que des chiffres.",
    );
    expect(domainErrorOf(() => Siren.parse('   ')).userMessage).toBe(
      'Un SIREN comporte 9 chiffres ; la valeur est vide.',
    );
  });

  it('formats in groups of three', () => {
    expect(Siren.format(Siren.parse('062201199'))).toBe('062 201 199');
  });

  it('tryParse reports the error instead of throwing', () => {
    expect(Siren.tryParse('356000000')).toEqual({ ok: true, value: '356000000' });
    const result = Siren.tryParse('123');
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.error.code).toBe('siren.invalid_format');
  });
});

describe('Siret.parse', () => {
  it.each([
    ['59920013600241', '59920013600241'], // buyer of the real DECP 2024 file decp-59920013600241-…json
    ['802 684 969 000 16', '80268496900016'], // DECP 2019 holder « UNITS Architecture », as published
    [' 44189140500017 ', '44189140500017'], // DECP 2019 holder, with stray spaces
    ['22740001700074', '22740001700074'], // Département de la Haute-Savoie
    ['06220119900031', '06220119900031'], // leading zero kept (SIRENE head office)
  ])('accepts the real SIRET %j', (raw, expected) => {
    expect(Siret.parse(raw)).toBe(expected);
  });

  it('accepts La Poste’s head office, which passes Luhn', () => {
    expect(Siret.parse('35600000000048')).toBe('35600000000048');
  });

  it.each(['35600000049837', '35600000012305'])(
    'accepts the La Poste establishment %s, whose digit sum is a multiple of 5 (not Luhn)',
    (raw) => {
      expect(Siret.parse(raw)).toBe(raw);
    },
  );

  it('does not extend the La Poste rule to other SIRENs', () => {
    // 123456782 passes Luhn and 12345678200012 has a digit sum of 40, but fails Luhn.
    const error = domainErrorOf(() => Siret.parse('12345678200012'));
    expect(error.code).toBe('siret.invalid_key');
  });

  it('rejects a La Poste SIRET that passes neither rule', () => {
    expect(domainErrorOf(() => Siret.parse('35600000049838')).code).toBe('siret.invalid_key');
  });

  it('rejects a real DECP typo (Haute-Savoie published as 227 400 014 00074)', () => {
    const error = domainErrorOf(() => Siret.parse('22740001400074'));
    expect(error.code).toBe('siret.invalid_key');
    expect(error.userMessage).toBe(
      "Le SIRET 227 400 014 00074 n'est pas valide : la clé de contrôle ne correspond pas.",
    );
  });

  it('rejects a SIRET that passes the 14-digit Luhn but not its SIREN key (SMACL typo in DECP 2019)', () => {
    const error = domainErrorOf(() => Siret.parse('30130900605410'));
    expect(error.code).toBe('siret.invalid_key');
  });

  it('names the value in the key error', () => {
    expect(domainErrorOf(() => Siret.parse('12345678900012')).userMessage).toBe(
      "Le SIRET 123 456 789 00012 n'est pas valide : la clé de contrôle ne correspond pas.",
    );
  });

  it.each([
    ['1234', 'Un SIRET comporte 14 chiffres ; « 1234 » en comporte 4.'],
    ['3883430500028', 'Un SIRET comporte 14 chiffres ; « 3883430500028 » en comporte 13.'], // DECP 2019
    ['301984563000678', 'Un SIRET comporte 14 chiffres ; « 301984563000678 » en comporte 15.'], // DECP 2019
    ['614500585', 'Un SIRET comporte 14 chiffres ; « 614500585 » en comporte 9.'], // a SIREN, DECP 2019
    ['', 'Un SIRET comporte 14 chiffres ; la valeur est vide.'],
    [
      'PT999999999',
      "Un SIRET comporte 14 chiffres ; « PT999999999 » contient d'autres caractères que des chiffres.",
    ],
    [
      '356-000-000-00048',
      "Un SIRET comporte 14 chiffres ; « 356-000-000-00048 » contient d'autres caractères que des chiffres.",
    ],
  ])('rejects the malformed %j with siret.invalid_format', (raw, message) => {
    const error = domainErrorOf(() => Siret.parse(raw));
    expect(error.code).toBe('siret.invalid_format');
    expect(error.userMessage).toBe(message);
  });

  it('shortens a very long input in the message', () => {
    const error = domainErrorOf(() => Siret.parse('x'.repeat(500)));
    expect(error.userMessage).toContain(`« ${'x'.repeat(40)}… »`);
  });

  it('tryParse reports the error instead of throwing', () => {
    expect(Siret.tryParse('35600000000048')).toEqual({ ok: true, value: '35600000000048' });
    const result = Siret.tryParse('22740001400074');
    expect(result.ok ? null : result.error.code).toBe('siret.invalid_key');
  });
});

describe('Siret helpers', () => {
  it('extracts the SIREN and the NIC', () => {
    const siret = Siret.parse('356 000 000 00048');
    expect(Siret.siren(siret)).toBe('356000000');
    expect(Siret.nic(siret)).toBe('00048');
  });

  it('formats in groups 3 3 3 5', () => {
    expect(Siret.format(Siret.parse('35600000000048'))).toBe('356 000 000 00048');
    expect(Siret.format(Siret.parse('06220119900031'))).toBe('062 201 199 00031');
  });
});
