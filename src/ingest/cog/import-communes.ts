import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import { CommuneCode, DepartementCode, RegionCode, departementOfCommune } from '../../domain/shared/cog.ts';
import { DomainError } from '../../domain/shared/domain-error.ts';
import type { CommunesTable, Database } from '../../store/schema.ts';
import { columnReader, consumeCsv, excerpt, openCsv } from '../csv.ts';
import { ImportRun, type ImportReport } from '../import-run.ts';
import { silentProgress, type Progress } from '../progress.ts';

/**
 * Importer of the communes file `geo/communes_geo.csv` (derived from INSEE's COG 2026, its légal
 * populations and La Poste's postal codes with their reference points; see shared/data/SOURCES.md).
 *
 * Columns: `code_insee, nom, type (COM | ARM | COM_OM), code_parent (ARM → 75056/13055/69123), dep_code,
 * reg_code (empty for COM_OM), code_postal, codes_postaux ('|'-joined), latitude, longitude (WGS84),
 * coord_source, population`. `coord_source` is not stored.
 */

/** Error codes of this importer. */
export type CommunesImportErrorCode = 'communes.unknown_layout';

/** Options of `importCommunes`. */
export interface ImportCommunesOptions {
  progress?: Progress | undefined;
  /** Records per transaction, default 1000. */
  batchSize?: number | undefined;
}

type CommuneRow = Insertable<CommunesTable> & { insee_code: string };

const REQUIRED_COLUMNS = ['code_insee', 'nom', 'type', 'dep_code', 'latitude', 'longitude'];
/** COG types: communes, municipal arrondissements, communes of overseas collectivities, and the
 * communes déléguées / associées INSEE also lists. */
const COMMUNE_TYPES = new Set(['COM', 'ARM', 'COM_OM', 'COMD', 'COMA']);
const DECIMAL = /^-?\d{1,3}(?:\.\d+)?$/;
const POSTAL_CODE = /^\d{5}$/;

/** A record turned into a row, or the French reason it cannot be. */
type Mapped = { ok: true; row: CommuneRow } | { ok: false; reason: string };

function coordinate(raw: string, name: string, limit: number): number | string {
  if (!DECIMAL.test(raw)) {
    return raw === '' ? `${name} manquante` : `${name} « ${raw} » n'est pas un nombre décimal`;
  }
  const value = Number(raw);
  if (Math.abs(value) > limit) {
    return `${name} ${raw} hors de l'intervalle [-${limit}, ${limit}]`;
  }
  return value;
}

function mapRecord(get: (name: string) => string): Mapped {
  const code = CommuneCode.tryParse(get('code_insee'));
  if (!code.ok) {
    return { ok: false, reason: code.error.userMessage };
  }
  const name = get('nom');
  if (name === '') {
    return { ok: false, reason: `La commune ${code.value} n'a pas de nom.` };
  }
  const type = get('type').toUpperCase();
  if (!COMMUNE_TYPES.has(type)) {
    return { ok: false, reason: `Type de commune « ${type} » inconnu (attendu : COM, ARM ou COM_OM).` };
  }
  const department = DepartementCode.tryParse(get('dep_code'));
  if (!department.ok) {
    return { ok: false, reason: department.error.userMessage };
  }
  if (department.value !== departementOfCommune(code.value)) {
    return {
      ok: false,
      reason: `Le département ${department.value} ne correspond pas au code commune ${code.value}.`,
    };
  }
  let parentCode: string | null = null;
  if (get('code_parent') !== '') {
    const parent = CommuneCode.tryParse(get('code_parent'));
    if (!parent.ok) {
      return { ok: false, reason: `Commune parente : ${parent.error.userMessage}` };
    }
    parentCode = parent.value;
  }
  let regionCode: string | null = null;
  if (get('reg_code') !== '') {
    const region = RegionCode.tryParse(get('reg_code'));
    if (!region.ok) {
      return { ok: false, reason: region.error.userMessage };
    }
    regionCode = region.value;
  }
  const postalCodes = get('codes_postaux')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const mainPostalCode = get('code_postal');
  if (mainPostalCode !== '' && !postalCodes.includes(mainPostalCode)) {
    postalCodes.unshift(mainPostalCode);
  }
  const badPostalCode = postalCodes.find((p) => !POSTAL_CODE.test(p));
  if (badPostalCode !== undefined) {
    return { ok: false, reason: `Code postal « ${badPostalCode} » invalide : 5 chiffres attendus.` };
  }
  const latitude = coordinate(get('latitude'), 'latitude', 90);
  if (typeof latitude === 'string') {
    return { ok: false, reason: `Coordonnées de ${code.value} : ${latitude}.` };
  }
  const longitude = coordinate(get('longitude'), 'longitude', 180);
  if (typeof longitude === 'string') {
    return { ok: false, reason: `Coordonnées de ${code.value} : ${longitude}.` };
  }
  let population: number | null = null;
  const rawPopulation = get('population');
  if (rawPopulation !== '') {
    if (!/^\d{1,9}$/.test(rawPopulation)) {
      return {
        ok: false,
        reason: `Population « ${rawPopulation} » invalide : un nombre entier est attendu.`,
      };
    }
    population = Number(rawPopulation);
  }
  return {
    ok: true,
    row: {
      insee_code: code.value,
      name,
      type,
      parent_code: parentCode,
      department_code: department.value,
      region_code: regionCode,
      postal_code: mainPostalCode === '' ? (postalCodes[0] ?? null) : mainPostalCode,
      postal_codes: postalCodes,
      latitude,
      longitude,
      population,
    },
  };
}

