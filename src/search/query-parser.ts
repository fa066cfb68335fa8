import {
  abbreviationOf,
  fold,
  inflections,
  isElision,
  matchKey,
  stripLeadingElision,
} from './french-text.ts';
import { SYNONYM_GROUPS } from './synonyms.ts';

/**
 * Reads the search box into terms, without ever handing raw text to a PostgreSQL query parser
 * (`websearch_to_tsquery` would read the hyphen of « porte-fenêtre » as NOT).
 *
 * - Words are separated by spaces and punctuation; « ’ » and « ' » are the same apostrophe.
 * - An elision is dropped: « l'eau », « l’eau » and « l eau » all search « eau ».
 * - A hyphen or an apostrophe inside a word makes a compound searched as a phrase (« porte-fenêtre »
 *   finds « porte-fenêtre » and « porte fenêtre »); only a hyphen at the start of a word excludes it
 *   (« -nettoyage »).
 * - "Quoted text" (or « guillemets ») must appear word for word, accents and case aside, unstemmed.
 * - Each word also searches its other number (vélo/vélos, jeu/jeux), its abbreviation (Saint/St) and,
 *   for a word or run of words of `SYNONYM_GROUPS`, every synonym (IA / intelligence artificielle).
 */

/** One way of finding a term: a word or a phrase, searched through the stemming configuration. */
export interface QueryAlternative {
  /** Text for `phraseto_tsquery('fr', text)`: a word, or words that must follow each other. */
  text: string;
  /** How it derives from what was typed. */
  via: 'typed' | 'synonym' | 'abbreviation' | 'inflection' | 'correction';
}

/** A term of the query: every result contains one of its alternatives (or none, when `negated`). */
export interface QueryTerm {
  /** As typed, e.g. 'Saint-Malo', '"traitement de l’eau"', 'intelligence artificielle'. */
  display: string;
  /** Folded words as typed, e.g. 'saint malo': the exact form, rewarded (or required when quoted). */
  exact: string;
  alternatives: QueryAlternative[];
  quoted: boolean;
  negated: boolean;
  /** A single word of 4 letters or more, not a synonym: a typo may be corrected. */
  correctable: boolean;
}

/** The terms of a query, all ANDed. */
export interface ParsedQuery {
  terms: QueryTerm[];
  /** Terms beyond `MAX_TERMS`, ignored. */
  ignored: string[];
}

/** Characters read from the search box; a pasted page is not a query. */
export const MAX_QUERY_LENGTH = 300;
/** Terms searched; more add cost, not precision. */
export const MAX_TERMS = 8;
const MAX_ALTERNATIVES = 12;
const MAX_COMPOUND_FORMS = 6;

/** A run of text between spaces, before it becomes a term. */
interface Piece {
  /** Words of the piece, as typed: one for a word, several for a compound (« porte-fenêtre »). */
  parts: string[];
  display: string;
  quoted: boolean;
  negated: boolean;
}

