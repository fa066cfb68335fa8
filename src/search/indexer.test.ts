import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeWithStore, openTestStore } from '../../test/setup/test-store.ts';
import { loadSearchFixture, S } from '../../test/fixtures/search/search-fixture.ts';
import type { Store } from '../store/database.ts';
import { reindexAll, reindexSuppliers, type ReindexReport } from './indexer.ts';

function documentOf(store: Store, siren: string) {
  return store.db
    .selectFrom('search_documents')
    .select([
      'kind',
      'name',
      'naf_code',
      'naf_label',
      'contract_objects',
      'cpv_codes',
      'cpv_prefixes',
      'cpv_divisions',
      'commune_code',
      'department_code',
      'region_code',
      'latitude',
      'longitude',
      'size_category',
      'ess',
      'contract_count',
      'has_contracts',
      'has_innovative_contract',
    ])
    .where('siren', '=', siren)
    .executeTakeFirst();
}

describeWithStore('search indexer', () => {
  let store: Store;
  let report: ReindexReport;
  beforeAll(async () => {
    store = await openTestStore();
    await loadSearchFixture(store.db);
    report = await reindexAll(store.db, { batchSize: 7 });
  });
  afterAll(async () => {
    await store.close();
  });

  it('indexes every supplier still active, and builds the typo lexicon', async () => {
    expect(report).toMatchObject({ documents: 19, removed: 0 });
    expect(await documentOf(store, S.closed)).toBeUndefined();
    const words = await store.db
      .selectFrom('search_lexicon')
      .select(['word', 'stem', 'ndoc'])
      .where('word', 'in', ['capteurs', 'vitraux', 'oeuvre', 'l'])
      .orderBy('word')
      .execute();
    expect(words).toEqual([
      { word: 'capteurs', stem: 'capteur', ndoc: 2 },
      { word: 'oeuvre', stem: 'oeuvr', ndoc: 1 },
      { word: 'vitraux', stem: 'vitral', ndoc: 1 },
    ]);
    expect(report.lexiconWords).toBeGreaterThan(100);
  });

  it('builds a supplier document from SIRENE, its contracts, their CPV codes and its commune', async () => {
    expect(await documentOf(store, S.capteursAir)).toEqual({
      kind: 'supplier',
      name: "CAPTEURS DE L'AIR",
      naf_code: '26.51A',
      naf_label: "Fabrication d'équipements d'aide à la navigation",
      // Most recently notified first (2024-09-09, then 2024-02-01).
      contract_objects:
        "Réseau de capteurs pour la surveillance de l'eau potable ; Fourniture de capteurs de qualité de l'air pour les écoles",
      cpv_codes: ['38432000'],
      cpv_prefixes: ['38', '384', '3843', '38432'],
      cpv_divisions: ['38'],
      commune_code: '35238',
      department_code: '35',
      region_code: '53',
      latitude: 48.11168,
      longitude: -1.681869,
      size_category: 'PME',
      ess: false,
      contract_count: 2,
      has_contracts: true,
      has_innovative_contract: true,
    });
  });

  it('keeps only the CPV levels that exist in the hierarchy as prefixes', async () => {
    const doc = await documentOf(store, S.menuiseries);
    expect(doc?.cpv_codes.sort()).toEqual(['45262690', '45421000']);
    // 45262690 → 4526269, 452626, 45262, 4526, 452, 45; 45421000 → 45421, 4542, 454 (never « 4520 »-like zeros).
    expect(doc?.cpv_prefixes).toEqual([
      '45',
      '452',
      '4526',
      '45262',
      '452626',
      '4526269',
      '454',
      '4542',
      '45421',
    ]);
  });

  it('shows no location at all for a supplier that is not diffusible', async () => {
    expect(await documentOf(store, S.discrete)).toMatchObject({
      commune_code: null,
      department_code: null,
      region_code: null,
      latitude: null,
      longitude: null,
      size_category: 'PME',
    });
  });

  it('derives the size class: TPE under 10 salariés, else SIRENE categorieEntreprise', async () => {
    const sizes = await store.db
      .selectFrom('search_documents')
      .select(['siren', 'size_category'])
      .where('siren', 'in', [
        S.vergerOranges,
        S.velosEstuaire,
        S.atelierVitrail,
        S.datamind,
        S.tpReunion,
        S.decpOnly,
      ])
      .orderBy('siren')
      .execute();
    expect(Object.fromEntries(sizes.map((row) => [row.siren, row.size_category]))).toEqual({
      [S.vergerOranges]: 'TPE', // PME with 1 or 2 salariés
      [S.velosEstuaire]: 'TPE', // no category, 6 to 9 salariés
      [S.atelierVitrail]: 'TPE', // NN: no salarié
      [S.datamind]: 'ETI',
      [S.tpReunion]: 'GE',
      [S.decpOnly]: null, // known from DECP only
    });
  });

  it('places an arrondissement and an overseas commune in their COG département and région', async () => {
    expect(await documentOf(store, S.iaPublique)).toMatchObject({
      commune_code: '69381',
      department_code: '69',
      region_code: '84',
    });
    expect(await documentOf(store, S.tpReunion)).toMatchObject({ department_code: '974', region_code: '04' });
  });

  it('weights the vectors: A for the name, B for the activity, C for contract objects', async () => {
    const row = await sql<{ tsv: string; head: string; exact: string }>`
      select tsv::text as tsv, tsv_head::text as head, tsv_exact::text as exact
        from search_documents where siren = ${S.stMaloNautique}`.execute(store.db);
    expect(row.rows[0]).toEqual({
      tsv:
        "'bateau':6B 'construct':4B 'entretien':9C 'malo':2A 'nautiqu':3A 'plaisanc':8B,15C 'ponton':11C " +
        "'port':13C 'st':1A",
      head: "'bateau':6B 'construct':4B 'malo':2A 'nautiqu':3A 'plaisanc':8B 'st':1A",
      // Unstemmed, stop words kept: the exact-token vector.
      exact:
        "'bateaux':6B 'construction':4B 'de':5B,7B,14C 'des':10C 'du':12C 'entretien':9C 'malo':2A " +
        "'nautique':3A 'plaisance':8B,15C 'pontons':11C 'port':13C 'st':1A",
    });
  });
});