/**
 * Imports the communes file into `communes`, idempotently: a second import of the same file counts
 * every record `unchanged` and writes nothing.
 *
 * Each record is checked and rejected with its line and a French reason when: the INSEE code is not a
 * COG commune code (`CommuneCode.parse`), the département is unknown or does not match the code, the
 * région is unknown, a postal code is not 5 digits, a coordinate is missing, not a decimal number or
 * out of range, the population is not an integer. A code listed twice is `duplicate` (first wins).
 * @param db the store
 * @param file path of `communes_geo.csv` (UTF-8, `,`)
 * @param options progress (in bytes read) and batch size
 * @returns the import report
 * @throws DomainError `communes.unknown_layout` (before anything is written) when a required column is missing
 *   and, from the CSV reader, `csv.file_not_found`, `csv.empty_file`
 * @example await importCommunes(db, '../shared/data/geo/communes_geo.csv') // 35 009 inserted on an empty store
 */
export async function importCommunes(
  db: Kysely<Database>,
  file: string,
  options: ImportCommunesOptions = {},
): Promise<ImportReport> {
  const progress = options.progress ?? silentProgress;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 5000));
  const source = await openCsv(file);
  const columns = columnReader(source.header);
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name));
  if (missing.length > 0) {
    source.close();
    throw new DomainError(
      'communes.unknown_layout',
      `Le fichier ${file} n'est pas un fichier de communes reconnu : colonne(s) manquante(s) ${missing.join(', ')}.`,
      { message: `missing columns ${missing.join(', ')} in ${file}`, details: { header: source.header } },
    );
  }
  const run = await ImportRun.start(db, 'communes', file);
  const seen = new Set<string>();
  let batch: CommuneRow[] = [];

  const flush = async () => {
    const rows = batch;
    batch = [];
    await run.commitBatch(async (trx) => {
      const changed = await upsertCommunes(trx, rows);
      for (const row of rows) {
        const outcome = changed.get(row.insee_code);
        run.record(outcome === undefined ? 'unchanged' : outcome ? 'inserted' : 'updated');
      }
    });
    progress.update(source.bytesRead(), run.recordsRead);
  };

  return consumeCsv(db, source, run, {
    label: 'Communes (COG)',
    progress,
    onRow: async (row) => {
      const mapped = mapRecord(row.field);
      if (!mapped.ok) {
        run.reject({ position: row.position, reason: mapped.reason, excerpt: excerpt(row.raw) });
        return;
      }
      if (seen.has(mapped.row.insee_code)) {
        run.record('duplicate');
        return;
      }
      seen.add(mapped.row.insee_code);
      batch.push(mapped.row);
      if (batch.length >= batchSize) {
        await flush();
      }
    },
    onEnd: flush,
  });
}

/**
 * Inserts or updates a batch of communes; rows identical to the stored ones are not touched.
 * @returns INSEE code → true when inserted, false when updated; unchanged codes are absent
 */
async function upsertCommunes(trx: Transaction<Database>, rows: CommuneRow[]): Promise<Map<string, boolean>> {
  if (rows.length === 0) {
    return new Map();
  }
  const result = await trx
    .insertInto('communes')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('insee_code')
        .doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          type: eb.ref('excluded.type'),
          parent_code: eb.ref('excluded.parent_code'),
          department_code: eb.ref('excluded.department_code'),
          region_code: eb.ref('excluded.region_code'),
          postal_code: eb.ref('excluded.postal_code'),
          postal_codes: eb.ref('excluded.postal_codes'),
          latitude: eb.ref('excluded.latitude'),
          longitude: eb.ref('excluded.longitude'),
          population: eb.ref('excluded.population'),
        }))
        .where(
          sql<boolean>`(communes.name, communes.type, communes.parent_code, communes.department_code,
              communes.region_code, communes.postal_code, communes.postal_codes, communes.latitude,
              communes.longitude, communes.population)
            is distinct from (excluded.name, excluded.type, excluded.parent_code, excluded.department_code,
              excluded.region_code, excluded.postal_code, excluded.postal_codes, excluded.latitude,
              excluded.longitude, excluded.population)`,
        ),
    )
    .returning(['insee_code', sql<boolean>`xmax = 0`.as('inserted')])
    .execute();
  return new Map(result.map((r) => [r.insee_code, r.inserted]));
}
