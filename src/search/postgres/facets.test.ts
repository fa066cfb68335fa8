import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { loadSearchFixture, S } from '../../../test/fixtures/search/search-fixture.ts';
import type { Store } from '../../store/database.ts';
import { reindexAll } from '../indexer.ts';
import type { FacetValue, SearchIndex, SearchOptions } from '../search-index.ts';
import { createPostgresSearchIndex } from './postgres-search-index.ts';

const counts = (values: FacetValue[]) => values.map((v) => [v.value, v.count, v.selected]);

/** Facets and filters of issue 3 §3 on the fixture of test/fixtures/search (19 indexed suppliers). */
describeWithStore('search: facets and filters', () => {
  let store: Store;
  let index: SearchIndex;
  const sirens = async (options: SearchOptions) => (await index.search(options)).results.map((r) => r.siren);

  beforeAll(async () => {
    store = await openTestStore();
    await loadSearchFixture(store.db);
    await reindexAll(store.db);
    index = createPostgresSearchIndex(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('counts every facet over the whole index, « Non renseigné » last', async () => {
    const { total, facets, warnings } = await index.search({});
    expect([total, warnings]).toEqual([19, []]);
    expect(facets.region.map((v) => [v.label, v.count])).toEqual([
      ['Bretagne', 8],
      ['Auvergne-Rhône-Alpes', 2],
      ['Nouvelle-Aquitaine', 2],
      ['Pays de la Loire', 2],
      ['Corse', 1],
      ['Île-de-France', 1],
      ['La Réunion', 1],
      ['Non renseigné', 2],
    ]);
    expect(counts(facets.size)).toEqual([
      ['TPE', 6, false],
      ['PME', 9, false],
      ['ETI', 1, false],
      ['GE', 2, false],
      ['non-renseigne', 1, false],
    ]);
    expect(facets.naf[0]).toEqual({
      value: '42.11Z',
      label: '42.11Z – Construction de routes et autoroutes',
      count: 2,
      selected: false,
    });
    expect(facets.naf.at(-1)).toEqual({
      value: 'non-renseigne',
      label: 'Non renseigné',
      count: 1,
      selected: false,
    });
    expect(facets.cpv.map((node) => [node.value, node.count, node.level, node.parent])).toEqual([
      ['03000000', 1, 1, null],
      ['34000000', 2, 1, null],
      ['37000000', 1, 1, null],
      ['38000000', 2, 1, null],
      ['45000000', 4, 1, null],
      ['48000000', 1, 1, null],
      ['64000000', 1, 1, null],
      ['71000000', 1, 1, null],
      ['72000000', 2, 1, null],
      ['85000000', 1, 1, null],
      ['90000000', 1, 1, null],
    ]);
    expect([facets.ess, facets.hasContracts, facets.hasInnovativeContract]).toEqual([
      { count: 2, selected: false },
      { count: 17, selected: false },
      { count: 2, selected: false },
    ]);
  });

  it('includes the children of a CPV code, with or without its check digit, and opens the tree below it', async () => {
    for (const cpv of ['45000000', '45000000-7']) {
      const response = await index.search({ cpv: [cpv] });
      expect(response.warnings).toEqual([]);
      expect(response.results.map((r) => r.name)).toEqual([
        'BATI CONSTRUCTION',
        'MENUISERIES DU LITTORAL',
        'SOCIÉTÉ DISCRÈTE',
        'TRAVAUX PUBLICS DE LA RÉUNION',
      ]);
      const tree = response.facets.cpv.filter((node) => node.value.startsWith('45'));
      expect(tree.map((node) => [node.value, node.label, node.count, node.selected, node.parent])).toEqual([
        ['45000000', 'Travaux de construction', 4, true, null],
        [
          '45200000',
          'Travaux de construction complète ou partielle et travaux de génie civil',
          4,
          false,
          '45000000',
        ],
        ['45400000', 'Travaux de parachèvement de bâtiment', 1, false, '45000000'],
      ]);
    }
    const deep = await index.search({ cpv: ['45233140'] });
    expect(deep.results.map((r) => [r.siren, r.why])).toEqual([
      [
        S.discrete,
        [
          {
            kind: 'filter',
            facet: 'cpv',
            value: '45233140',
            label: 'Marché remporté en CPV 45233140 – Travaux routiers',
          },
        ],
      ],
      [
        S.tpReunion,
        [
          {
            kind: 'filter',
            facet: 'cpv',
            value: '45233141',
            label: "Marché remporté en CPV 45233141 – Travaux d'entretien routier",
          },
        ],
      ],
    ]);
    expect(
      deep.facets.cpv.filter((n) => n.value.startsWith('45')).map((n) => [n.value, n.count, n.level]),
    ).toEqual([
      ['45000000', 4, 1],
      ['45200000', 4, 2],
      ['45230000', 2, 3],
      ['45233000', 2, 4],
      ['45233100', 2, 5],
      ['45233140', 2, 6],
      ['45233141', 1, 7],
    ]);
  });

  it('explains an invalid or unknown CPV code and a wrong check digit, and keeps searching', async () => {
    const response = await index.search({ cpv: ['abc', '45210000-3', '99999999'] });
    expect(response.warnings).toEqual([
      {
        code: 'cpv.invalid_format',
        message:
          "« abc » n'est pas un code CPV : un code CPV comporte 8 chiffres, éventuellement suivis d'un tiret et " +
          "d'un chiffre de contrôle (par exemple 30213000 ou 30213000-5). Ce filtre est ignoré.",
        details: { option: 'cpv', value: 'abc' },
      },
      {
        code: 'cpv.wrong_check_digit',
        message:
          'Le code CPV 45210000-3 a un chiffre de contrôle erroné : le bon est 45210000-2. ' +
          'La recherche continue avec le code 45210000.',
        details: { option: 'cpv', value: '45210000-3' },
      },
      {
        code: 'cpv.unknown_code',
        message: "Le code CPV 99999999 n'existe pas dans la nomenclature CPV 2008. Ce filtre est ignoré.",
        details: { option: 'cpv', value: '99999999' },
      },
    ]);
    expect(response.results.map((r) => r.siren)).toEqual([S.decpOnly, S.tpReunion]);
    // Only invalid codes: the filter is dropped (and explained), never an empty list.
    const invalid = await index.search({ cpv: ['4521'] });
    expect([invalid.total, invalid.warnings.map((w) => w.code)]).toEqual([19, ['cpv.invalid_format']]);
  });

  it('selects several NAF codes, with or without the dot, and counts the others as alternatives', async () => {
    const response = await index.search({ naf: ['4211Z', '62.01z', 'XYZ'] });
    expect(response.results.map((r) => r.siren)).toEqual([S.datamind, S.discrete, S.tpReunion]);
    expect(response.results[0]?.why).toEqual([
      {
        kind: 'filter',
        facet: 'naf',
        value: '62.01Z',
        label: 'Activité 62.01Z – Programmation informatique',
      },
    ]);
    expect(response.warnings.map((w) => [w.code, w.details])).toEqual([
      ['naf.invalid_format', { option: 'naf', value: 'XYZ' }],
    ]);
    const naf = new Map(response.facets.naf.map((v) => [v.value, [v.count, v.selected]]));
    expect([naf.get('42.11Z'), naf.get('62.01Z'), naf.get('61.10Z')]).toEqual([
      [2, true],
      [1, true],
      [1, false],
    ]);
    // Other facets count only the selected activities.
    expect(counts(response.facets.size)).toEqual([
      ['PME', 1, false],
      ['ETI', 1, false],
      ['GE', 1, false],
    ]);
  });

  it('selects « Non renseigné » and départements, Corsica in either case', async () => {
    const missing = await index.search({ region: ['non-renseigne'] });
    expect(missing.results.map((r) => r.siren)).toEqual([S.decpOnly, S.discrete]);
    expect(missing.facets.region.at(-1)).toEqual({
      value: 'non-renseigne',
      label: 'Non renseigné',
      count: 2,
      selected: true,
    });
    const depts = await index.search({ dept: ['35', '2a', '20'] });
    expect(depts.total).toBe(7);
    expect(depts.warnings.map((w) => w.message)).toEqual([
      "« 20 » n'est pas un code de département valide : la Corse est codée 2A (Corse-du-Sud) ou 2B (Haute-Corse) depuis 1976. Ce filtre est ignoré.",
    ]);
    expect(depts.facets.dept.filter((v) => v.selected).map((v) => [v.label, v.count])).toEqual([
      ['Ille-et-Vilaine (35)', 6],
      ['Corse-du-Sud (2A)', 1],
    ]);
  });

  it('filters by size, ESS, contracts won and innovative contracts', async () => {
    const sizes = await index.search({ size: ['tpe', 'GE', 'XL'] });
    expect(sizes.total).toBe(8);
    expect(sizes.warnings.map((w) => w.code)).toEqual(['size.invalid']);
    expect(await sirens({ ess: true })).toEqual([S.residenceSteAnne, S.velosEstuaire]);
    expect(await sirens({ hasInnovativeContract: true })).toEqual([S.capteursAir, S.datamind]);
    const won = await index.search({ hasContracts: true, ess: true });
    expect(won.results.map((r) => r.why.map((w) => w.label))).toEqual([
      ["Entreprise de l'économie sociale et solidaire", '1 marché public remporté'],
      ["Entreprise de l'économie sociale et solidaire", '1 marché public remporté'],
    ]);
    expect([won.facets.ess.count, won.facets.hasContracts.count]).toEqual([2, 2]);
  });

  it('combines a text query with facets; each facet counts with the other filters only', async () => {
    const response = await index.search({ q: 'travaux', region: ['53'] });
    expect(response.results.map((r) => r.siren)).toEqual([S.menuiseries]);
    expect(counts(response.facets.region)).toEqual([
      ['53', 1, true],
      ['04', 1, false],
      ['non-renseigne', 1, false],
    ]);
    expect(response.facets.naf.map((v) => [v.value, v.count])).toEqual([['43.32A', 1]]);
  });
});
