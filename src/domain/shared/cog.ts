import fs from 'node:fs';
import { createRequire } from 'node:module';
import { DomainError, tryParse, type ParseResult } from './domain-error.ts';

/**
 * COG, INSEE's « Code officiel géographique »: commune, département and région codes, as used by DECP
 * (`lieuExecution.code` when `typeCode` is « Code commune » or « Code département ») and by SIRENE
 * (`codeCommuneEtablissement`). Names and hierarchy come from `@etalab/decoupage-administratif` (COG of
 * its release year); they are read lazily, on first use, and kept in memory.
 *
 * Shapes (INSEE, « Code officiel géographique », documentation):
 * - commune: 5 characters, the département (2 characters) then 3 digits. Corsica has been 2A / 2B since
 *   1976, so 20xxx codes are obsolete. Overseas, the département or collectivity code has 3 digits
 *   (971 Guadeloupe … 976 Mayotte; 975, 977, 978, 984, 986–989 for the collectivités d'outre-mer), so
 *   the commune number has 2.
 * - Paris, Marseille and Lyon are each one commune (75056, 13055, 69123) divided into municipal
 *   arrondissements (loi PLM n° 82-1169), which have their own codes: 75101–75120, 13201–13216, 69381–69389.
 *
 * `CommuneCode.parse` checks the shape only: DECP and SIRENE carry codes of communes that have since
 * merged, which stay meaningful for history; `communeName` tells whether a code is in the current COG.
 */

/** Error codes of this module. */
export type CogErrorCode =
  'cog.invalid_commune_code' | 'cog.invalid_departement_code' | 'cog.invalid_region_code';

/** A commune (or municipal arrondissement) code, e.g. '75056', '2A004', '97411'. */
export type CommuneCode = string & { readonly __brand: 'CommuneCode' };
/** A département code of the COG, e.g. '01', '2A', '974', or an overseas collectivity's, e.g. '987'. */
export type DepartementCode = string & { readonly __brand: 'DepartementCode' };
/** A région code of the COG, e.g. '11', '94'; overseas collectivities use their own code, e.g. '975'. */
export type RegionCode = string & { readonly __brand: 'RegionCode' };

type CommuneEntry = { code: string; nom: string; type: string; commune?: string };
type DepartementEntry = { code: string; nom: string; region: string };
type RegionEntry = { code: string; nom: string };

const require = createRequire(import.meta.url);

/**
 * Reads one JSON file of the package. `require(…json)` would keep the whole parsed array in the module
 * cache; reading it ourselves lets the 8 MB communes list be collected once indexed. (The package's own
 * `index.js` reads `./data/…` relative to the working directory, so it cannot be used either.)
 */
function readPackageJson<T>(file: string): T {
  const filePath = require.resolve(`@etalab/decoupage-administratif/data/${file}`);
  return JSON.parse(fs.readFileSync(filePath, 'utf8')) as T;
}

type CommuneInfo = { name: string; parent: CommuneCode | null };
let communes: Map<string, CommuneInfo> | undefined;
let departements: Map<string, DepartementEntry> | undefined;
let regions: Map<string, RegionEntry> | undefined;

function communeIndex(): Map<string, CommuneInfo> {
  if (communes === undefined) {
    communes = new Map();
    for (const entry of readPackageJson<CommuneEntry[]>('communes.json')) {
      // A commune nouvelle often shares its code with one of its communes déléguées; only current
      // communes and municipal arrondissements are indexed, so the current name wins.
      if (entry.type === 'commune-actuelle') {
        communes.set(entry.code, { name: entry.nom, parent: null });
      } else if (entry.type === 'arrondissement-municipal' && entry.commune !== undefined) {
        communes.set(entry.code, { name: entry.nom, parent: entry.commune as CommuneCode });
      }
    }
  }
  return communes;
}

function departementIndex(): Map<string, DepartementEntry> {
  departements ??= new Map(
    readPackageJson<DepartementEntry[]>('departements.json').map((entry) => [entry.code, entry]),
  );
  return departements;
}

function regionIndex(): Map<string, RegionEntry> {
  regions ??= new Map(readPackageJson<RegionEntry[]>('regions.json').map((entry) => [entry.code, entry]));
  return regions;
}

const MAX_SHOWN = 40;

function shown(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length > MAX_SHOWN ? `${trimmed.slice(0, MAX_SHOWN)}…` : trimmed;
}

const CORSICA_HINT = 'la Corse est codée 2A (Corse-du-Sud) ou 2B (Haute-Corse) depuis 1976';

// Metropolitan département (01–19, 21–95, 2A, 2B) + 3 digits, or overseas 97x/98x + 2 digits.
const COMMUNE_PATTERN = /^(?:(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}|9[78]\d{3})$/;

/** Commune code value object: `CommuneCode.parse('2a004')`. */
export const CommuneCode = {
  /**
   * Checks the shape of a commune code and upper-cases Corsica's letter. Existence is not checked (see
   * the module comment); use `communeName` for that.
   * @param raw e.g. '75056', '2a004', ' 97411 '
   * @returns the normalised code, e.g. '2A004'
   * @throws DomainError `cog.invalid_commune_code` when it is not a COG commune code (including the
   *   obsolete 20xxx codes of Corsica and postal codes of 4 digits)
   * @example CommuneCode.parse('2a004') // '2A004' (Ajaccio)
   */
  parse(raw: string): CommuneCode {
    const code = raw.trim().toUpperCase();
    if (COMMUNE_PATTERN.test(code)) {
      return code as CommuneCode;
    }
    const hint = /^20\d{3}$/.test(code)
      ? ` : ${CORSICA_HINT}.`
      : ' : un code commune INSEE comporte 5 caractères, le code du département puis le numéro de la commune ' +
        '(par exemple 75056 pour Paris, 2A004 pour Ajaccio, 97411 pour Saint-Denis de La Réunion).';
    throw new DomainError(
      'cog.invalid_commune_code',
      `« ${shown(raw)} » n'est pas un code commune valide${hint}`,
      { message: `Malformed COG commune code ${JSON.stringify(shown(raw))}`, details: { value: shown(raw) } },
    );
  },

  /**
   * Non-throwing `parse`.
   * @param raw the value to read
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with `cog.invalid_commune_code`
   */
  tryParse(raw: string): ParseResult<CommuneCode> {
    return tryParse(() => CommuneCode.parse(raw));
  },
};