describeWithStore('search indexer after an import', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    await loadSearchFixture(store.db);
    await reindexAll(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('rebuilds the documents of the suppliers an import touched, and drops a supplier that closed', async () => {
    const buyer = 'COMMUNE DE RENNES';
    const contract = await store.db
      .insertInto('contracts')
      .values({
        buyer_siret: '21350238800019',
        decp_id: '2025-001',
        kind: 'marche',
        format: 'decp-2022',
        object: 'Fresque murale pour la médiathèque',
        cpv_code: '92310000',
        notified_on: '2025-01-15',
        innovative: true,
        content_hash: 'f'.repeat(64),
        raw: JSON.stringify({ acheteur: buyer }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto('contract_titulaires')
      .values({ contract_id: contract.id, position: 0, supplier_siren: S.coeurOeuvre })
      .execute();
    await store.db
      .updateTable('suppliers')
      .set({ active: false })
      .where('siren', '=', S.ludikParcs)
      .execute();

    const report = await reindexSuppliers(store.db, [S.coeurOeuvre, S.ludikParcs, 'not-a-siren']);
    expect(report).toMatchObject({ documents: 1, removed: 1 });
    expect(await documentOf(store, S.coeurOeuvre)).toMatchObject({
      contract_objects: 'Fresque murale pour la médiathèque',
      cpv_codes: ['92310000'],
      cpv_prefixes: ['92', '923', '9231'],
      cpv_divisions: ['92'],
      contract_count: 1,
      has_contracts: true,
      has_innovative_contract: true,
    });
    expect(await documentOf(store, S.ludikParcs)).toBeUndefined();
    const fresque = await store.db
      .selectFrom('search_lexicon')
      .select('ndoc')
      .where('word', '=', 'fresque')
      .executeTakeFirst();
    expect(fresque).toEqual({ ndoc: 1 });
  });
});

describeWithStore('search indexer without reference tables', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
    await loadSearchFixture(store.db, { withReferences: false });
  });
  afterAll(async () => {
    await store.close();
  });

  it('takes the département and région from the COG bundled with the app, and leaves the point empty', async () => {
    await reindexAll(store.db);
    expect(await documentOf(store, S.cyberBretagne)).toMatchObject({
      commune_code: '22278',
      department_code: '22',
      region_code: '53',
      latitude: null,
      longitude: null,
    });
  });
});
