import type { SearchOptions } from '../../src/search/index.ts';
import type { OpenData } from './open-data.ts';
import { Prng, WeightedPicker } from './prng.ts';

/**
 * The fixed query mix: drawn with a seed from the same open data as the corpus, independent of its size.
 *
 * - `browse`: no text, facets only (the first one is the empty query: facets over the whole index);
 * - `broad`: one frequent word of contract objects (`travaux`, `services`, `maintenance`…);
 * - `narrow`: one rare word of a real DECP object or CPV label;
 * - `multi`: 2 to 4 consecutive words of a real DECP object or CPV label (« entretien espaces verts »);
 * - `typo`: a rare word with one letter dropped or swapped (the engine corrects it, a second search).
 * 35 % of text queries carry one or two filters (CPV division or group, NAF, région, size, ESS), 20 % a
 * radius of 10, 30 or 50 km around a commune drawn by population.
 */

/** Kinds of query, see above. */
export type QueryKind = 'browse' | 'broad' | 'narrow' | 'multi' | 'typo';

/** One query of the mix. */
export interface BenchQuery {
  kind: QueryKind;
  /** Words typed (0 for browse). */
  words: number;
  facets: boolean;
  radius: boolean;
  options: SearchOptions;
}

const BROAD_WORDS = [
  'travaux',
  'services',
  'maintenance',
  'fourniture',
  'entretien',
  'prestations',
  'construction',
  'nettoyage',
  'aménagement',
  'réhabilitation',
];
const STOP_WORDS = new Set(
  'avec dans pour sans sous chez leur leurs entre vers celle cette ainsi autre autres afin dont plus tous toutes'.split(
    ' ',
  ),
);
const RADII = [10, 30, 50];
const NAF_CODES = [
  '43.21A',
  '43.22A',
  '43.32A',
  '41.20A',
  '62.01Z',
  '71.12B',
  '81.21Z',
  '81.30Z',
  '49.39A',
  '56.29A',
];
const SIZES: string[][] = [['TPE'], ['PME'], ['PME', 'ETI'], ['GE']];

/** Content words of a text: letters only, 4 or more, not a frequent function word. */
function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-zà-öø-ÿœæ]+/)
    .filter((word) => word.length >= 4 && !STOP_WORDS.has(word));
}

/** Words of the DECP objects by document frequency. */
function documentFrequencies(data: OpenData): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const { object } of data.decp) {
    for (const word of new Set(contentWords(object))) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
  }
  return frequency;
}

function typo(prng: Prng, word: string): string {
  const at = prng.int(1, word.length - 2);
  return prng.chance(0.5)
    ? word.slice(0, at) + word.slice(at + 1)
    : word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
}

function filters(prng: Prng, data: OpenData, count: number): SearchOptions {
  const options: SearchOptions = {};
  const kinds = prng.shuffle(['cpv', 'naf', 'region', 'size', 'ess'] as const).slice(0, count);
  for (const kind of kinds) {
    if (kind === 'cpv') {
      const code = prng.pick(data.decp).cpv;
      options.cpv = [prng.chance(0.6) ? `${code.slice(0, 2)}000000` : `${code.slice(0, 3)}00000`];
    } else if (kind === 'naf') {
      options.naf = [prng.pick(NAF_CODES)];
    } else if (kind === 'region') {
      options.region = [prng.pick(data.communes).region ?? '53'];
    } else if (kind === 'size') {
      options.size = prng.pick(SIZES);
    } else {
      options.ess = true;
    }
  }
  return options;
}

/**
 * Draws the mix.
 * @param data the open data (words, divisions, communes)
 * @param count number of queries
 * @param seed the seed (same seed, same queries)
 */
export function queryMix(data: OpenData, count: number, seed: number): BenchQuery[] {
  const prng = new Prng(seed).fork('queries');
  const frequency = documentFrequencies(data);
  const rare = [...frequency.entries()]
    .filter(([word, n]) => n >= 2 && n <= 12 && word.length >= 6)
    .map(([word]) => word)
    .sort();
  const phrases = [...data.decp.map((d) => d.object), ...data.cpv.map((c) => c.label)];
  const communes = new WeightedPicker(data.communes.map((c) => c.population));
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const draw = prng.next();
    const kind: QueryKind =
      i === 0 || draw < 0.08
        ? 'browse'
        : draw < 0.33
          ? 'broad'
          : draw < 0.55
            ? 'narrow'
            : draw < 0.95
              ? 'multi'
              : 'typo';
    let q: string | undefined;
    if (kind === 'broad') {
      q = prng.pick(BROAD_WORDS);
    } else if (kind === 'narrow') {
      q = prng.pick(rare);
    } else if (kind === 'typo') {
      q = typo(prng, prng.pick(rare));
    } else if (kind === 'multi') {
      let words: string[] = [];
      while (words.length < 2) {
        words = contentWords(prng.pick(phrases));
      }
      const n = Math.min(words.length, prng.int(2, 4));
      const start = prng.int(0, words.length - n);
      q = words.slice(start, start + n).join(' ');
    }
    const filterCount =
      kind === 'browse' ? (i === 0 ? 0 : prng.int(1, 2)) : prng.chance(0.35) ? prng.int(1, 2) : 0;
    const radius = i > 0 && prng.chance(0.2);
    const options: SearchOptions = { ...filters(prng, data, filterCount) };
    if (q !== undefined) {
      options.q = q;
    }
    if (radius) {
      const commune = data.communes[communes.index(prng)];
      options.near = { inseeCode: commune?.code ?? '35238', radiusKm: prng.pick(RADII) };
    }
    queries.push({
      kind,
      words: q === undefined ? 0 : q.split(' ').length,
      facets: filterCount > 0,
      radius,
      options,
    });
  }
  return queries;
}
