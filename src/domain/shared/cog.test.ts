import { describe, expect, it } from 'vitest';
import {
  CommuneCode,
  DepartementCode,
  RegionCode,
  communeName,
  departementName,
  departementOfCommune,
  parentCommuneOf,
  regionName,
  regionOfDepartement,
} from './cog.ts';
import { DomainError } from './domain-error.ts';

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

const commune = (raw: string) => CommuneCode.parse(raw);
const departement = (raw: string) => DepartementCode.parse(raw);

describe('CommuneCode.parse', () => {
  it.each([
    ['75056', '75056'], // Paris
    ['01001', '01001'], // L'Abergement-Clémenciat: leading zero kept
    ['2A004', '2A004'], // Ajaccio
    ['2a004', '2A004'],
    [' 2b033 ', '2B033'], // Bastia
    ['97411', '97411'], // Saint-Denis (La Réunion)
    ['97611', '97611'], // Mamoudzou
    ['98735', '98735'], // Papeete
    ['75101', '75101'], // Paris 1er arrondissement
  ])('accepts %j as %s', (raw, expected) => {
    expect(CommuneCode.parse(raw)).toBe(expected);
  });

  it.each(['20004', '7505', '750560', '00001', '96001', '99134', '2C004', 'ABCDE', '', '75 056'])(
    'rejects %j with cog.invalid_commune_code',
    (raw) => {
      expect(domainErrorOf(() => CommuneCode.parse(raw)).code).toBe('cog.invalid_commune_code');
    },
  );

  it('explains that Corsica is 2A/2B when given an obsolete 20xxx code', () => {
    expect(domainErrorOf(() => CommuneCode.parse('20004')).userMessage).toBe(
      "« 20004 » n'est pas un code commune valide : la Corse est codée 2A (Corse-du-Sud) ou 2B (Haute-Corse) " +
        'depuis 1976.',
    );
  });

  it('explains the expected shape otherwise', () => {
    expect(domainErrorOf(() => CommuneCode.parse('7505')).userMessage).toContain(
      'un code commune INSEE comporte 5 caractères',
    );
  });

  it('tryParse reports the error instead of throwing', () => {
    expect(CommuneCode.tryParse('13055')).toEqual({ ok: true, value: '13055' });
    expect(CommuneCode.tryParse('20004').ok).toBe(false);
  });
});

describe('communes', () => {
  it('names current communes and arrondissements from the COG', () => {
    expect(communeName(commune('2A004'))).toBe('Ajaccio');
    expect(communeName(commune('97411'))).toBe('Saint-Denis');
    expect(communeName(commune('75101'))).toBe('Paris 1er Arrondissement');
    expect(communeName(commune('35238'))).toBe('Rennes');
  });

  it('returns null for a well-formed code that is not a current commune', () => {
    expect(communeName(commune('75999'))).toBeNull();
  });

  it.each([
    ['75101', '75056'],
    ['75120', '75056'],
    ['13201', '13055'],
    ['13216', '13055'],
    ['69381', '69123'],
    ['69389', '69123'],
  ])('the arrondissement %s belongs to the commune %s', (arrondissement, parent) => {
    expect(parentCommuneOf(commune(arrondissement))).toBe(parent);
  });

  it.each(['75056', '13055', '69123', '35238', '2A004', '75999'])('%s has no parent commune', (code) => {
    expect(parentCommuneOf(commune(code))).toBeNull();
  });

  it.each([
    ['2A004', '2A'],
    ['2B033', '2B'],
    ['97411', '974'],
    ['97611', '976'],
    ['98735', '987'],
    ['75101', '75'],
    ['01001', '01'],
  ])('the commune %s is in the département %s', (code, dep) => {
    expect(departementOfCommune(commune(code))).toBe(dep);
  });
});

describe('DepartementCode.parse', () => {
  it.each([
    ['01', '01'],
    ['1', '01'],
    ['75', '75'],
    ['2a', '2A'],
    ['2B', '2B'],
    ['95', '95'],
    ['971', '971'],
    ['974', '974'],
    ['976', '976'],
    [' 13 ', '13'],
    ['987', '987'], // Polynésie française: a collectivity, coded like a département by the COG
  ])('accepts %j as %s', (raw, expected) => {
    expect(DepartementCode.parse(raw)).toBe(expected);
  });

  it('rejects 20 and explains that Corsica is 2A/2B', () => {
    const error = domainErrorOf(() => DepartementCode.parse('20'));
    expect(error.code).toBe('cog.invalid_departement_code');
    expect(error.userMessage).toBe(
      "« 20 » n'est pas un code de département valide : la Corse est codée 2A (Corse-du-Sud) ou 2B " +
        '(Haute-Corse) depuis 1976.',
    );
  });

  it.each(['00', '0', '96', '99', '970', '979', '2C', 'FRK24', 'DEP', '75056', ''])(
    'rejects %j with cog.invalid_departement_code',
    (raw) => {
      expect(domainErrorOf(() => DepartementCode.parse(raw)).code).toBe('cog.invalid_departement_code');
    },
  );

  it('tryParse reports the error instead of throwing', () => {
    expect(DepartementCode.tryParse('2a')).toEqual({ ok: true, value: '2A' });
    expect(DepartementCode.tryParse('20').ok).toBe(false);
  });
});

describe('départements and régions', () => {
  it.each([
    ['01', 'Ain', '84', 'Auvergne-Rhône-Alpes'],
    ['2A', 'Corse-du-Sud', '94', 'Corse'],
    ['2B', 'Haute-Corse', '94', 'Corse'],
    ['75', 'Paris', '11', 'Île-de-France'],
    ['974', 'La Réunion', '04', 'La Réunion'],
    ['976', 'Mayotte', '06', 'Mayotte'],
    ['35', 'Ille-et-Vilaine', '53', 'Bretagne'],
  ])('%s is %s, in the région %s (%s)', (code, name, region, regionLabel) => {
    const dep = departement(code);
    expect(departementName(dep)).toBe(name);
    expect(regionOfDepartement(dep)).toBe(region);
    expect(regionName(regionOfDepartement(dep))).toBe(regionLabel);
  });

  it('chains a commune to its région', () => {
    expect(regionName(regionOfDepartement(departementOfCommune(commune('2A004'))))).toBe('Corse');
    expect(regionOfDepartement(departementOfCommune(commune('97411')))).toBe('04');
  });

  it('RegionCode.parse checks the COG list', () => {
    expect(RegionCode.parse('11')).toBe('11');
    expect(RegionCode.parse('4')).toBe('04');
    expect(RegionCode.parse(' 94 ')).toBe('94');
    const error = domainErrorOf(() => RegionCode.parse('21')); // Champagne-Ardenne, merged in 2016
    expect(error.code).toBe('cog.invalid_region_code');
    expect(RegionCode.tryParse('99').ok).toBe(false);
  });
});