function normalise(raw: string): string {
  return raw
    .normalize('NFC')
    .slice(0, MAX_QUERY_LENGTH)
    .replace(/[’‘ʼ`´′]/gu, "'")
    .replace(/[«»“”„‟]/gu, '"')
    .replace(/\s+/gu, ' ');
}

/** Splits the unquoted text of a piece into words and compounds. */
function unquotedPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const chunk of text.split(' ')) {
    const negated = /^-[\p{L}\p{N}]/u.test(chunk);
    let body = negated ? chunk.slice(1) : chunk;
    // Dotted acronyms: « I.A. » → « IA ».
    if (/^(?:\p{L}\.){2,}\p{L}?$/u.test(body)) {
      body = body.replace(/\./g, '');
    }
    for (const sub of body.split(/[^\p{L}\p{N}'-]+/u)) {
      const trimmed = stripLeadingElision(sub.replace(/^['-]+|['-]+$/g, ''));
      const parts = trimmed.split(/['-]+/).filter((part) => part !== '');
      if (parts.length > 0) {
        pieces.push({ parts, display: trimmed, quoted: false, negated });
      }
    }
  }
  return pieces;
}

/** Splits the query into pieces, quoted phrases kept whole. An unpaired quote is ignored. */
function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('"');
    const close = open < 0 ? -1 : rest.indexOf('"', open + 1);
    if (close < 0) {
      pieces.push(...unquotedPieces(rest.replace(/"/g, ' ')));
      return pieces;
    }
    const before = rest.slice(0, open);
    const negated = /(?:^|\s)-$/.test(before);
    pieces.push(...unquotedPieces(negated ? before.slice(0, -1) : before));
    const inner = rest.slice(open + 1, close).trim();
    if (/[\p{L}\p{N}]/u.test(inner)) {
      pieces.push({ parts: [inner], display: `"${inner}"`, quoted: true, negated });
    }
    rest = rest.slice(close + 1);
  }
}

/** Word keys of a synonym variant, read the way the search box is read. */
const GROUP_KEYS: { group: readonly string[]; variant: string; keys: string[] }[] = SYNONYM_GROUPS.flatMap(
  (group) =>
    group.map((variant) => ({
      group,
      variant,
      keys: unquotedPieces(normalise(variant)).flatMap((piece) => piece.parts.map(matchKey)),
    })),
);

function isPlainWord(piece: Piece | undefined): piece is Piece {
  return piece !== undefined && !piece.quoted && !piece.negated && piece.parts.length === 1;
}

/** The longest synonym variant typed at `start`, with the number of pieces it covers. */
function synonymAt(
  pieces: Piece[],
  start: number,
): { group: readonly string[]; variant: string; length: number } | null {
  let best: { group: readonly string[]; variant: string; length: number } | null = null;
  for (const entry of GROUP_KEYS) {
    const length = entry.keys.length;
    if (best !== null && length <= best.length) {
      continue;
    }
    const matches = entry.keys.every((key, offset) => {
      const piece = pieces[start + offset];
      return isPlainWord(piece) && matchKey(piece.parts[0] ?? '') === key;
    });
    if (matches) {
      best = { group: entry.group, variant: entry.variant, length };
    }
  }
  return best;
}

function wordAlternatives(word: string, via: QueryAlternative['via']): QueryAlternative[] {
  const folded = fold(word);
  const abbreviation = abbreviationOf(folded);
  return [
    { text: word, via },
    ...inflections(folded).map((text) => ({ text, via: 'inflection' as const })),
    ...(abbreviation === undefined ? [] : [{ text: abbreviation, via: 'abbreviation' as const }]),
  ];
}

function unique(alternatives: QueryAlternative[]): QueryAlternative[] {
  const seen = new Set<string>();
  return alternatives
    .filter((alternative) => {
      const key = fold(alternative.text);
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .slice(0, MAX_ALTERNATIVES);
}

/** A compound: the product of each part's forms (abbreviation; other number for the last part). */
function compoundAlternatives(parts: string[]): QueryAlternative[] {
  let forms: { words: string[]; via: QueryAlternative['via'] }[] = [{ words: [], via: 'typed' }];
  parts.forEach((part, index) => {
    const folded = fold(part);
    const options: { word: string; via: QueryAlternative['via'] }[] = [{ word: part, via: 'typed' }];
    const abbreviation = abbreviationOf(folded);
    if (abbreviation !== undefined) {
      options.push({ word: abbreviation, via: 'abbreviation' });
    }
    if (index === parts.length - 1) {
      options.push(...inflections(folded).map((word) => ({ word, via: 'inflection' as const })));
    }
    forms = forms.flatMap((form) =>
      options.map((option) => ({
        words: [...form.words, option.word],
        via: option.via === 'typed' ? form.via : option.via,
      })),
    );
  });
  return forms.slice(0, MAX_COMPOUND_FORMS).map((form) => ({ text: form.words.join(' '), via: form.via }));
}

function termOf(piece: Piece): QueryTerm {
  const exact = fold(piece.parts.join(' '));
  if (piece.quoted) {
    const text = piece.parts[0] ?? '';
    return {
      display: piece.display,
      exact,
      alternatives: [{ text, via: 'typed' }],
      quoted: true,
      negated: piece.negated,
      correctable: false,
    };
  }
  const single = piece.parts.length === 1 ? piece.parts[0] : undefined;
  return {
    display: piece.display,
    exact,
    alternatives: unique(
      single === undefined ? compoundAlternatives(piece.parts) : wordAlternatives(single, 'typed'),
    ),
    quoted: false,
    negated: piece.negated,
    correctable: single !== undefined && /^\p{L}{4,}$/u.test(exact),
  };
}

function synonymTerm(typed: Piece[], group: readonly string[], variant: string): QueryTerm {
  const words = typed.map((piece) => piece.parts[0] ?? '');
  const display = words.join(' ');
  const own =
    words.length === 1 ? wordAlternatives(display, 'typed') : [{ text: display, via: 'typed' as const }];
  const others = group
    .filter((other) => other !== variant)
    .flatMap((other) =>
      /\s/.test(other) ? [{ text: other, via: 'synonym' as const }] : wordAlternatives(other, 'synonym'),
    )
    .map((alternative) => ({ ...alternative, via: 'synonym' as const }));
  return {
    display,
    exact: fold(display),
    alternatives: unique([...own, ...others]),
    quoted: false,
    negated: false,
    correctable: false,
  };
}

/**
 * Reads a search box.
 * @param raw the text typed, possibly undefined or blank; only the first `MAX_QUERY_LENGTH` characters
 * @returns the terms (none for a blank query) and those ignored beyond `MAX_TERMS`
 * @example parseQuery('St-Malo -nettoyage').terms.map((t) => [t.display, t.negated])
 *   // [['St-Malo', false], ['nettoyage', true]]
 */
export function parseQuery(raw: string | undefined): ParsedQuery {
  const pieces = splitPieces(normalise(raw ?? ''));
  const kept = pieces.filter((piece, index) => {
    const next = pieces[index + 1];
    return !(
      isPlainWord(piece) &&
      next !== undefined &&
      !next.quoted &&
      isElision(piece.parts[0] ?? '', next.parts[0])
    );
  });
  const terms: QueryTerm[] = [];
  for (let index = 0; index < kept.length;) {
    const piece = kept[index] as Piece;
    const synonym = isPlainWord(piece) ? synonymAt(kept, index) : null;
    if (synonym !== null) {
      terms.push(synonymTerm(kept.slice(index, index + synonym.length), synonym.group, synonym.variant));
      index += synonym.length;
    } else {
      terms.push(termOf(piece));
      index += 1;
    }
  }
  return {
    terms: terms.slice(0, MAX_TERMS),
    ignored: terms.slice(MAX_TERMS).map((term) => term.display),
  };
}

/**
 * The same term searching a corrected word instead of the one typed (typo correction).
 * @param term a correctable term
 * @param word the folded word of the lexicon to search instead
 * @returns a term searching `word` and its other number, displayed as typed
 */
export function correctedTerm(term: QueryTerm, word: string): QueryTerm {
  return {
    ...term,
    exact: word,
    alternatives: unique(wordAlternatives(word, 'correction')),
    correctable: false,
  };
}
