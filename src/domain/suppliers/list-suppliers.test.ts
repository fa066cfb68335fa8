import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommune, buildContract, buildSupplier } from '../../../test/factories/index.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import type { SupplierRow } from '../../store/schema.ts';
import { listSuppliers } from './list-suppliers.ts';
import { parseSupplierQuery } from './supplier.ts';

describeWithStore('listSuppliers', () => {
  let store: Store;
  let generale: SupplierRow;
  let alpha: SupplierRow;
  let hidden: SupplierRow;
  let zebre: SupplierRow;

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    await buildCommune(db, { insee_code: '69381', name: 'Lyon 1er Arrondissement' });
    generale = await buildSupplier(db, { name: "SOCIÉTÉ GÉNÉRALE D'ÉCLAIRAGE", naf_code: '43.21A' });
    alpha = await buildSupplier(db, { name: 'Société Alpha', commune_code: '2A004' });
    await buildSupplier(db, { name: 'abeille conseil' });
    zebre = await buildSupplier(db, { name: 'Zèbre SA' });
    await buildSupplier(db, { name: 'École numérique' });
    await buildSupplier(db, { name: '100% Bio_Local' });
    hidden = await buildSupplier(db, { name: 'Jean Dupont', diffusible: false, commune_code: '75056' });
    // Alpha holds 3 contracts, one of them twice (two establishments in a joint award); Zèbre holds 1.
    await buildContract(db, { titulaires: [alpha, { ...alpha, head_office_siret: null }] });
    await buildContract(db, { titulaires: [alpha, zebre] });
    await buildContract(db, { titulaires: [alpha] });
  });
  afterAll(async () => {
    await store.close();
  });

  it('lists every supplier by name in French order, accents and case ignored, with the total', async () => {
    const page = await listSuppliers(store.db);
    expect(page.total).toBe(7);
    expect(page.pageCount).toBe(1);
    expect(page.results.map((r) => r.name)).toEqual([
      '100% Bio_Local',
      'abeille conseil',
      'École numérique',
      'Jean Dupont',
      'Société Alpha',
      "SOCIÉTÉ GÉNÉRALE D'ÉCLAIRAGE",
      'Zèbre SA',
    ]);
  });

  it('finds « SOCIÉTÉ » when the user types « societe », every word having to match', async () => {
    const all = await listSuppliers(store.db, { q: 'societe' });
    expect(all.results.map((r) => r.siren).sort()).toEqual([alpha.siren, generale.siren].sort());
    const both = await listSuppliers(store.db, { q: '  Société   eclairage ' });
    expect(both.results.map((r) => r.name)).toEqual(["SOCIÉTÉ GÉNÉRALE D'ÉCLAIRAGE"]);
    expect(both.total).toBe(1);
  });

  it('matches % and _ literally', async () => {
    expect((await listSuppliers(store.db, { q: '100%' })).results.map((r) => r.name)).toEqual([
      '100% Bio_Local',
    ]);
    expect((await listSuppliers(store.db, { q: 'o_l' })).results.map((r) => r.name)).toEqual([
      '100% Bio_Local',
    ]);
    expect((await listSuppliers(store.db, { q: '0%b' })).total).toBe(0);
  });

  it('finds one supplier by SIREN or SIRET typed with spaces', async () => {
    const spaced = `${alpha.siren.slice(0, 3)} ${alpha.siren.slice(3, 6)} ${alpha.siren.slice(6)}`;
    expect((await listSuppliers(store.db, { q: spaced })).results.map((r) => r.siren)).toEqual([alpha.siren]);
    const siret = `${spaced} 00012`;
    expect((await listSuppliers(store.db, { q: siret })).results.map((r) => r.siren)).toEqual([alpha.siren]);
  });

  it('counts distinct contracts and sorts by that count, then by name', async () => {
    const page = await listSuppliers(store.db, { sort: 'contracts' });
    expect(page.results.slice(0, 3).map((r) => [r.name, r.contractCount])).toEqual([
      ['Société Alpha', 3],
      ['Zèbre SA', 1],
      ['100% Bio_Local', 0],
    ]);
    const byName = await listSuppliers(store.db, { q: 'alpha' });
    expect(byName.results[0]?.contractCount).toBe(3);
  });

  it('pages the results 2 by 2 without overlap', async () => {
    const first = await listSuppliers(store.db, { perPage: 2, page: 1 });
    const fourth = await listSuppliers(store.db, { perPage: 2, page: 4 });
    const fifth = await listSuppliers(store.db, { perPage: 2, page: 5 });
    expect(first.pageCount).toBe(4);
    expect(first.results.map((r) => r.name)).toEqual(['100% Bio_Local', 'abeille conseil']);
    expect(fourth.results.map((r) => r.name)).toEqual(['Zèbre SA']);
    expect(fifth.results).toEqual([]);
    expect(fifth.total).toBe(7);
  });

  it('returns an empty page when nothing matches', async () => {
    const page = await listSuppliers(store.db, { q: 'introuvable' });
    expect(page).toMatchObject({ total: 0, pageCount: 1, results: [] });
  });

  it('gives the NAF label and the location, from the store or from the COG', async () => {
    const [g] = (await listSuppliers(store.db, { q: generale.siren })).results;
    expect(g).toMatchObject({
      nafCode: '43.21A',
      nafLabel: "Travaux d'installation électrique dans tous locaux",
      communeCode: '69381',
      communeName: 'Lyon 1er Arrondissement',
      departmentCode: '69',
      departmentName: 'Rhône',
    });
    const [a] = (await listSuppliers(store.db, { q: alpha.siren })).results;
    expect(a).toMatchObject({ communeCode: '2A004', communeName: 'Ajaccio', departmentCode: '2A' });
  });

  it('shows no location for a non-diffusible supplier, and its name as stored', async () => {
    const [h] = (await listSuppliers(store.db, { q: hidden.siren })).results;
    expect(h).toMatchObject({
      name: 'Jean Dupont',
      communeCode: null,
      communeName: null,
      departmentCode: null,
      departmentName: null,
    });
  });
});

describe('parseSupplierQuery', () => {
  it('reads numbers of 9 or 14 digits as a SIREN and anything else as words', () => {
    expect(parseSupplierQuery(undefined)).toEqual({ kind: 'all' });
    expect(parseSupplierQuery('   ')).toEqual({ kind: 'all' });
    expect(parseSupplierQuery('356.000.000')).toEqual({ kind: 'siren', siren: '356000000' });
    expect(parseSupplierQuery('356\u00a0000\u202f000 00048')).toEqual({ kind: 'siren', siren: '356000000' });
    expect(parseSupplierQuery('3560000')).toEqual({ kind: 'name', words: ['3560000'] });
    expect(parseSupplierQuery(' La  Poste ')).toEqual({ kind: 'name', words: ['La', 'Poste'] });
  });
});
