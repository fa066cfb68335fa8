import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore, type Store } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import pg from 'pg';
import { adminUrl, testBackend } from '../../test/setup/backend.ts';
import { openTestStore } from '../../test/setup/test-store.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

// The embedded store's folder lock only concerns PGlite; the server half has nothing to lock.
describe.skipIf(testBackend !== 'pglite')('embedded store data folder', () => {
  const opened: Store[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of opened.splice(0)) {
      await s.close();
    }
    for (const d of dirs.splice(0)) {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-store-'));
    dirs.push(d);
    return d;
  };

  it('keeps committed rows across a close and a reopen', async () => {
    const dir = tempDir();
    const first = await openStore({ dataDir: dir });
    await migrateToLatest(first.db);
    await first.db
      .insertInto('buyers')
      .values({ siret: '28850001000013', name: 'SDIS de la Vendée' })
      .execute();
    await first.close();
    const again = await openStore({ dataDir: dir });
    opened.push(again);
    const row = await again.db.selectFrom('buyers').selectAll().executeTakeFirstOrThrow();
    expect(row.name).toBe('SDIS de la Vendée');
    expect(fs.existsSync(path.join(dir, 'pg', 'PG_VERSION'))).toBe(true);
  });

  it('refuses a second opener in the same process, naming the server that holds it', async () => {
    const dir = tempDir();
    opened.push(await openStore({ dataDir: dir, owner: { role: 'server', port: 3999 } }));
    await expect(openStore({ dataDir: dir })).rejects.toMatchObject({
      code: 'store.locked',
      userMessage: expect.stringContaining(`le serveur Amont (processus ${process.pid}, port 3999)`),
    });
  });

  it('takes over at once a lock left by a process that died (crash, kill -9)', async () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    expect(dead).toBeGreaterThan(0);
    fs.writeFileSync(
      path.join(dir, 'amont.lock'),
      JSON.stringify({
        pid: dead,
        hostname: os.hostname(),
        role: 'server',
        port: 3997,
        since: '2026-11-30T00:00:00Z',
      }),
    );
    const store = await openStore({ dataDir: dir });
    opened.push(store);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'amont.lock'), 'utf8')) as {
      pid: number;
      role: string;
    };
    expect(lock).toMatchObject({ pid: process.pid, role: 'cli' });
  });

  it('stops the CLI with a clear message while the server holds the folder, and lets it run after', async () => {
    const dir = tempDir();
    const server = await openStore({ dataDir: dir, owner: { role: 'server', port: 3998 } });
    const cli = run(process.execPath, [path.join(repoRoot, 'bin/amont.js'), 'db', 'migrate'], {
      cwd: repoRoot,
      env: { ...process.env, AMONT_DATA_DIR: dir, DATABASE_URL: '' },
    });
    await expect(cli).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('est déjà ouvert par le serveur Amont'),
    });
    await server.close();
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin/amont.js'), 'db', 'migrate'], {
      cwd: repoRoot,
      env: { ...process.env, AMONT_DATA_DIR: dir, DATABASE_URL: '' },
    });
    expect(stdout).toContain('Migrations appliquées : 20261130000000_create-reference-tables');
  });
});

describe.skipIf(testBackend !== 'postgres')('server store connections', () => {
  it('survives the server closing an idle connection, and reconnects on the next query', async () => {
    const store = await openTestStore();
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
      const admin = new pg.Client({ connectionString: adminUrl() });
      await admin.connect();
      try {
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      } finally {
        await admin.end();
      }
      // Let the pool receive the termination of its idle connection (unhandled, it would crash the run).
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(store.db);
      expect(again.rows[0]!.pid).not.toBe(rows[0]!.pid);
    } finally {
      await store.close();
    }
  });
});
