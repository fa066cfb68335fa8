import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeWithStore, openTestStore } from '../../test/setup/test-store.ts';
import type { Store } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Every table and column of schema.ts, checked by the compiler (`satisfies`: no column missing, none extra)
 * and compared below with what the migrations really create. A migration without its types fails here.
 */
const declaredColumns = {
  buyers: { created_at: true, name: true, siret: true, siret_valid: true, updated_at: true },
  communes: {
    department_code: true,
    insee_code: true,
    latitude: true,
    longitude: true,
    name: true,
    parent_code: true,
    population: true,
    postal_code: true,
    postal_codes: true,
    region_code: true,
    type: true,
  },
  contract_modifications: {
    amount: true,
    contract_id: true,
    decp_id: true,
    duration_months: true,
    notified_on: true,
    object: true,
    position: true,
    published_on: true,
    raw: true,
    titulaires: true,
  },
  contract_titulaires: {
    contract_id: true,
    identifier: true,
    identifier_type: true,
    name: true,
    position: true,
    supplier_siren: true,
  },
  contracts: {
    amount: true,
    buyer_siret: true,
    ccag: true,
    content_hash: true,
    cpv_code: true,
    created_at: true,
    decp_id: true,
    duration_months: true,
    environmental_considerations: true,
    format: true,
    has_environmental_consideration: true,
    has_social_consideration: true,
    homonym_rank: true,
    id: true,
    initial_amount: true,
    initial_duration_months: true,
    innovative: true,
    kind: true,
    nature: true,
    notified_on: true,
    object: true,
    offers_received: true,
    place_code: true,
    place_name: true,
    place_type: true,
    price_form: true,
    procedure: true,
    published_on: true,
    quality_flags: true,
    raw: true,
    social_considerations: true,
    source: true,
    uid: true,
    updated_at: true,
  },
  cpv_codes: { check_digit: true, code: true, label: true, level: true, parent_code: true },
  establishments: {
    commune_code: true,
    diffusible: true,
    head_office: true,
    name: true,
    postal_code: true,
    siren: true,
    siret: true,
    updated_at: true,
  },
  import_rejections: { excerpt: true, id: true, position: true, reason: true, run_id: true },
  import_runs: {
    counts: true,
    file: true,
    file_sha256: true,
    finished_at: true,
    id: true,
    kind: true,
    started_at: true,
    status: true,
  },
  suppliers: {
    active: true,
    commune_code: true,
    created_at: true,
    created_on: true,
    diffusible: true,
    employee_band: true,
    ess: true,
    head_office_siret: true,
    legal_category: true,
    naf_code: true,
    name: true,
    name_source: true,
    postal_code: true,
    siren: true,
    size_category: true,
    updated_at: true,
  },
  search_documents: {
    commune_code: true,
    contract_count: true,
    contract_objects: true,
    cpv_codes: true,
    cpv_divisions: true,
    cpv_prefixes: true,
    department_code: true,
    ess: true,
    has_contracts: true,
    has_innovative_contract: true,
    id: true,
    indexed_at: true,
    kind: true,
    latitude: true,
    longitude: true,
    naf_code: true,
    naf_label: true,
    name: true,
    region_code: true,
    siren: true,
    size_category: true,
    solution_description: true,
    solution_id: true,
    solution_title: true,
    tsv: true,
    tsv_exact: true,
    tsv_head: true,
  },
  search_lexicon: { ndoc: true, stem: true, word: true },
} satisfies { [T in keyof Database]: Record<keyof Database[T], true> };

describeWithStore('store schema', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('creates exactly the tables and columns that schema.ts declares', async () => {
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
       where table_schema = 'public' and table_name not like 'kysely_%'
       order by table_name, column_name`.execute(store.db);
    const actual: Record<string, string[]> = {};
    for (const r of rows.rows) {
      (actual[r.table_name] ??= []).push(r.column_name);
    }
    const declared = Object.fromEntries(
      Object.entries(declaredColumns).map(([t, cols]) => [t, Object.keys(cols).sort()]),
    );
    expect(actual).toEqual(declared);
  });

  it('folds accents and case the same way on both backends', async () => {
    const r = await sql<{ folded: string; tsv: string }>`
      select amont_fold('ÉCLAIRAGE Cybersécurité') as folded,
             to_tsvector('fr', 'Les capteurs de qualité de l''air')::text as tsv`.execute(store.db);
    expect(r.rows[0]).toEqual({
      folded: 'eclairage cybersecurite',
      tsv: "'air':7 'capteur':2 'le':1 'qualit':4",
    });
  });

  it('returns dates as calendar strings, never shifted', async () => {
    const r = await sql<{ d: string }>`select date '2019-03-31' as d`.execute(store.db);
    expect(r.rows[0]?.d).toBe('2019-03-31');
  });
});
