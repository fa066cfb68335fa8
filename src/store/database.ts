import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { Database } from './schema.ts';

// `date` columns stay 'YYYY-MM-DD' strings: turning them into JS Dates (local midnight) shifts the day
// in any zone west of UTC. Applies to both backends (PGlite goes through the same `pg` client).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Backend = 'pglite' | 'postgres';

/** An open store: the Kysely instance and how to close it (and release the data-folder lock). */
export interface Store {
  db: Kysely<Database>;
  backend: Backend;
  /** Where the data lives: the data folder (PGlite) or the server URL without password. */
  location: string;
  /** The embedded engine, when `backend` is 'pglite' (used to dump a data folder in tests). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** PostgreSQL server URL; when set, the embedded store is not used. */
  databaseUrl?: string | undefined;
  /** Embedded store folder; `memory://` for an in-memory PGlite (tests). Default `./var`. */
  dataDir?: string | undefined;
  /** PGlite only: a data-folder dump (from `PGlite.dumpDataDir`) to start from (tests). */
  loadDataDir?: Blob | File | undefined;
  /** Who holds the lock, written beside it so that a second process can say who blocks it. */
  owner?: { role: 'server' | 'cli'; port?: number } | undefined;
  /** Pool size on the server backend. */
  poolSize?: number | undefined;
}

/** What the lock file holds: which process has the embedded store open. */
interface LockOwner {
  pid: number;
  hostname: string;
  role: 'server' | 'cli';
  port?: number;
  since: string;
}

const LOCK_FILE = 'amont.lock';

/**
 * Opens the store: a PostgreSQL server when `databaseUrl` is set, otherwise PGlite in `dataDir`.
 *
 * Only one process may open an embedded data folder: PGlite has no lock of its own and a second writer's
 * rows are silently lost (../shared/docs/stack-notes.md §2). The folder is locked here.
 * @throws DomainError `store.locked` when another process holds the data folder (message says which)
 * @throws DomainError `store.unreachable` when the server does not answer
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  if (options.databaseUrl) {
    return openServerStore(options.databaseUrl, options.poolSize ?? 10);
  }
  return openEmbeddedStore(options);
}

async function openServerStore(databaseUrl: string, poolSize: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection that the server closes (a restart, a failover, `pg_terminate_backend`, a database
  // dropped WITH (FORCE)) is reported on the pool; unhandled, that event would end the whole process. The pool
  // has already discarded the connection and opens a new one on the next query, so it is only worth a line.
  pool.on('error', (error: Error & { code?: string }) => {
    process.stderr.write(
      `PostgreSQL a fermé une connexion inactive (${error.code ?? 'sans code'}) : elle sera rouverte au besoin.\n`,
    );
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DomainError('store.unreachable', 'Le serveur PostgreSQL ne répond pas.', {
      message: `cannot connect to ${redact(databaseUrl)}: ${String(error)}`,
      cause: error,
    });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // Kysely ends the pool only if it ran a query; end it here too, or the idle client of the check above
  // stays open (and dies noisily when its database is dropped).
  const close = async () => {
    await db.destroy();
    if (!pool.ended) {
      await pool.end();
    }
  };
  return { db, backend: 'postgres', location: redact(databaseUrl), close };
}

async function openEmbeddedStore(options: StoreOptions): Promise<Store> {
  const dataDir = options.dataDir ?? './var';
  const inMemory = dataDir.startsWith('memory://');
  let release: (() => Promise<void>) | undefined;
  let pgDir = dataDir;
  if (!inMemory) {
    const root = path.resolve(dataDir);
    fs.mkdirSync(root, { recursive: true });
    release = await lockDataDir(root, options.owner ?? { role: 'cli' });
    pgDir = path.join(root, 'pg');
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: pgDir,
      extensions: { unaccent, pg_trgm },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    await release?.();
    throw error;
  }
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    backend: 'pglite',
    location: inMemory ? dataDir : path.resolve(dataDir),
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      await release?.();
    },
  };
}

/**
 * Takes the data folder's lock: a file created exclusively (`wx`) that names the holder's process.
 * A lock left by a process that no longer runs on this machine (crash, `kill -9`) is taken over at once;
 * a live holder — even one paused or busy for minutes — keeps it, so there is never a second writer.
 * (A time-based lock would go stale while PGlite blocks the event loop, and let a second writer in.)
 */
async function lockDataDir(
  root: string,
  owner: Pick<LockOwner, 'role' | 'port'>,
): Promise<() => Promise<void>> {
  const lockPath = path.join(root, LOCK_FILE);
  const info: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    since: new Date().toISOString(),
    ...owner,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: 'wx' });
      return async () => {
        // Remove only our own lock, never one another process took over.
        if (readOwner(lockPath)?.pid === process.pid) {
          fs.rmSync(lockPath, { force: true });
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    const holder = readOwner(lockPath);
    if (holder === null) {
      // Unreadable: being written this very moment, or truncated by a crash. Give a writer time to finish.
      const age = Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < 2_000) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (holder.hostname === os.hostname() && !processIsAlive(holder.pid)) {
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    throw lockedError(root, holder);
  }
  throw lockedError(root, readOwner(lockPath));
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
    return typeof parsed.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

function lockedError(root: string, owner: LockOwner | null): DomainError {
  const who =
    owner?.role === 'server'
      ? `le serveur Amont (processus ${owner.pid}${owner.port ? `, port ${owner.port}` : ''})`
      : owner
        ? `une autre commande amont (processus ${owner.pid})`
        : 'un autre processus';
  return new DomainError(
    'store.locked',
    `Le dossier de données ${root} est déjà ouvert par ${who}. ` +
      'Un seul processus peut écrire dans la base embarquée : arrêtez-le avant de relancer cette commande, ' +
      'ou utilisez un serveur PostgreSQL (DATABASE_URL).',
    { message: `data folder ${root} is locked`, details: { owner } },
  );
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) {
      u.password = '***';
    }
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
