import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import {
  GREEN_PROCUREMENT,
  INNOVATION_PROCUREMENT,
  RESERVED_PARTICIPATION,
  SOCIAL_PROCUREMENT,
  STRATEGIC_PROCUREMENT,
  VARIANT_POLICIES,
  type EformsCode,
} from './eforms-codes.ts';

/**
 * Our code lists against the real files in ../shared/data: the eForms SDK labels (derived CSV of the .gc
 * code lists), the OCDS extension code lists and the eForms → OCDS mapping tables.
 */

/** Rows of a CSV of the shared data, header left out. */
function readCsv(...segments: string[]): string[][] {
  return (
    parse(fs.readFileSync(sharedDataPath(...segments), 'utf8'), { relax_column_count: true }) as string[][]
  ).slice(1);
}

const EFORMS = ['eforms', 'eforms-codelists-fr-en.csv'];
const available = hasSharedData(...EFORMS) && hasSharedData('ocds', 'extensions');

describe.skipIf(!available)('eForms code lists', () => {
  const labels = new Map<string, Map<string, string>>();
  if (available) {
    for (const [list = '', code = '', , fr = ''] of readCsv(...EFORMS)) {
      if (!labels.has(list)) {
        labels.set(list, new Map());
      }
      labels.get(list)!.set(code, fr);
    }
  }

  const cases: [string, string, readonly EformsCode[]][] = [
    ['BT-06', 'strategic-procurement', STRATEGIC_PROCUREMENT],
    ['BT-774', 'environmental-impact', GREEN_PROCUREMENT],
    ['BT-775', 'social-objective', SOCIAL_PROCUREMENT],
    ['BT-776', 'innovative-acquisition', INNOVATION_PROCUREMENT],
    ['BT-71', 'reserved-procurement', RESERVED_PARTICIPATION],
    ['BT-63', 'permission', VARIANT_POLICIES],
  ];

  it.each(cases)('%s holds every code of the eForms list %s, with its French label', (_bt, list, ours) => {
    const official = labels.get(list)!;
    expect(new Set(ours.map((e) => e.code))).toEqual(new Set(official.keys()));
    for (const entry of ours) {
      expect(entry.label).toBe(official.get(entry.code));
    }
  });

  it('maps sustainability goals to codes of the OCDS sustainabilityGoal list, as the eForms mapping does', () => {
    const goals = new Set(
      readCsv('ocds', 'extensions', 'sustainability', 'codelists', 'sustainabilityGoal.csv').map((r) => r[0]),
    );
    const lists: [string, readonly { code: string; ocdsGoal: string }[]][] = [
      ['strategic-procurement', STRATEGIC_PROCUREMENT],
      ['environmental-impact', GREEN_PROCUREMENT],
      ['social-objective', SOCIAL_PROCUREMENT],
      ['innovative-acquisition', INNOVATION_PROCUREMENT],
    ];
    for (const [file, ours] of lists) {
      const mapping = new Map(readCsv('ocds', 'eforms-mapping', `${file}.csv`).map((r) => [r[0], r[2]]));
      for (const entry of ours) {
        if (entry.code === 'none') {
          continue;
        }
        expect(goals.has(entry.ocdsGoal), `${entry.code} → ${entry.ocdsGoal}`).toBe(true);
        // Where the mapping table names a code of the list, we use that very code (it sometimes names codes
        // the published list spells differently, e.g. humanRightsInSupplyChain: the list wins there).
        const mapped = mapping.get(entry.code);
        if (mapped !== undefined && goals.has(mapped)) {
          expect(entry.ocdsGoal).toBe(mapped);
        }
      }
    }
  });

  it('maps reservations and variants to the codes of the OCDS extension lists', () => {
    const reserved = readCsv(
      'ocds',
      'extensions',
      'otherRequirements',
      'codelists',
      'reservedParticipation.csv',
    ).map((r) => r[0]);
    expect(RESERVED_PARTICIPATION.flatMap((e) => (e.ocds === null ? [] : [e.ocds])).sort()).toEqual(
      [...reserved].sort(),
    );
    const permission = readCsv('ocds', 'extensions', 'submissionTerms', 'codelists', 'permission.csv').map(
      (r) => r[0],
    );
    expect(VARIANT_POLICIES.map((e) => e.ocds).sort()).toEqual([...permission].sort());
  });
});
