import { companyName } from './names.ts';
import type { CommuneEntry, CpvEntry, DecpObject, NafEntry, OpenData } from './open-data.ts';
import { Prng, WeightedPicker, zipfWeights } from './prng.ts';

/**
 * The benchmark corpus: supplier documents (the kind the engine indexes today) generated from real open
 * data, deterministically: document `i` of a seed is always the same, whatever the corpus size (only its
 * SIREN depends on the size, so that SIRENs grow with `i` as `reindexAll` writes them).
 *
 * Distributions (chosen to look like SIRENE + DECP, not measured from them):
 * - 55 % of suppliers never won a public contract (name and activity only); the others hold 1 to 8
 *   contracts, 3 % of them 10 to 120 (objects capped at 50, as the indexer does);
 * - a contract object is a real DECP 2019 object (65 %) or a CPV 2008 label phrased as an object (35 %),
 *   70 % of them in the supplier's main CPV division, itself drawn with the DECP divisions' frequencies;
 * - the NAF sub-class follows the main division for 70 % of contract holders, otherwise a Zipf law
 *   over a seeded order of the 732 sub-classes;
 * - head office: a commune drawn by population, 3 % unlocated (not diffusible);
 * - size: TPE 62 %, PME 27 %, ETI 3 %, GE 1 %, unknown 7 %; ESS 6 % (45 % in social action and
 *   associations); innovative contract: 3 % of contract holders.
 */

/** One generated document: the columns of `search_documents` the loader writes (vectors are SQL's). */
export interface BenchDocument {
  siren: string;
  name: string;
  nafCode: string | null;
  nafLabel: string | null;
  /** Distinct contract objects joined by ' ; ', as the indexer writes them; null without contracts. */
  objects: string | null;
  cpvCodes: string[];
  communeCode: string | null;
  departmentCode: string | null;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  size: 'TPE' | 'PME' | 'ETI' | 'GE' | null;
  ess: boolean;
  contractCount: number;
  innovative: boolean;
}

/** NAF divisions (2 digits) typical of the holders of contracts in a CPV division. */
const NAF_OF_CPV_DIVISION: Record<string, string[]> = {
  '03': ['01', '02', '46'],
  '09': ['35', '46', '47'],
  '15': ['10', '11', '46', '56'],
  '22': ['18', '58', '73'],
  '30': ['46', '47', '95'],
  '31': ['27', '43'],
  '32': ['26', '61'],
  '33': ['21', '32', '46', '86'],
  '34': ['29', '30', '45'],
  '37': ['32', '46', '47'],
  '39': ['31', '46', '47'],
  '42': ['28', '33'],
  '44': ['25', '43'],
  '45': ['41', '42', '43'],
  '48': ['58', '62'],
  '50': ['33', '43', '45'],
  '55': ['55', '56'],
  '60': ['49', '52'],
  '64': ['53', '61'],
  '66': ['64', '65', '66'],
  '71': ['71', '74'],
  '72': ['62', '63'],
  '77': ['01', '81'],
  '79': ['70', '73', '78', '82'],
  '80': ['85'],
  '85': ['86', '87', '88'],
  '90': ['37', '38', '81'],
  '92': ['59', '90', '93'],
  '98': ['94', '96'],
};
const SOCIAL_NAF = new Set(['87', '88', '94']);
const OBJECT_PATTERNS: ((label: string, commune: string, n: number) => string)[] = [
  (label) => label,
  (label, _commune, n) => `${label} - lot ${n}`,
  (label, commune) => `${label} pour la commune de ${commune}`,
  (label) => `Accord-cadre : ${label.toLowerCase()}`,
  (label, _commune, n) => `Marché de ${label.toLowerCase()} (${2018 + (n % 8)})`,
];

