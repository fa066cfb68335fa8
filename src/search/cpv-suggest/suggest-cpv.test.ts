import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  LATER_CONTRACTS,
  majorityCode,
  NEED_CONTRACTS,
} from '../../../test/fixtures/cpv-suggest/need-contracts.ts';
import {
  cpvListAvailable as cpvAvailable,
  openNeedStore,
  type NeedStore,
} from '../../../test/fixtures/cpv-suggest/need-store.ts';
import { describeWithStore } from '../../../test/setup/test-store.ts';
import { DomainError } from '../../domain/shared/index.ts';
import type { Store } from '../../store/database.ts';
import { suggestCpv } from './suggest-cpv.ts';

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describeWithStore('suggestCpv', () => {
  let need: NeedStore;
  let store: Store;
  beforeAll(async () => {
    need = await openNeedStore();
    store = need.store;
  });
  afterAll(() => need.close());

  it.skipIf(!cpvAvailable)(
    'suggests first the code most contracts about the need carry, with its label, check digit and reasons',
    async () => {
      const expected = majorityCode(/espaces verts/i);
      const { suggestions } = await suggestCpv(store.db, {
        q: 'Entretien des espaces verts du parc municipal',
      });
      const entry = await store.db
        .selectFrom('cpv_codes')
        .select(['check_digit', 'label'])
        .where('code', '=', expected)
        .executeTakeFirstOrThrow();
      expect(suggestions[0]).toMatchObject({
        code: expected,
        checkDigit: entry.check_digit,
        label: entry.label,
      });
      expect(suggestions[0]?.score).toBeGreaterThan(0);
      expect(suggestions[0]?.score).toBeLessThanOrEqual(1);

      const objects = NEED_CONTRACTS.filter((c) => c.cpv === expected && /espaces verts/i.test(c.object));
      const [contractsReason, ...others] = suggestions[0]?.why ?? [];
      expect(contractsReason).toMatch(new RegExp(`^${objects.length} marchés aux objets proches : « `));
      const quoted = [...(contractsReason ?? '').matchAll(/« ([^»]+) »/g)].map((m) => m[1]);
      expect(quoted.length).toBeGreaterThan(0);
      for (const text of quoted) {
        expect(objects.map((c) => c.object)).toContain(text);
      }
      expect(others).toContain('libellé CPV : mots « entretien », « espaces », « verts »');
    },
  );

  it.skipIf(!cpvAvailable)(
    'returns the codes above a suggestion too, the group gathering its children’s votes',
    async () => {
      const { suggestions } = await suggestCpv(store.db, { q: 'travaux de voirie et enrobés', limit: 20 });
      const expected = majorityCode(/voirie/i);
      const codes = suggestions.map((s) => s.code);
      expect(codes[0]?.slice(0, 2)).toBe(expected.slice(0, 2));
      expect(codes).toContain(expected);
      // 45233000 has no contract of its own: it is suggested for the votes of 45233140 and 45233220.
      const group = suggestions.find((s) => s.code === '45233000');
      expect(
        group?.why.some((reason) =>
          /marchés aux objets proches sous ce code \(45233140, 45233220\)/.test(reason),
        ),
      ).toBe(true);
    },
  );

  it.skipIf(!cpvAvailable)('corrects a mistyped word with the vocabulary of the CPV labels', async () => {
    const result = await suggestCpv(store.db, { q: 'maintenance du chaufage' });
    expect(result.corrections).toEqual([{ from: 'chaufage', to: 'chauffage' }]);
    expect(result.suggestions[0]?.code).toBe(majorityCode(/chauffage/i));
  });

  it.skipIf(!cpvAvailable)('answers the same suggestions, in the same order, every time', async () => {
    const q = 'Nettoyage des locaux administratifs et des vitres';
    const first = await suggestCpv(store.db, { q, limit: 20 });
    const second = await suggestCpv(store.db, { q, limit: 20 });
    expect(second).toEqual(first);
    expect(first.suggestions[0]?.code.slice(0, 2)).toBe(majorityCode(/nettoyage/i).slice(0, 2));
  });

  it('answers no suggestion for a need made of stop words only', async () => {
    const result = await suggestCpv(store.db, { q: 'de la et pour des' });
    expect(result).toEqual({ suggestions: [], searchedTerms: [], corrections: [] });
  });

  it.skipIf(!cpvAvailable)('returns at most `limit` suggestions, 5 by default', async () => {
    const q = 'entretien et maintenance des bâtiments communaux';
    expect((await suggestCpv(store.db, { q })).suggestions).toHaveLength(5);
    expect((await suggestCpv(store.db, { q, limit: 2 })).suggestions).toHaveLength(2);
  });

  it('refuses a blank need and a limit outside 1 to 20, naming the field', async () => {
    const blank = await rejection(suggestCpv(store.db, { q: '  \n ' }));
    expect(blank.code).toBe('cpv_suggest.invalid_query');
    expect(blank.details).toEqual({ field: 'q' });
    for (const limit of [0, 21, 2.5]) {
      const error = await rejection(suggestCpv(store.db, { q: 'voirie', limit }));
      expect(error.code).toBe('cpv_suggest.invalid_limit');
      expect(error.details).toEqual({ field: 'limit' });
    }
  });
});

describeWithStore('suggestCpv learns from the store', () => {
  let need: NeedStore;
  let store: Store;
  beforeAll(async () => {
    need = await openNeedStore();
    store = need.store;
  });
  afterAll(() => need.close());

  it.skipIf(!cpvAvailable)('suggests a new code once contracts about the need are imported', async () => {
    const q = 'Effarouchement des goélands sur les toitures communales';
    const expected = majorityCode(/goélands/i, LATER_CONTRACTS);
    const before = await suggestCpv(store.db, { q, limit: 20 });
    expect(before.suggestions.map((s) => s.code)).not.toContain(expected);

    await need.importContracts(LATER_CONTRACTS, 'LATER');

    const after = await suggestCpv(store.db, { q });
    expect(after.suggestions[0]?.code).toBe(expected);
    const learnt = LATER_CONTRACTS.filter((c) => c.cpv === expected);
    expect(after.suggestions[0]?.why[0]).toMatch(
      new RegExp(`^${learnt.length} marchés aux objets proches : « Effarouchement des goélands`),
    );
  });
});
