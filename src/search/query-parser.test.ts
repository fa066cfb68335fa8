import { describe, expect, it } from 'vitest';
import { fold, inflections } from './french-text.ts';
import { MAX_TERMS, parseQuery, type QueryTerm } from './query-parser.ts';

const texts = (term: QueryTerm | undefined) => term?.alternatives.map((alternative) => alternative.text);
const shape = (raw: string) =>
  parseQuery(raw).terms.map((term) => ({
    display: term.display,
    negated: term.negated,
    quoted: term.quoted,
  }));

describe('parseQuery', () => {
  it('returns no term for a blank or punctuation-only query', () => {
    expect(parseQuery(undefined).terms).toEqual([]);
    expect(parseQuery('   ').terms).toEqual([]);
    expect(parseQuery(' ; , ! ').terms).toEqual([]);
  });

  it('drops an elision typed with either apostrophe or with a space', () => {
    for (const raw of ["l'eau", 'l’eau', 'l eau', 'L’EAU', "qu'eau"]) {
      const terms = parseQuery(raw).terms;
      expect(
        terms.map((term) => term.exact),
        raw,
      ).toEqual(['eau']);
    }
    // « l » stays a word when no vowel follows: nothing is elided before a consonant.
    expect(parseQuery('vitamine c').terms.map((term) => term.exact)).toEqual(['vitamine', 'c']);
  });

  it('reads a hyphen inside a word as a compound searched as a phrase, never as an exclusion', () => {
    const [term] = parseQuery('porte-fenêtre').terms;
    expect(term).toMatchObject({ display: 'porte-fenêtre', negated: false, exact: 'porte fenetre' });
    expect(texts(term)).toEqual(['porte fenêtre', 'porte fenetres']);
    expect(shape('capteurs -air')).toEqual([
      { display: 'capteurs', negated: false, quoted: false },
      { display: 'air', negated: true, quoted: false },
    ]);
    // A hyphen alone or at the end of a word excludes nothing.
    expect(shape('capteurs - air capteurs-')).toEqual([
      { display: 'capteurs', negated: false, quoted: false },
      { display: 'air', negated: false, quoted: false },
      { display: 'capteurs', negated: false, quoted: false },
    ]);
  });

  it('keeps quoted phrases whole, with straight or French quotes, and ignores an unpaired quote', () => {
    expect(shape('"qualité de l’air" capteurs')).toEqual([
      { display: '"qualité de l\'air"', negated: false, quoted: true },
      { display: 'capteurs', negated: false, quoted: false },
    ]);
    expect(parseQuery('« qualité de l’air »').terms[0]).toMatchObject({
      quoted: true,
      exact: "qualite de l'air",
    });
    expect(shape('-"eaux usées"')).toEqual([{ display: '"eaux usées"', negated: true, quoted: true }]);
    expect(shape('"capteurs air')).toEqual([
      { display: 'capteurs', negated: false, quoted: false },
      { display: 'air', negated: false, quoted: false },
    ]);
  });

  it('searches Saint and St, Sainte and Ste, both ways, also inside a compound', () => {
    expect(texts(parseQuery('St-Malo').terms[0])).toEqual([
      'St Malo',
      'St malos',
      'saint Malo',
      'saint malos',
    ]);
    expect(texts(parseQuery('sainte').terms[0])).toEqual(['sainte', 'saintes', 'ste']);
  });

  it('searches the other number of a word, including plurals in -x and -aux', () => {
    expect(texts(parseQuery('capteur').terms[0])).toEqual(['capteur', 'capteurs']);
    expect(texts(parseQuery('vélo').terms[0])?.slice(0, 2)).toEqual(['vélo', 'velos']);
    expect(texts(parseQuery('jeux').terms[0])).toEqual(['jeux', 'jeu']);
    expect(texts(parseQuery('vitrail').terms[0])).toEqual(['vitrail', 'vitraux', 'vitrails']);
    expect(inflections('bijou')).toEqual(['bijous', 'bijoux']);
    // « travaux » and « travail » are different purchases: not merged.
    expect(inflections('travaux')).toEqual(['travau']);
  });

  it('replaces a synonym or acronym, typed alone or as several words, by its whole group', () => {
    const [ia] = parseQuery('IA').terms;
    expect(ia).toMatchObject({ display: 'IA', correctable: false });
    expect(ia?.alternatives).toContainEqual({ text: 'intelligence artificielle', via: 'synonym' });
    const [long] = parseQuery('Intelligence artificielle générative').terms;
    expect(long?.display).toBe('Intelligence artificielle');
    expect(long?.alternatives).toEqual([
      { text: 'Intelligence artificielle', via: 'typed' },
      { text: 'IA', via: 'synonym' },
    ]);
    expect(parseQuery('I.A.').terms[0]?.display).toBe('IA');
    // « vélos » (plural) still finds the group of « vélo ».
    expect(texts(parseQuery('vélos').terms[0])).toEqual([
      'vélos',
      'velo',
      'cycle',
      'cycles',
      'bicyclette',
      'bicyclettes',
    ]);
    const [ehpad] = parseQuery("établissement d'hébergement pour personnes âgées dépendantes").terms;
    expect(ehpad?.alternatives).toContainEqual({ text: 'EHPAD', via: 'synonym' });
  });

  it('marks only single words of 4 letters or more as open to typo correction', () => {
    expect(parseQuery('capteur ia 3D porte-fenetre "qualite"').terms.map((term) => term.correctable)).toEqual(
      [true, false, false, false, false],
    );
  });

  it(`searches at most ${MAX_TERMS} terms and says which were ignored`, () => {
    const parsed = parseQuery('un deux trois quatre cinq six sept huit neuf dix');
    expect(parsed.terms).toHaveLength(MAX_TERMS);
    expect(parsed.ignored).toEqual(['neuf', 'dix']);
  });
});

describe('fold', () => {
  it('folds case, accents and the ligatures œ and æ', () => {
    expect(fold('CŒUR d’ŒUVRE Ætherium Élan À')).toBe('coeur d’oeuvre aetherium elan a');
  });
});
