import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';

/**
 * The real open data the benchmark corpus is built from, read from the shared data folder
 * (`AMONT_SHARED_DATA`, default `../shared/data`, see ../../test/setup/shared-data.ts):
 * - `cpv/cpv_2008.csv`: the CPV 2008 codes and French labels;
 * - `geo/communes_geo.csv`: COG communes with their reference point and population;
 * - `decp/real-v1-2019/*.json`: the objects (`objet`) and CPV codes (`codeCPV`) of 6,127 real contracts;
 * - the NAF rév. 2 sub-classes and labels (`@socialgouv/codes-naf`, as the product uses them).
 */

/** A CPV code (8 digits, no check digit) and its French label. */
export interface CpvEntry {
  code: string;
  label: string;
}

/** A commune that can be a head office: COG code, département, région, point, population. */
export interface CommuneEntry {
  code: string;
  name: string;
  department: string;
  region: string | null;
  latitude: number;
  longitude: number;
  population: number;
}

/** A real DECP contract object with its CPV code (8 digits). */
export interface DecpObject {
  object: string;
  cpv: string;
}

/** A NAF rév. 2 sub-class ('62.01Z') and its label. */
export interface NafEntry {
  code: string;
  label: string;
}

/** Everything the generator reads. */
export interface OpenData {
  cpv: CpvEntry[];
  communes: CommuneEntry[];
  decp: DecpObject[];
  naf: NafEntry[];
}

/** Communes whose arrondissements are listed too (their population would count twice). */
const CITIES_WITH_ARRONDISSEMENTS = new Set(['75056', '13055', '69123']);
const DECP_FILES = ['marches-publics.info.json', 'data.gouv.fr_pes.json', 'e-marchespublics.json'];

function readCsv(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}

function readCpv(root: string): CpvEntry[] {
  return readCsv(path.join(root, 'cpv', 'cpv_2008.csv')).map((row) => ({
    code: (row.CODE ?? '').slice(0, 8),
    label: row.FR ?? '',
  }));
}

function readCommunes(root: string): CommuneEntry[] {
  return readCsv(path.join(root, 'geo', 'communes_geo.csv'))
    .filter((row) => row.type !== 'COM_OM' && !CITIES_WITH_ARRONDISSEMENTS.has(row.code_insee ?? ''))
    .map((row) => ({
      code: row.code_insee ?? '',
      name: row.nom ?? '',
      department: row.dep_code ?? '',
      region: row.reg_code || null,
      latitude: Number(row.latitude),
      longitude: Number(row.longitude),
      population: Number(row.population) || 0,
    }));
}

/** Objects as published, HTML line breaks and runs of spaces removed; invalid CPV codes dropped. */
function readDecp(root: string, cpvCodes: Set<string>): DecpObject[] {
  const objects: DecpObject[] = [];
  for (const name of DECP_FILES) {
    const file = path.join(root, 'decp', 'real-v1-2019', name);
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      marches?: { objet?: unknown; codeCPV?: unknown }[];
    };
    for (const contract of json.marches ?? []) {
      const object =
        typeof contract.objet === 'string'
          ? contract.objet
              .replace(/<[^>]*>/g, ' ')
              .replace(/\s+/g, ' ')
              .trim()
          : '';
      const cpv = typeof contract.codeCPV === 'string' ? contract.codeCPV.slice(0, 8) : '';
      if (object.length >= 8 && cpvCodes.has(cpv)) {
        objects.push({ object, cpv });
      }
    }
  }
  return objects;
}

function readNaf(): NafEntry[] {
  const require = createRequire(import.meta.url);
  const entries = require('@socialgouv/codes-naf/index.json') as { id: string; label: string }[];
  return entries
    .filter((entry) => /^\d{2}\.\d{2}[A-Z]$/.test(entry.id))
    .map((entry) => ({ code: entry.id, label: entry.label }));
}

/**
 * Reads the open data.
 * @param root the shared data folder
 * @returns the lists, in file order
 * @throws Error naming the folder when a file is missing
 */
export function readOpenData(root: string): OpenData {
  for (const file of ['cpv/cpv_2008.csv', 'geo/communes_geo.csv', 'decp/real-v1-2019']) {
    if (!fs.existsSync(path.join(root, file))) {
      throw new Error(
        `${path.join(root, file)} is missing: set AMONT_SHARED_DATA or --data to the open-data folder`,
      );
    }
  }
  const cpv = readCpv(root);
  return {
    cpv,
    communes: readCommunes(root),
    decp: readDecp(root, new Set(cpv.map((entry) => entry.code))),
    naf: readNaf(),
  };
}
