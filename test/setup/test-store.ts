import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openStore, type Store } from '../../src/store/database.ts';
import { adminUrl, TEST_DB_PREFIX, testBackend } from './backend.ts';

/** True when this project's store can be opened (the postgres half needs a server). */
export const storeAvailable: boolean = testBackend === 'pglite' || inject('postgresAvailable');

/**
 * `describe` for tests that need a store: named with the backend, skipped (visibly) when the server
 * half has no server. Inside, call `openTestStore()` in `beforeAll`/`beforeEach`.
 */
export function describeWithStore(name: string, fn: () => void): void {
  describe.skipIf(!storeAvailable)(`${name} [${testBackend}]`, fn);
}

/**
 * Opens a fresh, migrated, empty store of this project's backend, isolated from every other test:
 * an in-memory PGlite loaded from the migrated dump, or a new database cloned from the migrated template.
 * `close()` drops the database on the server.
 */
export async function openTestStore(): Promise<Store> {
  if (testBackend === 'pglite') {
    const dump = fs.readFileSync(inject('pgliteDump'));
    return openStore({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
  }
  const name = `${TEST_DB_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    ...store,
    async close() {
      await store.close();
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}
