import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeWithStore, openTestStore } from '../../test/setup/test-store.ts';
import type { Store } from './database.ts';

// The hand-written types in schema.ts must list exactly the columns the migrations create.
const expectedColumns: Record<string, string[]> = {
  cpv_codes: ['check_digit', 'code', 'label', 'level', 'parent_code'],
  communes: [
    'department_code', 'insee_code', 'latitude', 'longitude', 'name', 'parent_code', 'population',
    'postal_code', 'postal_codes', 'region_code', 'type',
  ],
};

describeWithStore('store schema', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates the tables the schema types declare, with the same columns', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
       where table_schema = 'public' and table_name in ('cpv_codes', 'communes')
       order by table_name, column_name`.execute(store.db);
    const byTable: Record<string, string[]> = {};
    for (const r of rows.rows) {
      (byTable[r.table_name] ??= []).push(r.column_name);
    }
    expect(byTable).toEqual(expectedColumns);
  });

  it('folds accents and case the same way on both backends', async () => {
    const r = await sql<{ folded: string; tsv: string }>`
      select amont_fold('ÉCLAIRAGE Cybersécurité') as folded,
             to_tsvector('fr', 'Les capteurs de qualité de l''air')::text as tsv`.execute(store.db);
    expect(r.rows[0]).toEqual({ folded: 'eclairage cybersecurite', tsv: "'air':7 'capteur':2 'le':1 'qualit':4" });
  });

  it('returns dates as calendar strings, never shifted', async () => {
    const r = await sql<{ d: string }>`select date '2019-03-31' as d`.execute(store.db);
    expect(r.rows[0]?.d).toBe('2019-03-31');
  });
});
