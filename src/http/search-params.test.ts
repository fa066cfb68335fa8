import { describe, expect, it } from 'vitest';
import {
  EMPTY_SEARCH,
  filterValueKey,
  MAX_LIST_VALUES,
  parseSearchParams,
  searchUrl,
  toSearchOptions,
} from './search-params.ts';

const fields = (raw: Record<string, unknown>) => parseSearchParams(raw).errors.map((e) => e.field);

describe('parseSearchParams', () => {
  it('reads an empty query string as the empty search', () => {
    expect(parseSearchParams({})).toEqual({ params: EMPTY_SEARCH, errors: [] });
  });

  it('reads repeated and comma-separated lists, trimmed and without duplicates', () => {
    const { params, errors } = parseSearchParams({
      q: '  capteurs  ',
      size: ['TPE,PME', ' PME '],
      cpv: '45000000',
      naf: ['62.01Z', ''],
      dept: '35,,2A',
      region: [],
    });
    expect(errors).toEqual([]);
    expect(params).toMatchObject({
      q: 'capteurs',
      size: ['TPE', 'PME'],
      cpv: ['45000000'],
      naf: ['62.01Z'],
      dept: ['35', '2A'],
      region: [],
    });
  });

  it('reads flags as 1/true/0/false in any case, and refuses anything else or a contradiction', () => {
    const { params } = parseSearchParams({ ess: '1', hasContracts: 'TRUE', hasInnovativeContract: 'false' });
    expect([params.ess, params.hasContracts, params.hasInnovativeContract]).toEqual([true, true, false]);
    expect(parseSearchParams({ ess: '0' }).params.ess).toBe(false);
    expect(parseSearchParams({ ess: 'oui' }).errors).toEqual([
      { field: 'ess', message: 'Le paramètre « ess » doit valoir 1, true, 0 ou false.' },
    ]);
    expect(fields({ hasContracts: ['1', '0'] })).toEqual(['hasContracts']);
    expect(parseSearchParams({ ess: ['1', 'true'] }).errors).toEqual([]);
  });

  it('reads numbers given as strings or already coerced by a route schema', () => {
    expect(
      parseSearchParams({ page: '3', perPage: 50, radiusKm: '12,5', near: '35238' }).params,
    ).toMatchObject({
      page: 3,
      perPage: 50,
      radiusKm: 12.5,
      near: '35238',
    });
  });

  it('names every parameter it cannot use, and falls back to its default', () => {
    const { params, errors } = parseSearchParams({
      perPage: '0',
      radiusKm: '-3',
      page: '1.5',
      q: 'x'.repeat(301),
    });
    expect(errors.map((e) => e.field)).toEqual(['q', 'radiusKm', 'page', 'perPage']);
    expect(errors.find((e) => e.field === 'radiusKm')?.message).toBe(
      'Le rayon doit être un nombre de kilomètres supérieur à 0 et d’au plus 1\u202f000 km.',
    );
    expect(errors.find((e) => e.field === 'perPage')?.message).toBe(
      'Le paramètre « perPage » doit être un nombre entier de 1 à 100.',
    );
    expect([params.perPage, params.radiusKm, params.page, params.q.length]).toEqual([20, null, 1, 300]);
    expect(fields({ page: '100001' })).toEqual(['page']);
    expect(fields({ radiusKm: 'abc' })).toEqual(['radiusKm']);
    expect(fields({ radiusKm: '1001' })).toEqual(['radiusKm']);
    expect(fields({ near: ['35238', '35047'] })).toEqual(['near']);
    expect(fields({ q: ['a', 'b'] })).toEqual(['q']);
    expect(fields({ naf: Array.from({ length: MAX_LIST_VALUES + 1 }, (_, i) => `v${i}`).join(',') })).toEqual(
      ['naf'],
    );
  });
});

describe('toSearchOptions', () => {
  it('passes the values on as typed and gives the commune its radius, 30 km by default', () => {
    const { params } = parseSearchParams({
      q: 'vélo',
      naf: '6201z',
      ess: '1',
      near: 'Rennes',
      radiusKm: '50',
    });
    expect(toSearchOptions(params, '35238')).toEqual({
      q: 'vélo',
      cpv: undefined,
      naf: ['6201z'],
      region: undefined,
      dept: undefined,
      size: undefined,
      ess: true,
      hasContracts: undefined,
      hasInnovativeContract: undefined,
      near: { inseeCode: '35238', radiusKm: 50 },
      page: 1,
      perPage: 20,
    });
    expect(toSearchOptions({ ...params, radiusKm: null }, '35238').near).toEqual({
      inseeCode: '35238',
      radiusKm: 30,
    });
    expect(toSearchOptions(params, null).near).toBeUndefined();
  });
});

describe('searchUrl', () => {
  it('writes every parameter back in a stable order, without defaults', () => {
    const { params } = parseSearchParams({
      page: '2',
      q: 'eau potable',
      size: 'TPE,PME',
      hasContracts: 'true',
      near: '35238',
      radiusKm: '20',
      cpv: '45000000',
    });
    expect(searchUrl('/recherche', params)).toBe(
      '/recherche?q=eau+potable&cpv=45000000&size=TPE&size=PME&hasContracts=1&near=35238&radiusKm=20&page=2',
    );
    expect(searchUrl('/recherche', EMPTY_SEARCH)).toBe('/recherche');
    expect(searchUrl('/recherche', { ...EMPTY_SEARCH, radiusKm: 50 })).toBe('/recherche');
  });

  it('reads back what it wrote', () => {
    const { params } = parseSearchParams({
      q: 'a&b=c',
      dept: ['2A', 'non-renseigne'],
      ess: '1',
      perPage: '50',
    });
    const url = new URL(searchUrl('/recherche', params), 'http://localhost');
    const raw: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) {
      (raw[key] ??= []).push(value);
    }
    expect(parseSearchParams(raw)).toEqual({ params, errors: [] });
  });
});

describe('filterValueKey', () => {
  it('matches the spellings of the same code', () => {
    expect(filterValueKey('naf', '6201z')).toBe(filterValueKey('naf', '62.01Z'));
    expect(filterValueKey('cpv', '45000000-7')).toBe(filterValueKey('cpv', '45000000'));
    expect(filterValueKey('dept', '2a')).toBe(filterValueKey('dept', '2A'));
    expect(filterValueKey('size', 'tpe')).not.toBe(filterValueKey('size', 'PME'));
  });
});
