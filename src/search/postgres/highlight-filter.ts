import { fold } from '../french-text.ts';
import type { CompiledTerm } from './text-query.ts';

/**
 * A cheap pre-filter for highlighting contract objects: `ts_headline` parses and stems every word it is
 * given, and a supplier's contract objects run to 50 objects (a few thousand words), so the headline is
 * given only the first objects in which a word starts like a word of the query (its first 4 letters,
 * accents, case and ligatures aside) — the word as typed, its other number, abbreviation or synonym.
 * A stem rarely differs from its word in the first 4 letters (travaux, travail: « trav »); when no object
 * passes, or none that passes really matches, the whole text is highlighted as before.
 */

/** Letters that a folded letter stands for in the original text, both cases (regex classes are not locale-aware). */
const VARIANTS: Record<string, string> = {
  a: 'aàâäAÀÂÄ',
  c: 'cçCÇ',
  e: 'eéèêëEÉÈÊË',
  i: 'iîïIÎÏ',
  o: 'oôöOÔÖ',
  u: 'uùûüUÙÛÜ',
  y: 'yÿYŸ',
};
/** Letters of a word prefix. */
export const PREFIX_LETTERS = 4;

/** Regex of a folded prefix that matches its original spellings (œ for oe, æ for ae). */
function spellings(prefix: string): string {
  let pattern = '';
  for (let i = 0; i < prefix.length; i++) {
    const pair = prefix.slice(i, i + 2);
    if (pair === 'oe' || pair === 'ae') {
      pattern += `(?:${pair === 'oe' ? '[oO][eE]|œ|Œ' : '[aA][eE]|æ|Æ'})`;
      i++;
      continue;
    }
    const letter = prefix[i] ?? '';
    const variants = VARIANTS[letter];
    pattern += variants === undefined ? letter.replace(/[^a-z0-9]/g, '') : `[${variants}]`;
  }
  return pattern;
}

/**
 * The pattern (PostgreSQL regular expression, case-insensitive operator `~*`) of the words that may match
 * the positive terms.
 * @param terms the compiled positive terms
 * @returns the pattern, or null when no word of 3 letters or more is searched
 */
export function objectFilterPattern(terms: CompiledTerm[]): string | null {
  const prefixes = new Set<string>();
  for (const term of terms) {
    for (const alternative of term.alternatives) {
      if (alternative.tsquery === '') {
        continue;
      }
      for (const word of fold(alternative.text).split(/[^a-z0-9]+/)) {
        if (word.length >= 3) {
          prefixes.add(word.slice(0, PREFIX_LETTERS));
        }
      }
    }
  }
  if (prefixes.size === 0) {
    return null;
  }
  // Word start: the ASCII class is locale-independent (a non-ASCII letter before counts as a boundary: one
  // more object parsed, never one missed).
  return `(?:^|[^a-zA-Z0-9])(?:${[...prefixes].sort().map(spellings).join('|')})`;
}
