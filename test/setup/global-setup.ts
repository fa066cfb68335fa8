import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { adminUrl, TEST_DB_PREFIX } from './backend.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    postgresAvailable: boolean;
    postgresTemplate: string;
  }
}

/**
 * Prepares one migrated store per project, copied by each test file:
 * - pglite: a migrated in-memory PGlite dumped to a tarball (loading it beats re-running initdb);
 * - postgres: a migrated template database, cloned per test file with CREATE DATABASE … TEMPLATE.
 * Without a server the postgres half is skipped with a visible message, unless CI=true where it is required.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (project.name === 'postgres') {
    // One template per run, so that two runs on the same server (a developer's and CI's) never collide.
    const template = `${TEST_DB_PREFIX}template_${process.pid}`;
    const available = await preparePostgresTemplate(template);
    project.provide('pgliteDump', '');
    project.provide('postgresAvailable', available);
    project.provide('postgresTemplate', template);
    return available ? () => dropDatabase(template) : undefined;
  }
  project.provide('postgresAvailable', false);
  project.provide('postgresTemplate', '');
  const dump = await preparePgliteDump();
  project.provide('pgliteDump', dump);
  return async () => fs.rmSync(dump, { force: true });
}

async function preparePgliteDump(): Promise<string> {
  const store = await openStore({ dataDir: 'memory://' });
  await migrateToLatest(store.db);
  const dump = await store.pglite!.dumpDataDir('none');
  await store.close();
  const file = path.join(os.tmpdir(), `amont-test-pglite-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}

async function preparePostgresTemplate(template: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl() });
  try {
    await client.connect();
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true: the PostgreSQL server is required but does not answer at ${adminUrl()}`, {
        cause: error,
      });
    }
    process.stderr.write(
      `\n⚠  PostgreSQL server not reachable at ${adminUrl()}: the "postgres" half of the suite is SKIPPED.\n` +
        '   Start it (see README) or set AMONT_TEST_DATABASE_URL; with CI=true this is an error.\n\n',
    );
    return false;
  }
  try {
    await client.query(`drop database if exists ${template} with (force)`);
    await client.query(`create database ${template}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${template}`;
  const store = await openStore({ databaseUrl: url.toString(), poolSize: 1 });
  await migrateToLatest(store.db);
  await store.close();
  return true;
}

async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
