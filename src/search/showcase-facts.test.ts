import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../test/setup/test-store.ts';
import { buildContract, buildCpvCode, buildSupplier } from '../../test/factories/index.ts';
import { buildOrganisation, buildSolution } from '../../test/factories/showcase.ts';
import type { Store } from '../store/database.ts';
import type { SupplierRow } from '../store/schema.ts';
import type { Organisation } from '../domain/organisations/index.ts';
import { reindexAll, reindexSuppliers } from './indexer.ts';
import { createPostgresSearchIndex } from './postgres/postgres-search-index.ts';

async function documentOf(store: Store, siren: string) {
  return store.db
    .selectFrom('search_documents')
    .select(['cpv_codes', 'cpv_divisions', 'trl_levels', 'innovation_signals'])
    .where('kind', '=', 'supplier')
    .where('siren', '=', siren)
    .executeTakeFirstOrThrow();
}

async function sirensFound(
  store: Store,
  options: Parameters<ReturnType<typeof createPostgresSearchIndex>['search']>[0],
) {
  const page = await createPostgresSearchIndex(store.db).search(options);
  return page.results.map((r) => r.siren);
}

describeWithStore('published solutions in the search documents', () => {
  let store: Store;

  /** A SIRENE unit with one DECP contract (CPV 72000000), indexed, and its organisation on Amont. */
  async function supplierOnAmont(name: string): Promise<{ unit: SupplierRow; organisation: Organisation }> {
    const unit = await buildSupplier(store.db, { name });
    await buildContract(store.db, {
      titulaires: [unit],
      object: 'Maintenance informatique',
      cpv_code: '72000000',
    });
    const organisation = await buildOrganisation(store.db, { siret: unit.head_office_siret!, name });
    await reindexSuppliers(store.db, [unit.siren]);
    return { unit, organisation };
  }

  beforeAll(async () => {
    store = await openTestStore();
    await buildCpvCode(store.db, { code: '72000000', check_digit: '5' });
    await buildCpvCode(store.db, {
      code: '31520000',
      check_digit: '7',
      label: 'Lampes et appareils d’éclairage',
    });
    await buildSupplier(store.db, { name: 'AUTRE ENTREPRISE' });
    await reindexAll(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('finds a supplier by the words and CPV code of a published solution, not of a draft', async () => {
    const { unit, organisation } = await supplierOnAmont('LUMIÈRES DU BOCAGE');
    await buildSolution(store.db, organisation, {
      title: 'Lampadaires hydroliennes',
      summary: 'Éclairage public autonome.',
      cpv_codes: ['31520000'],
      trl: 8,
      status: 'published',
    });
    await buildSolution(store.db, organisation, { title: 'Projet photobioréacteur', trl: 3 });
    expect(await sirensFound(store, { q: 'hydroliennes' })).toEqual([]);
    await reindexSuppliers(store.db, [unit.siren]);
    expect(await sirensFound(store, { q: 'hydroliennes' })).toEqual([unit.siren]);
    expect(await sirensFound(store, { q: 'photobioréacteur' })).toEqual([]);
    expect(await sirensFound(store, { cpv: ['31520000'] })).toEqual([unit.siren]);
    expect(await documentOf(store, unit.siren)).toEqual({
      cpv_codes: ['31520000', '72000000'],
      cpv_divisions: ['31', '72'],
      trl_levels: [8],
      innovation_signals: [],
    });
  });

  it('carries the innovation signals of the profile, even before any solution is published', async () => {
    const { unit, organisation } = await supplierOnAmont('BREVETS ET CIE');
    await store.db
      .insertInto('supplier_profiles')
      .values({ organisation_id: organisation.id, innovation_signals: ['patent', 'jei'] })
      .execute();
    await reindexSuppliers(store.db, [unit.siren]);
    expect(await documentOf(store, unit.siren)).toEqual({
      cpv_codes: ['72000000'],
      cpv_divisions: ['72'],
      trl_levels: [],
      innovation_signals: ['jei', 'patent'],
    });
  });

  it('filters and counts by TRL and innovation signal, other filters applied, values in order', async () => {
    const a = await supplierOnAmont('ROBOTIQUE AGRICOLE');
    await buildSolution(store.db, a.organisation, { title: 'Robot désherbeur', trl: 9, status: 'published' });
    await buildSolution(store.db, a.organisation, { title: 'Robot vendangeur', trl: 5, status: 'published' });
    await store.db
      .insertInto('supplier_profiles')
      .values({ organisation_id: a.organisation.id, innovation_signals: ['i_lab'] })
      .execute();
    const b = await supplierOnAmont('ROBOTIQUE URBAINE');
    await buildSolution(store.db, b.organisation, { title: 'Robot balayeur', trl: 9, status: 'published' });
    await reindexSuppliers(store.db, [a.unit.siren, b.unit.siren]);
    const search = createPostgresSearchIndex(store.db);

    const robots = await search.search({ q: 'robot' });
    expect(robots.facets.trl.map((v) => [v.value, v.count])).toEqual([
      ['5', 1],
      ['9', 2],
    ]);
    expect(robots.facets.trl[0]?.label).toBe('TRL 5 – technologie validée en environnement représentatif');
    expect(robots.facets.innovation).toEqual([
      { value: 'i_lab', label: 'Lauréat du concours d’innovation i-Lab', count: 1, selected: false },
    ]);

    const mature = await search.search({ q: 'robot', trl: ['5'] });
    expect(mature.results.map((r) => r.siren)).toEqual([a.unit.siren]);
    // The TRL facet keeps counting without its own filter; the innovation facet applies it.
    expect(mature.facets.trl.map((v) => [v.value, v.count, v.selected])).toEqual([
      ['5', 1, true],
      ['9', 2, false],
    ]);
    const laureates = await search.search({ innovation: ['i_lab'] });
    expect(laureates.results.map((r) => r.siren)).toEqual([a.unit.siren]);
    const ignored = await search.search({ q: 'robot', trl: ['12'], innovation: ['licorne'] });
    expect(ignored.total).toBe(2);
    expect(ignored.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['trl.invalid', 'innovation.invalid']),
    );
  });

  it('forgets everything of a suspended organisation at its next reindex', async () => {
    const { unit, organisation } = await supplierOnAmont('MARÉMOTRICE SUSPENDUE');
    await buildSolution(store.db, organisation, {
      title: 'Turbines marémotrices',
      trl: 6,
      status: 'published',
    });
    await reindexSuppliers(store.db, [unit.siren]);
    expect(await sirensFound(store, { q: 'marémotrices' })).toEqual([unit.siren]);
    await store.db
      .updateTable('organisations')
      .set({ status: 'suspended' })
      .where('id', '=', organisation.id)
      .execute();
    await reindexSuppliers(store.db, [unit.siren]);
    expect(await documentOf(store, unit.siren)).toEqual({
      cpv_codes: ['72000000'],
      cpv_divisions: ['72'],
      trl_levels: [],
      innovation_signals: [],
    });
    expect(await sirensFound(store, { q: 'turbines' })).toEqual([]);
  });
});
