import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from './domain/shared/domain-error.ts';

/** Runtime configuration, read once from the environment. All settings are documented in README.md. */
export interface Config {
  /** HTTP port (`PORT`, default 3000). */
  port: number;
  /** HTTP host (`HOST`, default 127.0.0.1; set 0.0.0.0 in a container). */
  host: string;
  /** PostgreSQL server URL (`DATABASE_URL`); when unset the embedded PGlite store is used. */
  databaseUrl: string | undefined;
  /** Embedded store folder (`AMONT_DATA_DIR`, default `./var`). */
  dataDir: string;
  /**
   * Open-data folder imported on the first start (`AMONT_SEED_DIR`; default `../shared/data` when it
   * exists; `AMONT_SEED_DIR=none` disables seeding).
   */
  seedDir: string | undefined;
}

/**
 * Reads the configuration from environment variables.
 * @param env usually `process.env`
 * @returns the resolved configuration; paths are absolute
 * @throws DomainError `config.invalid_port` when PORT is not an integer in 0..65535
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defaultSeed = path.resolve('../shared/data');
  let seedDir: string | undefined;
  if (env.AMONT_SEED_DIR === 'none') {
    seedDir = undefined;
  } else if (env.AMONT_SEED_DIR) {
    seedDir = path.resolve(env.AMONT_SEED_DIR);
  } else if (fs.existsSync(defaultSeed)) {
    seedDir = defaultSeed;
  }
  return {
    port: parsePort(env.PORT),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.AMONT_DATA_DIR ?? './var'),
    seedDir,
  };
}

function parsePort(raw: string | undefined): number {
  const value = (raw ?? '3000').trim();
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new DomainError(
      'config.invalid_port',
      `PORT doit être un numéro de port entre 0 et 65535 (reçu « ${value} »).`,
    );
  }
  return port;
}
