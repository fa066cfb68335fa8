import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCommune } from '../../../test/factories/index.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { findCommunes, findCommunesByName } from './commune.repository.ts';
import { communeLabel, resolveCommune, type CommuneResolution } from './resolve-commune.ts';

/** Hand-written communes (COG codes and names; populations rounded) with two homonyms. */
const COMMUNES = [
  { insee_code: '35238', name: 'Rennes', department_code: '35', region_code: '53', population: 230_000 },
  { insee_code: '93066', name: 'Saint-Denis', department_code: '93', region_code: '11', population: 113_000 },
  {
    insee_code: '97411',
    name: 'Saint-Denis',
    department_code: '974',
    region_code: '04',
    population: 153_000,
  },
  {
    insee_code: '45272',
    name: 'Saint-Denis-en-Val',
    department_code: '45',
    region_code: '24',
    population: 7_000,
  },
  { insee_code: '35288', name: 'Saint-Malo', department_code: '35', region_code: '53', population: 47_000 },
  { insee_code: '2A004', name: 'Ajaccio', department_code: '2A', region_code: '94', population: 72_000 },
];

const codes = (resolution: CommuneResolution) =>
  resolution.kind === 'ambiguous' ? resolution.candidates.map((c) => c.inseeCode) : [];

describeWithStore('resolveCommune', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
    for (const commune of COMMUNES) {
      await buildCommune(store.db, {
        ...commune,
        type: 'COM',
        parent_code: null,
        postal_code: commune.insee_code === '35238' ? '35000' : null,
        postal_codes: commune.insee_code === '35238' ? ['35000', '35200', '35700'] : [],
      });
    }
  });
  afterAll(() => store.close());

  it('finds a commune by INSEE code, Corsica in any case', async () => {
    const rennes = await resolveCommune(store.db, ' 35238 ');
    expect(rennes.kind === 'found' && rennes.commune.name).toBe('Rennes');
    const ajaccio = await resolveCommune(store.db, '2a004', { names: false });
    expect(ajaccio.kind === 'found' && ajaccio.commune.inseeCode).toBe('2A004');
  });

  it('finds a commune by its name alone when no other commune bears it, accents and case ignored', async () => {
    for (const text of ['rennes', 'RENNES', 'saint malo', 'Saint-Malo (35)']) {
      const found = await resolveCommune(store.db, text);
      expect(found.kind, text).toBe('found');
    }
  });

  it('returns homonyms as candidates instead of guessing, and settles them with the département', async () => {
    const homonyms = await resolveCommune(store.db, 'Saint Denis');
    expect(homonyms).toMatchObject({ kind: 'ambiguous', exact: true, text: 'Saint Denis' });
    // The most populated first; Saint-Denis-en-Val does not bear the name.
    expect(codes(homonyms)).toEqual(['97411', '93066']);
    const settled = await resolveCommune(store.db, 'Saint-Denis (93)');
    expect(settled.kind === 'found' && settled.commune.inseeCode).toBe('93066');
  });

  it('offers close names and postal-code matches as candidates, never as an answer', async () => {
    const prefix = await resolveCommune(store.db, 'saint-d');
    expect(prefix).toMatchObject({ kind: 'ambiguous', exact: false });
    // Names starting with the text first (most populated first), then names merely close (trigrams).
    expect(codes(prefix).slice(0, 3)).toEqual(['97411', '93066', '45272']);
    const postal = await resolveCommune(store.db, '35000');
    expect(postal).toMatchObject({ kind: 'ambiguous', exact: false });
    expect(codes(postal)).toEqual(['35238']);
  });

  it('says unknown for a code not in the COG, a name close to nothing, and any name when names are off', async () => {
    expect(await resolveCommune(store.db, '99999')).toEqual({
      kind: 'unknown',
      text: '99999',
      reason: 'code',
    });
    expect(await resolveCommune(store.db, 'Xyzzyville')).toEqual({
      kind: 'unknown',
      text: 'Xyzzyville',
      reason: 'name',
    });
    expect(await resolveCommune(store.db, 'Rennes', { names: false })).toEqual({
      kind: 'unknown',
      text: 'Rennes',
      reason: 'code',
    });
    expect(await resolveCommune(store.db, '   ')).toEqual({ kind: 'empty' });
  });

  it('labels a commune with its département, and finds several by code at once', async () => {
    const found = await findCommunes(store.db, ['35238', '2A004', '35238', '00000']);
    expect([...found.keys()].sort()).toEqual(['2A004', '35238']);
    expect(communeLabel(found.get('2A004')!)).toBe('Ajaccio (2A)');
    expect((await findCommunesByName(store.db, "saint'denis")).map((c) => c.inseeCode)).toEqual([
      '97411',
      '93066',
    ]);
  });
});
