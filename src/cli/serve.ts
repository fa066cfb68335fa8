/* eslint-disable no-console -- start-up messages go to the terminal */
import type { Config } from '../config.ts';
import { openStore } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { findSeedFiles, isSeeded, seedFromOpenData } from '../ingest/seed.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { terminalProgress } from '../ingest/progress.ts';
import { buildApp } from '../http/app.ts';
import { DiskStorage } from '../storage/index.ts';
import { accountsFromConfig } from './accounts-setup.ts';
import { startServer } from '../http/server.ts';
import { formatReport, formatSearchRefresh } from './print-report.ts';
import { ensureSearchIndex } from '../search/refresh.ts';

/**
 * Starts Amont: opens the store (holding the embedded data folder's lock for the server's lifetime),
 * migrates, imports the open-data folder on the first start, then listens.
 */
export async function serve(config: Config): Promise<void> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    owner: { role: 'server', port: config.port },
  });
  console.log(`Base : ${store.backend} (${store.location})`);
  const { applied } = await migrateToLatest(store.db);
  if (applied.length > 0) {
    console.log(`Migrations appliquées : ${applied.length}`);
  }
  if (config.seedDir && !(await isSeeded(store.db))) {
    if (findSeedFiles(config.seedDir).total === 0) {
      console.warn(
        `Attention : aucun fichier de données ouvertes dans ${config.seedDir} (dossier absent ou vide). ` +
          "L'annuaire démarre vide ; corrigez AMONT_SEED_DIR ou lancez « amont seed DOSSIER ».",
      );
    } else {
      console.log(`Premier démarrage : import des données ouvertes de ${config.seedDir}`);
      await seedFromOpenData(store.db, config.seedDir, {
        progress: terminalProgress(),
        onReport: (r) => console.log(formatReport(r, 5).join('\n')),
        onSearchRefresh: (r) => console.log(formatSearchRefresh(r)),
      });
    }
  }
  // A data folder seeded before the search engine existed: build its index once.
  const built = await ensureSearchIndex(store.db);
  if (built !== null) {
    console.log(formatSearchRefresh({ scope: 'all', ...built }));
  }
  const accounts = accountsFromConfig(config);
  accounts.startupLines.forEach((line) => console.log(line));
  const app = await buildApp({
    store,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    accounts: accounts.options,
    uploads: { storage: new DiskStorage(config.uploadsDir), maxBytes: config.uploadMaxBytes },
  });
  const shutdown = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  let address: string;
  try {
    address = await startServer(app, { port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    await store.close();
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `le port ${config.port} est déjà utilisé par un autre programme (choisissez-en un autre avec PORT=…)`
        : code === 'EACCES'
          ? `le port ${config.port} est réservé (choisissez un port au-dessus de 1024 avec PORT=…)`
          : String(error);
    throw new DomainError(
      'server.listen_failed',
      `Amont ne peut pas écouter sur ${config.host}:${config.port} : ${why}.`,
      {
        cause: error,
      },
    );
  }
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  console.log(`Amont est prêt : ${address}`);
}
