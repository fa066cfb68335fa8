import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { importCpv } from './cpv/import-cpv.ts';
import { importCommunes } from './cog/import-communes.ts';
import { importDecp } from './decp/import-decp.ts';
import { importSirene } from './sirene/import-sirene.ts';
import type { ImportReport } from './import-run.ts';
import type { Progress } from './progress.ts';
import { refreshSearchIndex, searchClock, type SearchRefresh } from '../search/refresh.ts';

/** The files of an open-data folder laid out like ../shared/data, grouped by importer. */
export interface SeedFiles {
  cpv: string[];
  communes: string[];
  sirene: string[];
  decp: string[];
  /** How many files in all (0 when the folder is missing or holds nothing importable). */
  total: number;
}

/**
 * Finds the files to import in an open-data folder laid out like `../shared/data`:
 * `cpv/cpv_2008.csv`, `geo/communes_geo.csv`, every `sirene/*.csv`, and every DECP data file
 * (`decp/**` `.json`/`.xml`) except `decp/schema/` (schemas, not data) and `decp/examples-*`
 * (the fictional examples of the official format: fictional buyers have no place in a public directory).
 * @param seedDir absolute path of the folder
 */
export function findSeedFiles(seedDir: string): SeedFiles {
  const existing = (p: string) => (fs.existsSync(p) ? [p] : []);
  const listDir = (dir: string, exts: string[]): string[] => {
    if (!fs.existsSync(dir)) {
      return [];
    }
    return (
      fs
        .readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((e) => exts.includes(path.extname(e.name).toLowerCase()))
        .map((e) => path.join(e.parentPath, e.name))
        // statSync follows symbolic links: a folder of links to the data files works too.
        .filter((p) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true)
        .filter((p) => {
          const rel = path.relative(dir, p).split(path.sep);
          return rel[0] !== 'schema' && !rel[0]?.startsWith('examples');
        })
        .sort()
    );
  };
  const files = {
    cpv: existing(path.join(seedDir, 'cpv', 'cpv_2008.csv')),
    communes: existing(path.join(seedDir, 'geo', 'communes_geo.csv')),
    sirene: listDir(path.join(seedDir, 'sirene'), ['.csv']),
    decp: listDir(path.join(seedDir, 'decp'), ['.json', '.xml']),
  };
  return { ...files, total: Object.values(files).reduce((n, list) => n + list.length, 0) };
}

/** True once a seed ran to its end in this store (a `seed` run with status `done`). */
export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('import_runs')
    .select('id')
    .where('kind', '=', 'seed')
    .where('status', '=', 'done')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Imports an open-data folder: CPV first (DECP codes are checked against it), communes, SIRENE, then
 * DECP. Every importer is idempotent, so an interrupted seed is simply run again. The search index is then
 * brought up to date (fully when communes changed, else the suppliers touched), and a `seed` run marks the
 * end so that later starts skip it.
 * @param onReport called after each file with its report
 * @param onSearchRefresh called once the search index is up to date
 * @returns the reports, in import order
 * @throws DomainError `seed.nothing_to_import` when the folder is missing or holds no importable file
 *   (the store is then not marked as seeded, so a later start with the right folder imports it)
 */
export async function seedFromOpenData(
  db: Kysely<Database>,
  seedDir: string,
  options: {
    progress: Progress;
    onReport?: (report: ImportReport) => void;
    onSearchRefresh?: (refresh: SearchRefresh) => void;
  },
): Promise<ImportReport[]> {
  const files = findSeedFiles(seedDir);
  if (files.total === 0) {
    throw new DomainError(
      'seed.nothing_to_import',
      `Aucun fichier de données ouvertes à importer dans ${seedDir} (attendus : cpv/cpv_2008.csv, geo/communes_geo.csv, sirene/*.csv, decp/**/*.json|xml).`,
    );
  }
  const since = await searchClock(db);
  const reports: ImportReport[] = [];
  const done = (r: ImportReport) => {
    reports.push(r);
    options.onReport?.(r);
  };
  for (const f of files.cpv) {
    done(await importCpv(db, f, { progress: options.progress }));
  }
  for (const f of files.communes) {
    done(await importCommunes(db, f, { progress: options.progress }));
  }
  for (const f of files.sirene) {
    done(await importSirene(db, f, { progress: options.progress }));
  }
  for (const f of files.decp) {
    done(await importDecp(db, f, { progress: options.progress }));
  }
  const communesChanged = reports.some(
    (r) => r.kind === 'communes' && r.counts.inserted + r.counts.updated > 0,
  );
  options.onSearchRefresh?.(await refreshSearchIndex(db, since, { full: communesChanged }));
  await db
    .insertInto('import_runs')
    .values({ kind: 'seed', file: seedDir, status: 'done', finished_at: new Date() })
    .execute();
  return reports;
}
