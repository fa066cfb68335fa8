import { describe, expect, it } from 'vitest';
import { figureLabel, importKindLabel, importStatusLabel, qualityFlagLabel } from './import-labels.ts';
import { countsAddUp, fileBaseName, splitFigures, sumCounts, zeroCounts } from './import-run.ts';

describe('fileBaseName', () => {
  it('keeps only the last segment of a Unix or Windows path', () => {
    expect(fileBaseName('/srv/amont/data/decp/real-v1-2019/e-marchespublics.json')).toBe(
      'e-marchespublics.json',
    );
    expect(fileBaseName('C:\\donnees\\sirene\\StockUniteLegale.csv')).toBe('StockUniteLegale.csv');
    expect(fileBaseName('../shared/data/geo/')).toBe('geo');
    expect(fileBaseName('cpv_2008.csv')).toBe('cpv_2008.csv');
  });
});

describe('splitFigures', () => {
  it('separates the outcome counts, the quality flags and the other figures', () => {
    expect(
      splitFigures({
        read: 12,
        inserted: 7,
        rejected: 2,
        duplicate: 3,
        'flag.cpv_unknown': 4,
        'flag.amount_invalid': 1,
        'rejected.buyer_missing': 2,
        'supplier.head_office_set': 5,
        'flag.': 9,
        broken: 'x',
      }),
    ).toEqual({
      counts: { read: 12, inserted: 7, updated: 0, unchanged: 0, duplicate: 3, rejected: 2 },
      flags: { amount_invalid: 1, cpv_unknown: 4 },
      otherFigures: { 'flag.': 9, 'rejected.buyer_missing': 2, 'supplier.head_office_set': 5 },
    });
  });

  it('gives zero counts for a run that has saved nothing yet', () => {
    expect(splitFigures({})).toEqual({ counts: zeroCounts(), flags: {}, otherFigures: {} });
  });
});

describe('sumCounts and countsAddUp', () => {
  it('adds runs outcome by outcome and checks read = inserted + updated + unchanged + duplicate + rejected', () => {
    const a = { read: 10, inserted: 6, updated: 1, unchanged: 0, duplicate: 2, rejected: 1 };
    const b = { read: 5, inserted: 0, updated: 0, unchanged: 5, duplicate: 0, rejected: 0 };
    const total = sumCounts([a, b]);
    expect(total).toEqual({ read: 15, inserted: 6, updated: 1, unchanged: 5, duplicate: 2, rejected: 1 });
    expect(countsAddUp(total)).toBe(true);
    expect(countsAddUp({ ...total, read: 16 })).toBe(false);
    expect(sumCounts([])).toEqual(zeroCounts());
  });
});

describe('labels', () => {
  it('names kinds, statuses and flags in French, and leaves unknown keys as they are', () => {
    expect(['cpv', 'communes', 'sirene', 'decp', 'ocds'].map(importKindLabel)).toEqual([
      'Nomenclature CPV',
      'Communes',
      'SIRENE',
      'DECP',
      'ocds',
    ]);
    expect(['done', 'running', 'failed'].map(importStatusLabel)).toEqual(['terminé', 'en cours', 'échoué']);
    expect(qualityFlagLabel('cpv_unknown')).toBe('Code CPV absent de la nomenclature');
    expect(qualityFlagLabel('no_such_flag')).toBeNull();
    expect(figureLabel('rejected.buyer_missing')).toBe('Rejets : identifiant de l’acheteur absent');
    expect(figureLabel('rejected.new_code')).toBe('Rejets : new_code');
    expect(figureLabel('something.else')).toBeNull();
  });

  it('has a label for every flag the importers count', async () => {
    // Every flag name written in the importers' sources: a new flag without a label fails here.
    const fs = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../ingest');
    // Every source file of the importers (not their tests), so that moving code between files cannot hide a flag.
    const sources = (fs.readdirSync(root, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => fs.readFileSync(path.join(root, file), 'utf8'));
    const names = new Set<string>();
    for (const source of sources) {
      for (const m of source.matchAll(
        /(?:flags?\.(?:add|push)\(|addFlag\([^;]*?)'(?:flag\.)?([a-z_0-9]+)'\)/g,
      )) {
        names.add(m[1]!);
      }
      for (const m of source.matchAll(
        /(?:text|identifier|amount|integer|boolean|label|considerations)Of\((?:(?!Of\()[^;])*?flags,\s*'([a-z_0-9]+)'/g,
      )) {
        names.add(m[1]!);
      }
      for (const m of source.matchAll(/dateOf\((?:(?!Of\()[^;])*?flags,\s*'([a-z_0-9]+)'/g)) {
        names.add(`${m[1]!}_invalid`);
        names.add(`${m[1]!}_out_of_range`);
      }
    }
    expect(names.size).toBeGreaterThan(45);
    expect([...names].filter((name) => qualityFlagLabel(name) === null)).toEqual([]);
  });
});
