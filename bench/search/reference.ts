import MiniSearch from 'minisearch';
import type { SearchOptions } from '../../src/search/index.ts';
import type { CorpusGenerator } from './corpus.ts';
import type { Searcher } from './measure.ts';
import type { OpenData } from './open-data.ts';

/**
 * The in-process reference: MiniSearch over the same documents, answering the same queries with the same
 * work — every match scored, the top 20 kept, and the facet counts (NAF, région, département, size, CPV
 * divisions, the three flags), each facet counted with the other filters only.
 *
 * Differences, stated: no French stemmer (accents folded, a final s or x dropped), no synonyms, no exact
 * vector, no highlights or explanations; BM25 instead of ts_rank, fields boosted 5 / 2 / 1 (name,
 * activity, contract objects) like the weights 1.0 / 0.4 / 0.2; the CPV tree below the divisions is not
 * counted; a query without results is retried with `fuzzy: 0.2` (the engine's typo correction).
 */

const STOP_WORDS = new Set(
  'au aux avec ce ces dans de des du en et la le les leur ou par pour sur un une'.split(' '),
);

function processTerm(term: string): string | null {
  const folded = term
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (folded.length < 2 || STOP_WORDS.has(folded)) {
    return null;
  }
  return folded.length > 3 && /[sx]$/.test(folded) ? folded.slice(0, -1) : folded;
}

/** Facet attributes of every document, by id. */
interface Attributes {
  naf: (string | null)[];
  region: (string | null)[];
  dept: (string | null)[];
  size: (string | null)[];
  cpv: string[][];
  ess: Uint8Array;
  contracts: Uint8Array;
  innovative: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
}

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.min(1, Math.sqrt(a)));
}

const increment = (map: Map<string | null, number>, key: string | null) =>
  map.set(key, (map.get(key) ?? 0) + 1);

/**
 * Builds the reference index over documents 0 … size − 1.
 * @returns the search function and the build time (ms)
 */
export function buildReference(
  generator: CorpusGenerator,
  data: OpenData,
  size: number,
): { search: Searcher; buildMs: number } {
  const started = performance.now();
  const index = new MiniSearch<{ id: number; name: string; activity: string; objects: string }>({
    fields: ['name', 'activity', 'objects'],
    storeFields: [],
    processTerm,
    searchOptions: { boost: { name: 5, activity: 2, objects: 1 }, combineWith: 'AND' },
  });
  const attributes: Attributes = {
    naf: new Array<string | null>(size),
    region: new Array<string | null>(size),
    dept: new Array<string | null>(size),
    size: new Array<string | null>(size),
    cpv: new Array<string[]>(size),
    ess: new Uint8Array(size),
    contracts: new Uint8Array(size),
    innovative: new Uint8Array(size),
    lat: new Float64Array(size).fill(Number.NaN),
    lon: new Float64Array(size).fill(Number.NaN),
  };
  for (let i = 0; i < size; i++) {
    const doc = generator.document(i);
    index.add({ id: i, name: doc.name, activity: doc.nafLabel ?? '', objects: doc.objects ?? '' });
    attributes.naf[i] = doc.nafCode;
    attributes.region[i] = doc.regionCode;
    attributes.dept[i] = doc.departmentCode;
    attributes.size[i] = doc.size;
    attributes.cpv[i] = doc.cpvCodes;
    attributes.ess[i] = doc.ess ? 1 : 0;
    attributes.contracts[i] = doc.contractCount > 0 ? 1 : 0;
    attributes.innovative[i] = doc.innovative ? 1 : 0;
    attributes.lat[i] = doc.latitude ?? Number.NaN;
    attributes.lon[i] = doc.longitude ?? Number.NaN;
  }
  const communes = new Map(data.communes.map((c) => [c.code, c]));
  const search: Searcher = (options) => Promise.resolve(answer(index, attributes, communes, options, size));
  return { search, buildMs: performance.now() - started };
}

function answer(
  index: MiniSearch,
  a: Attributes,
  communes: Map<string, { latitude: number; longitude: number }>,
  options: SearchOptions,
  size: number,
): { total: number; top: number[]; facets: Record<string, Map<string | null, number>> } {
  const centre = options.near === undefined ? undefined : communes.get(options.near.inseeCode);
  const radius = options.near?.radiusKm ?? 30;
  const prefixes = (options.cpv ?? []).map((code) => code.slice(0, 8).replace(/0+$/, '').padEnd(2, '0'));
  const predicates: [string, (id: number) => boolean][] = [];
  const list = (name: string, values: string[] | undefined, column: (string | null)[]) => {
    if (values !== undefined && values.length > 0) {
      predicates.push([name, (id) => values.includes(column[id] ?? '')]);
    }
  };
  if (prefixes.length > 0) {
    predicates.push(['cpv', (id) => (a.cpv[id] ?? []).some((c) => prefixes.some((p) => c.startsWith(p)))]);
  }
  list('naf', options.naf, a.naf);
  list('region', options.region, a.region);
  list('dept', options.dept, a.dept);
  list('size', options.size, a.size);
  if (options.ess === true) {
    predicates.push(['ess', (id) => a.ess[id] === 1]);
  }
  const inRadius = (id: number) =>
    centre === undefined ||
    haversineKm(centre.latitude, centre.longitude, a.lat[id] ?? NaN, a.lon[id] ?? NaN) <= radius;
  let ids: number[];
  const q = options.q?.trim() ?? '';
  if (q === '') {
    ids = Array.from({ length: size }, (_, id) => id);
  } else {
    let results = index.search(q);
    if (results.length === 0) {
      results = index.search(q, { fuzzy: 0.2 });
    }
    ids = results.map((r) => r.id as number);
  }
  const facets: Record<string, Map<string | null, number>> = {};
  for (const name of ['naf', 'region', 'dept', 'size', 'cpv', 'flags']) {
    facets[name] = new Map();
  }
  const top: number[] = [];
  let total = 0;
  for (const id of ids) {
    if (!inRadius(id)) {
      continue;
    }
    const failed = predicates.filter(([, test]) => !test(id)).map(([name]) => name);
    if (failed.length > 1) {
      continue;
    }
    const counts = (facet: string) => failed.length === 0 || failed[0] === facet;
    if (failed.length === 0) {
      total++;
      if (top.length < 20) {
        top.push(id);
      }
      for (const flag of ['ess', 'contracts', 'innovative'] as const) {
        if (a[flag][id] === 1) {
          increment(facets.flags as Map<string | null, number>, flag);
        }
      }
    }
    for (const facet of ['naf', 'region', 'dept', 'size'] as const) {
      if (counts(facet)) {
        increment(facets[facet] as Map<string | null, number>, a[facet][id] ?? null);
      }
    }
    if (counts('cpv')) {
      for (const division of new Set((a.cpv[id] ?? []).map((c) => c.slice(0, 2)))) {
        increment(facets.cpv as Map<string | null, number>, division);
      }
    }
  }
  return { total, top, facets };
}
