/* eslint-disable no-console -- start-up messages go to the terminal */
import type { Config } from '../config.ts';
import { openStore } from '../store/database.ts';
import { migrateToLatest } from '../store/migrate.ts';
import { isSeeded, seedFromOpenData } from '../ingest/seed.ts';
import { terminalProgress } from '../ingest/progress.ts';
import { buildApp } from '../http/app.ts';
import { startServer } from '../http/server.ts';
import { formatReport } from './print-report.ts';

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
    console.log(`Premier démarrage : import des données ouvertes de ${config.seedDir}`);
    await seedFromOpenData(store.db, config.seedDir, {
      progress: terminalProgress(),
      onReport: (r) => console.log(formatReport(r, 5).join('\n')),
    });
  }
  const app = await buildApp({ store, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  const shutdown = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const address = await startServer(app, { port: config.port, host: config.host });
  console.log(`Amont est prêt : ${address}`);
}
