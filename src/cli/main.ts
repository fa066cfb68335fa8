/* eslint-disable no-console -- the CLI talks to its user on stdout/stderr */
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { openStore, type Store } from '../store/database.ts';
import { migrateDown, migrateToLatest } from '../store/migrate.ts';
import { terminalProgress } from '../ingest/progress.ts';
import type { ImportReport } from '../ingest/import-run.ts';
import { formatReport, formatSearchRefresh } from './print-report.ts';

/**
 * `amont` command line. Every command opens the store itself: with the embedded store, a command
 * run while the server holds the data folder stops with a clear message (see store/database.ts).
 */
const program = new Command()
  .name('amont')
  .description('Amont : sourcing et achat public amont, sur les données ouvertes françaises.')
  .showHelpAfterError();

async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    owner: { role: 'cli' },
  });
  try {
    await migrateToLatest(store.db);
    return await fn(store);
  } finally {
    await store.close();
  }
}

function printReports(reports: ImportReport[], reportFile: string | undefined): void {
  for (const r of reports) {
    console.log(formatReport(r).join('\n'));
  }
  if (reportFile) {
    fs.writeFileSync(reportFile, JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
    console.log(`Rapport complet écrit dans ${path.resolve(reportFile)}`);
  }
  const failed = reports.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    // A file that could not be read to its end is a failure for scripts too, even if part of it was imported.
    console.error(
      `Erreur : ${failed.map((r) => path.basename(r.file)).join(', ')} n'a pas pu être lu jusqu'au bout.`,
    );
    process.exitCode = 1;
  }
}

program
  .command('serve')
  .description(
    'Démarre le serveur web (port PORT, 3000 par défaut) ; importe les données ouvertes au premier démarrage',
  )
  .action(async () => {
    const { serve } = await import('./serve.ts');
    await serve(loadConfig());
  });

const db = program.command('db').description('Base de données');
db.command('migrate')
  .description('Applique les migrations en attente')
  .action(async () => {
    const config = loadConfig();
    const store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      owner: { role: 'cli' },
    });
    try {
      const { applied } = await migrateToLatest(store.db);
      console.log(
        applied.length
          ? `Migrations appliquées : ${applied.join(', ')}`
          : 'Base à jour : aucune migration en attente.',
      );
    } finally {
      await store.close();
    }
  });
db.command('rollback')
  .description('Annule la dernière migration')
  .action(async () => {
    const config = loadConfig();
    const store = await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      owner: { role: 'cli' },
    });
    try {
      const name = await migrateDown(store.db);
      console.log(name ? `Migration annulée : ${name}` : 'Aucune migration à annuler.');
    } finally {
      await store.close();
    }
  });

const imp = program.command('import').description('Importe un fichier de données ouvertes');
const reportOption = new Option(
  '--report <fichier.json>',
  'écrit le rapport complet (tous les rejets) en JSON',
);

type ImportOptions = { report?: string; encoding?: 'utf8' | 'windows-1252' };

/**
 * Declares `amont import NAME FILE...`: every file is imported in turn in one store session, then the
 * reports are printed (and written with --report); a file read only in part makes the command exit 1.
 */
function importCommand(
  name: string,
  files: string,
  description: string,
  run: (db: Store['db'], file: string, options: ImportOptions) => Promise<ImportReport>,
): Command {
  return imp
    .command(name)
    .argument('<fichiers...>', files)
    .addOption(reportOption)
    .description(description)
    .action(async (paths: string[], options: ImportOptions) => {
      const { refreshSearchIndex, searchClock } = await import('../search/refresh.ts');
      const reports = await withStore(loadConfig(), async (s) => {
        const since = await searchClock(s.db);
        const out: ImportReport[] = [];
        for (const file of paths) {
          out.push(await run(s.db, file, options));
        }
        // Communes move every document's département, région and point: rebuild all of them.
        const full = name === 'communes' && out.some((r) => r.counts.inserted + r.counts.updated > 0);
        console.log(formatSearchRefresh(await refreshSearchIndex(s.db, since, { full })));
        return out;
      });
      printReports(reports, options.report);
    });
}

importCommand(
  'cpv',
  'nomenclature CPV 2008 (CSV CODE,FR)',
  'Importe la nomenclature CPV 2008',
  async (db, file) =>
    (await import('../ingest/cpv/import-cpv.ts')).importCpv(db, file, { progress: terminalProgress() }),
);
importCommand(
  'communes',
  'communes avec coordonnées (CSV, ex. ../shared/data/geo/communes_geo.csv)',
  'Importe les communes du COG avec leur point de référence',
  async (db, file) =>
    (await import('../ingest/cog/import-communes.ts')).importCommunes(db, file, {
      progress: terminalProgress(),
    }),
);
importCommand(
  'decp',
  'fichiers DECP (format 2019 ou 2022, JSON ou XML)',
  'Importe des données essentielles de la commande publique (DECP)',
  async (db, file) =>
    (await import('../ingest/decp/import-decp.ts')).importDecp(db, file, { progress: terminalProgress() }),
);
importCommand(
  'sirene',
  'extraits SIRENE (unités légales ou établissements, CSV)',
  'Importe ou enrichit des fournisseurs depuis un fichier SIRENE (INSEE)',
  async (db, file, options) =>
    (await import('../ingest/sirene/import-sirene.ts')).importSirene(db, file, {
      progress: terminalProgress(),
      encoding: options.encoding,
    }),
).addOption(
  new Option('--encoding <encodage>', "force l'encodage du fichier (détecté sinon)").choices([
    'utf8',
    'windows-1252',
  ]),
);

program
  .command('seed')
  .argument('[dossier]', 'dossier de données ouvertes (par défaut AMONT_SEED_DIR ou ../shared/data)')
  .addOption(reportOption)
  .description('Importe tout un dossier de données ouvertes (CPV, communes, SIRENE, DECP)')
  .action(async (dir: string | undefined, opts: { report?: string }) => {
    const config = loadConfig();
    const seedDir = dir ? path.resolve(dir) : config.seedDir;
    if (!seedDir) {
      throw new DomainError(
        'seed.no_folder',
        'Aucun dossier de données ouvertes : indiquez-en un (amont seed DOSSIER).',
      );
    }
    const { seedFromOpenData } = await import('../ingest/seed.ts');
    const reports = await withStore(config, (s) =>
      seedFromOpenData(s.db, seedDir, {
        progress: terminalProgress(),
        onSearchRefresh: (r) => console.log(formatSearchRefresh(r)),
      }),
    );
    printReports(reports, opts.report);
  });

program
  .command('admin')
  .description('Administration de la plateforme')
  .command('grant')
  .argument('<adresse>', "adresse électronique d'un compte existant")
  .description('Donne le rôle d’administrateur de la plateforme (modération) à un compte')
  .action(async (email: string) => {
    const { grantPlatformAdmin } = await import('../domain/organisations/moderation.ts');
    await withStore(loadConfig(), (s) => grantPlatformAdmin(s.db, email));
    console.log(`${email} administre désormais la plateforme.`);
  });

program
  .command('search')
  .description('Moteur de recherche')
  .command('reindex')
  .description("Reconstruit tout l'index de recherche à partir de la base")
  .action(async () => {
    const { reindexAll } = await import('../search/indexer.ts');
    const report = await withStore(loadConfig(), (s) => reindexAll(s.db));
    console.log(formatSearchRefresh({ scope: 'all', ...report }));
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof DomainError) {
    console.error(`Erreur : ${error.userMessage}`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