/**
 * Current COG name of a commune or municipal arrondissement.
 * @param code a parsed commune code
 * @returns e.g. 'Ajaccio' for 2A004, or null when the code is not in the current COG (merged commune…)
 */
export function communeName(code: CommuneCode): string | null {
  return communeIndex().get(code)?.name ?? null;
}

/**
 * The commune a municipal arrondissement belongs to (Paris, Marseille, Lyon).
 * @param code a parsed commune code
 * @returns '75056' for 75101, '13055' for 13201, '69123' for 69381; null for any other code
 */
export function parentCommuneOf(code: CommuneCode): CommuneCode | null {
  return communeIndex().get(code)?.parent ?? null;
}

/**
 * The département (or overseas collectivity) a commune belongs to, read from the code itself.
 * @param code a parsed commune code
 * @returns e.g. '2A' for 2A004, '974' for 97411, '75' for 75101, '01' for 01001
 */
export function departementOfCommune(code: CommuneCode): DepartementCode {
  return (
    code.startsWith('97') || code.startsWith('98') ? code.slice(0, 3) : code.slice(0, 2)
  ) as DepartementCode;
}

/** Département code value object: `DepartementCode.parse('2a')`. */
export const DepartementCode = {
  /**
   * Normalises a département code and checks it against the COG list: 01–95 without 20, 2A, 2B,
   * 971–974 and 976, plus the overseas collectivities INSEE codes in the same place (975, 977, 978, 984,
   * 986–989). A single digit is padded ('1' → '01'), as spreadsheets drop the leading zero.
   * @param raw e.g. '01', '1', '2a', '974'
   * @returns the canonical code
   * @throws DomainError `cog.invalid_departement_code` for anything else, with a hint for '20'
   * @example DepartementCode.parse('2a') // '2A'
   */
  parse(raw: string): DepartementCode {
    let code = raw.trim().toUpperCase();
    if (/^[1-9]$/.test(code)) {
      code = `0${code}`;
    }
    if (departementIndex().has(code)) {
      return code as DepartementCode;
    }
    const hint =
      code === '20'
        ? ` : ${CORSICA_HINT}.`
        : ' : les codes valides vont de 01 à 95, avec 2A et 2B pour la Corse, et de 971 à 976 outre-mer.';
    throw new DomainError(
      'cog.invalid_departement_code',
      `« ${shown(raw)} » n'est pas un code de département valide${hint}`,
      {
        message: `Unknown COG département code ${JSON.stringify(shown(raw))}`,
        details: { value: shown(raw) },
      },
    );
  },

  /**
   * Non-throwing `parse`.
   * @param raw the value to read
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with `cog.invalid_departement_code`
   */
  tryParse(raw: string): ParseResult<DepartementCode> {
    return tryParse(() => DepartementCode.parse(raw));
  },
};

/**
 * COG name of a département.
 * @param code a parsed département code
 * @returns e.g. 'Corse-du-Sud' for 2A, 'La Réunion' for 974
 */
export function departementName(code: DepartementCode): string {
  // DepartementCode.parse only returns listed codes, so the lookup cannot miss.
  return departementIndex().get(code)?.nom ?? '';
}

/**
 * The région a département belongs to.
 * @param code a parsed département code
 * @returns e.g. '94' (Corse) for 2A, '04' (La Réunion) for 974, '11' (Île-de-France) for 75; an overseas
 *   collectivity is its own région in the COG ('975' for 975)
 */
export function regionOfDepartement(code: DepartementCode): RegionCode {
  return (departementIndex().get(code)?.region ?? '') as RegionCode;
}

/** Région code value object: `RegionCode.parse('11')`. */
export const RegionCode = {
  /**
   * Checks a région code against the COG list.
   * @param raw e.g. '11', ' 94 ', '4' (padded to '04')
   * @returns the canonical code
   * @throws DomainError `cog.invalid_region_code` when the COG has no such région
   */
  parse(raw: string): RegionCode {
    let code = raw.trim();
    if (/^[1-9]$/.test(code)) {
      code = `0${code}`;
    }
    if (regionIndex().has(code)) {
      return code as RegionCode;
    }
    throw new DomainError(
      'cog.invalid_region_code',
      `« ${shown(raw)} » n'est pas un code de région valide (par exemple 11 pour l'Île-de-France).`,
      { message: `Unknown COG region code ${JSON.stringify(shown(raw))}`, details: { value: shown(raw) } },
    );
  },

  /**
   * Non-throwing `parse`.
   * @param raw the value to read
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with `cog.invalid_region_code`
   */
  tryParse(raw: string): ParseResult<RegionCode> {
    return tryParse(() => RegionCode.parse(raw));
  },
};

/**
 * COG name of a région.
 * @param code a région code, e.g. from `regionOfDepartement`
 * @returns e.g. 'Corse' for 94, 'Île-de-France' for 11
 */
export function regionName(code: RegionCode): string {
  return regionIndex().get(code)?.nom ?? '';
}