/** SIREN: 8 digits and the Luhn key. */
export function withLuhnKey(eight: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    let digit = Number(eight[7 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
  }
  return `${eight}${(10 - (sum % 10)) % 10}`;
}

function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Generates the corpus of a seed and size. */
export class CorpusGenerator {
  private readonly communePicker: WeightedPicker;
  private readonly nafPicker: WeightedPicker;
  private readonly nafOrder: NafEntry[];
  private readonly nafByDivision = new Map<string, NafEntry[]>();
  private readonly decpByDivision = new Map<string, DecpObject[]>();
  private readonly cpvByDivision = new Map<string, CpvEntry[]>();
  private readonly sirenStep: number;

  constructor(
    private readonly data: OpenData,
    private readonly seed: number,
    size: number,
  ) {
    this.communePicker = new WeightedPicker(data.communes.map((c) => Math.max(50, c.population)));
    this.nafOrder = new Prng(seed).fork('naf').shuffle(data.naf);
    this.nafPicker = new WeightedPicker(zipfWeights(this.nafOrder.length, 0.9));
    for (const naf of data.naf) {
      const list = this.nafByDivision.get(naf.code.slice(0, 2)) ?? [];
      list.push(naf);
      this.nafByDivision.set(naf.code.slice(0, 2), list);
    }
    for (const object of data.decp) {
      const list = this.decpByDivision.get(object.cpv.slice(0, 2)) ?? [];
      list.push(object);
      this.decpByDivision.set(object.cpv.slice(0, 2), list);
    }
    for (const cpv of data.cpv) {
      const list = this.cpvByDivision.get(cpv.code.slice(0, 2)) ?? [];
      list.push(cpv);
      this.cpvByDivision.set(cpv.code.slice(0, 2), list);
    }
    this.sirenStep = Math.max(1, Math.floor(89_999_999 / Math.max(1, size)));
  }

  /** Document `i` (0-based). */
  document(i: number): BenchDocument {
    const prng = new Prng(mix(this.seed, i));
    const siren = withLuhnKey(String(10_000_000 + i * this.sirenStep + prng.int(0, this.sirenStep - 1)));
    const mainDivision = prng.pick(this.data.decp).cpv.slice(0, 2);
    const contractCount = prng.chance(0.55)
      ? 0
      : prng.chance(0.03)
        ? prng.int(10, 120)
        : Math.min(8, 1 + Math.floor(-Math.log(1 - prng.next()) * 1.6));
    const naf = this.naf(prng, contractCount > 0 ? mainDivision : null);
    const located = prng.chance(0.97);
    const commune = located ? this.commune(prng) : null;
    const { objects, cpvCodes } = this.objects(prng, Math.min(contractCount, 50), mainDivision);
    const social = naf !== null && SOCIAL_NAF.has(naf.code.slice(0, 2));
    const sizeDraw = prng.next();
    return {
      siren,
      name: companyName(prng, naf?.label ?? null, prng.chance(0.5) ? (commune?.name ?? null) : null),
      nafCode: naf?.code ?? null,
      nafLabel: naf?.label ?? null,
      objects: objects.length === 0 ? null : objects.join(' ; '),
      cpvCodes,
      communeCode: commune?.code ?? null,
      departmentCode: commune?.department ?? null,
      regionCode: commune?.region ?? null,
      latitude: commune?.latitude ?? null,
      longitude: commune?.longitude ?? null,
      size:
        sizeDraw < 0.62
          ? 'TPE'
          : sizeDraw < 0.89
            ? 'PME'
            : sizeDraw < 0.92
              ? 'ETI'
              : sizeDraw < 0.93
                ? 'GE'
                : null,
      ess: prng.chance(social ? 0.45 : 0.05),
      contractCount,
      innovative: contractCount > 0 && prng.chance(0.03),
    };
  }

  /** Documents `from` … `to − 1`. */
  documents(from: number, to: number): BenchDocument[] {
    return Array.from({ length: Math.max(0, to - from) }, (_, k) => this.document(from + k));
  }

  private naf(prng: Prng, division: string | null): NafEntry | null {
    if (prng.chance(0.01)) {
      return null;
    }
    const divisions = division === null ? undefined : NAF_OF_CPV_DIVISION[division];
    if (divisions !== undefined && prng.chance(0.7)) {
      const list = this.nafByDivision.get(prng.pick(divisions));
      if (list !== undefined) {
        return prng.pick(list);
      }
    }
    return this.nafOrder[this.nafPicker.index(prng)] ?? null;
  }

  private commune(prng: Prng): CommuneEntry {
    return this.data.communes[this.communePicker.index(prng)] as CommuneEntry;
  }

  private objects(
    prng: Prng,
    count: number,
    mainDivision: string,
  ): { objects: string[]; cpvCodes: string[] } {
    const objects = new Set<string>();
    const codes = new Set<string>();
    for (let k = 0; k < count; k++) {
      const division = prng.chance(0.7) ? mainDivision : prng.pick(this.data.decp).cpv.slice(0, 2);
      if (prng.chance(0.65)) {
        const real = prng.pick(this.decpByDivision.get(division) ?? this.data.decp);
        objects.add(real.object);
        codes.add(real.cpv);
      } else {
        const cpv = prng.pick(this.cpvByDivision.get(division) ?? this.data.cpv);
        const pattern = prng.pick(OBJECT_PATTERNS);
        objects.add(pattern(cpv.label, this.commune(prng).name, prng.int(1, 12)));
        codes.add(cpv.code);
      }
    }
    return { objects: [...objects], cpvCodes: [...codes].sort() };
  }
}
