import { ABBREVIATIONS, AIL_PLURALS, ELIDED_WORDS } from './synonyms.ts';

/**
 * French word handling that PostgreSQL's `french` configuration leaves to us. The database folds accents
 * and ligatures (`unaccent`) and stems (`french_stem`), but Snowball keeps the final s after a vowel
 * (« vélos » → « velos », « vélo » → « velo »), keeps the x of -eux/-oux plurals (« jeux », « bijoux »),
 * and knows nothing of abbreviations. Rather than rewriting the documents, the query asks for every form:
 * documents keep their original text, so highlighting shows the original spelling.
 */

/**
 * Folds a word or a text as `unaccent` + `lower` do for French: accents removed, œ/æ spelled out.
 * @param text any text
 * @returns the folded text, e.g. 'coeur a ecole' for 'Cœur à École'
 * @example fold('ŒUVRE Élan') // 'oeuvre elan'
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

/** Vowels (folded) and mute h: the letters before which French elides le, de, que… */
const ELISION_NEXT = /^[aeiouyh]/;

/**
 * Whether a word typed alone is an elided article or pronoun (« l », « d », « qu ») that must be dropped
 * because the next word starts with a vowel or h: « l eau » is « l'eau ».
 * @param word the word, as typed
 * @param next the following word, or undefined
 * @returns true when `word` should be ignored
 */
export function isElision(word: string, next: string | undefined): boolean {
  return next !== undefined && ELIDED_WORDS.has(fold(word)) && ELISION_NEXT.test(fold(next));
}

/**
 * Strips elisions at the start of a word: « l'eau » → « eau », « qu'il » → « il ». The apostrophe must
 * already be the ASCII one.
 * @param word a word possibly starting with an elision
 * @returns the word without it
 */
export function stripLeadingElision(word: string): string {
  let result = word;
  for (;;) {
    const match = /^(\p{L}+)'(?=\p{L})/u.exec(result);
    if (!match?.[1] || !ELIDED_WORDS.has(fold(match[1]))) {
      return result;
    }
    result = result.slice(match[0].length);
  }
}

/**
 * The other number of a French noun or adjective, as extra forms to search: singular ⇄ plural in -s,
 * -x (-eu, -au, -ou) and the -ail/-aux nouns of `AIL_PLURALS`. Forms that do not exist are harmless (they
 * find nothing); forms the stemmer already merges (-al/-aux, -eau/-eaux, most -s) cost one more lexeme.
 * @param word a folded word
 * @returns the other forms, never the word itself; none for numbers and words of 1 or 2 letters
 * @example inflections('velo') // ['velos']
 * @example inflections('jeux') // ['jeu']
 */
export function inflections(word: string): string[] {
  if (word.length <= 2 || !/^\p{L}+$/u.test(word)) {
    return [];
  }
  const forms: string[] = [];
  const ailSingular = AIL_PLURALS[word];
  if (ailSingular !== undefined) {
    forms.push(ailSingular);
  }
  const ailPlural = Object.entries(AIL_PLURALS).find(([, singular]) => singular === word)?.[0];
  if (ailPlural !== undefined) {
    forms.push(ailPlural);
  }
  if (word.endsWith('s') && !word.endsWith('ss')) {
    forms.push(word.slice(0, -1));
  } else if (word.endsWith('x')) {
    forms.push(word.slice(0, -1));
  } else {
    forms.push(`${word}s`);
    if (/(?:eu|au|ou)$/.test(word)) {
      forms.push(`${word}x`);
    }
  }
  return [...new Set(forms)].filter((form) => form !== word && form.length > 1);
}

/**
 * The abbreviation or full form of a word (saint ⇄ st, sainte ⇄ ste).
 * @param word a folded word
 * @returns the other form, or undefined
 */
export function abbreviationOf(word: string): string | undefined {
  return ABBREVIATIONS[word];
}

/**
 * The key two words are compared with when looking for synonyms: folded, final s or x dropped, so that
 * « vélos » and « Vélo » both match the group of « vélo ».
 * @param word a word as typed
 * @returns the comparison key
 */
export function matchKey(word: string): string {
  const folded = fold(word);
  return folded.length > 3 && /[sx]$/.test(folded) ? folded.slice(0, -1) : folded;
}
