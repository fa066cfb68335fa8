import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { loadSearchFixture, S } from '../../../test/fixtures/search/search-fixture.ts';
import type { Store } from '../../store/database.ts';
import { reindexAll } from '../indexer.ts';
import type { HighlightSegment, SearchIndex, SearchResponse } from '../search-index.ts';
import { createPostgresSearchIndex } from './postgres-search-index.ts';

/** The French text cases of issue 3 §2, on the fixture of test/fixtures/search. */
describeWithStore('search: French text in queries and documents', () => {
  let store: Store;
  let index: SearchIndex;
  const search = (q: string): Promise<SearchResponse> => index.search({ q });
  const sirens = async (q: string): Promise<string[]> => (await search(q)).results.map((r) => r.siren);
  const marked = (segments: HighlightSegment[] | undefined) =>
    (segments ?? []).filter((segment) => segment.match).map((segment) => segment.text);

  beforeAll(async () => {
    store = await openTestStore();
    await loadSearchFixture(store.db);
    await reindexAll(store.db);
    index = createPostgresSearchIndex(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('ignores case and accents', async () => {
    for (const q of ['cybersecurite', 'CYBERSÉCURITÉ', 'Cybersécurité bretagne']) {
      expect(await sirens(q), q).toEqual([S.cyberBretagne]);
    }
  });

  it('folds the ligatures œ and æ, and highlights the original spelling', async () => {
    for (const q of ['coeur oeuvre', 'cœur œuvre', 'CŒUR D’ŒUVRE']) {
      const response = await search(q);
      expect(
        response.results.map((r) => r.siren),
        q,
      ).toEqual([S.coeurOeuvre]);
      expect(marked(response.results[0]?.highlights.name)).toEqual(['CŒUR', 'ŒUVRE']);
    }
  });

  it("reads l'eau, l’eau and « l eau » alike", async () => {
    const expected = [S.aquaOuest, S.capteursAir];
    for (const q of ["l'eau", 'l’eau', 'l eau', 'L EAU']) {
      expect(await sirens(q), q).toEqual(expected);
    }
    const [aqua] = (await search('l eau')).results;
    const text = (aqua?.highlights.contracts ?? []).map((segment) => segment.text).join('');
    expect(text).toContain('Traitement de l’eau potable');
    expect(marked(aqua?.highlights.contracts)).toEqual(['eau', 'eau', 'eaux']);
  });

  it('never reads a hyphen inside a word as an exclusion; a leading hyphen excludes', async () => {
    expect(await sirens('porte-fenêtre')).toEqual([S.menuiseries]);
    expect(await sirens('porte-fenêtres')).toEqual([S.menuiseries]);
    expect(await sirens('capteurs')).toEqual([S.capteursAir, S.aquaOuest]);
    expect(await sirens('capteurs -air')).toEqual([S.aquaOuest]);
  });

  it('finds Saint as St and St as Saint, Sainte as Ste', async () => {
    const response = await search('Saint-Malo nautique');
    expect(response.results.map((r) => r.siren)).toEqual([S.stMaloNautique]);
    expect(response.results[0]?.why[0]).toMatchObject({
      kind: 'term',
      term: 'Saint-Malo',
      fields: ['name'],
      via: { kind: 'abbreviation', text: 'st Malo' },
    });
    expect(await sirens('st sauveur')).toEqual([S.menuiseries]);
    expect(await sirens('ste anne')).toEqual([S.residenceSteAnne]);
  });

  it('finds singulars and plurals, including -x, -aux/-ail and the -s the stemmer keeps (vélos)', async () => {
    expect(await sirens('vitrail')).toEqual([S.atelierVitrail, S.menuiseries]);
    expect(await sirens('vitraux')).toEqual([S.atelierVitrail, S.menuiseries]);
    expect(await sirens('jeu')).toEqual([S.ludikParcs]);
    expect(await sirens('orange')).toEqual([S.orangeTelecom, S.vergerOranges]);
    // The word typed (and its plural) ranks before its synonyms (cycles, bicyclettes).
    const velo = await search('vélo');
    expect(velo.results.map((r) => [r.siren, r.scoreParts])).toEqual([
      [S.velosEstuaire, { text: 0.3192, synonyms: 0, exact: 0 }],
      [S.cyclesMartin, { text: 0, synonyms: 0.2204, exact: 0 }],
    ]);
  });

  it('ranks the word as typed above words that only share its stem (proper names)', async () => {
    const response = await search('Orange');
    expect(response.results.map((r) => [r.name, r.score, r.scoreParts])).toEqual([
      ['ORANGE TÉLÉCOM SERVICES', 1.2158, { text: 0.6079, synonyms: 0, exact: 0.6079 }],
      // Same stem in the name, plus the contract objects: more text score, but no exact word.
      ['AU VERGER DES ORANGES', 0.6383, { text: 0.6383, synonyms: 0, exact: 0 }],
    ]);
    expect(response.results[0]?.why[0]).toMatchObject({
      exact: true,
      label: '« Orange » dans le nom (mot exact)',
    });
  });

  it('matches quoted phrases word for word, unstemmed', async () => {
    expect(await sirens('qualité air')).toEqual([S.capteursAir, S.atmoMesures]);
    expect(await sirens('"qualité de l’air"')).toEqual([S.capteursAir]);
    expect(await sirens('« qualité de l air »')).toEqual([S.capteursAir]);
    // The documents say « capteurs »: the quoted singular is not there word for word.
    expect(await sirens('"capteur"')).toEqual([]);
    expect(await sirens('"capteurs"')).toEqual([S.capteursAir, S.aquaOuest]);
  });

  it('expands acronyms and synonyms from the data list, both ways', async () => {
    const ia = await search('IA');
    expect(ia.results.map((r) => r.siren)).toEqual([S.iaPublique, S.datamind]);
    expect(ia.results[1]?.why[0]).toMatchObject({
      fields: ['contracts'],
      via: { kind: 'synonym', text: 'intelligence artificielle' },
    });
    expect(marked(ia.results[1]?.highlights.contracts)).toEqual(['intelligence', 'artificielle']);
    expect(await sirens('intelligence artificielle')).toEqual([S.datamind, S.iaPublique]);
    expect(await sirens('EHPAD')).toEqual([S.residenceSteAnne]);
    expect(await sirens('sécurité informatique')).toEqual([S.cyberBretagne]);
  });

  it('corrects a word found in no document to the closest indexed word, and says so', async () => {
    const response = await search('menuisserie littoral');
    expect(response.correctedQuery).toBe('menuiserie littoral');
    expect(response.warnings).toEqual([
      {
        code: 'query.corrected',
        message: 'Aucun document ne contient « menuisserie » : résultats pour « menuiserie ».',
        details: { from: 'menuisserie', to: 'menuiserie' },
      },
    ]);
    expect(response.results.map((r) => r.siren)).toEqual([S.menuiseries]);
    expect((await search('capteurz')).correctedQuery).toBe('capteurs');
    // A word that exists under another form (plural, stem) is never « corrected ».
    const known = await search('capteur');
    expect([known.correctedQuery, known.warnings]).toEqual([null, []]);
  });

  it('searches numbers, and shows everything with a warning when only stop words are typed', async () => {
    expect(await sirens('RD 137')).toEqual([S.discrete]);
    const response = await search('le de la');
    expect(response.total).toBe(19);
    expect(response.warnings.map((w) => w.code)).toEqual(['query.only_stop_words']);
  });
});
