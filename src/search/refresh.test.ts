import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../test/setup/test-store.ts';
import { importDecp } from '../ingest/decp/import-decp.ts';
import type { Store } from '../store/database.ts';
import { createPostgresSearchIndex } from './postgres/postgres-search-index.ts';
import { ensureSearchIndex, refreshSearchIndex, searchClock, suppliersTouchedSince } from './refresh.ts';

const FIXTURES = new URL('../../test/fixtures/decp/', import.meta.url);
const MODIFICATIONS = new URL('modifications-2019.json', FIXTURES).pathname;
const HOMONYMS = new URL('homonyms-2019.json', FIXTURES).pathname;

/** The titulaires' SIRENs of the contracts a DECP fixture file declares (ids read from the file). */
async function titulairesOf(store: Store, file: string): Promise<string[]> {
  const ids = (JSON.parse(fs.readFileSync(file, 'utf8')) as { marches: { id: string }[] }).marches.map(
    (m) => m.id,
  );
  const rows = await store.db
    .selectFrom('contract_titulaires as t')
    .innerJoin('contracts as c', 'c.id', 't.contract_id')
    .select('t.supplier_siren')
    .distinct()
    .where('c.decp_id', 'in', ids)
    .where('t.supplier_siren', 'is not', null)
    .orderBy('t.supplier_siren')
    .execute();
  return rows.map((r) => r.supplier_siren ?? '');
}

async function indexedSirens(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('search_documents').select('siren').orderBy('siren').execute();
  return rows.map((r) => r.siren);
}

describeWithStore('search index refresh after imports', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  // One test: each step depends on what the previous one imported (tests are shuffled).
  it('builds the index once, then rewrites only what each import touched', async () => {
    expect(await ensureSearchIndex(store.db)).toBeNull(); // empty store: nothing to build

    // First import: the index is empty while suppliers exist, so everything is built.
    const since = await searchClock(store.db);
    await importDecp(store.db, MODIFICATIONS);
    const refresh = await refreshSearchIndex(store.db, since);
    const suppliers = await store.db.selectFrom('suppliers').select('siren').orderBy('siren').execute();
    expect(refresh.scope).toBe('all');
    expect(refresh.documents).toBe(suppliers.length);
    expect(await indexedSirens(store)).toEqual(suppliers.map((s) => s.siren));

    // Second import: only the titulaires of its contracts are rewritten, and their objects are searchable.
    const before = await store.db
      .selectFrom('search_documents')
      .select(['siren', 'indexed_at'])
      .orderBy('siren')
      .execute();
    const sinceSecond = await searchClock(store.db);
    await importDecp(store.db, HOMONYMS);
    const touched = await suppliersTouchedSince(store.db, sinceSecond);
    expect(touched).toEqual(await titulairesOf(store, HOMONYMS));

    const second = await refreshSearchIndex(store.db, sinceSecond);
    expect(second).toMatchObject({ scope: 'suppliers', documents: touched.length, removed: 0 });
    const after = await store.db
      .selectFrom('search_documents')
      .select(['siren', 'indexed_at'])
      .orderBy('siren')
      .execute();
    const untouched = before.filter((d) => !touched.includes(d.siren));
    expect(untouched.length).toBeGreaterThan(0);
    for (const doc of untouched) {
      expect(after.find((d) => d.siren === doc.siren)?.indexed_at).toEqual(doc.indexed_at);
    }

    const page = await createPostgresSearchIndex(store.db).search({ q: 'rénovation école' });
    expect(page.total).toBeGreaterThan(0);
    for (const result of page.results) {
      expect(touched).toContain(result.siren);
    }

    // The same file again, unchanged: nothing touched, nothing rewritten.
    const sinceThird = await searchClock(store.db);
    await importDecp(store.db, HOMONYMS);
    expect(await suppliersTouchedSince(store.db, sinceThird)).toEqual([]);
    expect(await refreshSearchIndex(store.db, sinceThird)).toMatchObject({
      scope: 'suppliers',
      documents: 0,
    });
  });

  it('rebuilds everything when asked (communes changed)', async () => {
    const refresh = await refreshSearchIndex(store.db, await searchClock(store.db), { full: true });
    expect(refresh.scope).toBe('all');
    expect(refresh.documents).toBe((await indexedSirens(store)).length);
  });
});
