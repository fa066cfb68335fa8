import { DomainError } from '../../domain/shared/index.ts';
import { MAX_QUERY_LENGTH, parseQuery, type QueryTerm } from '../query-parser.ts';
import { NEED_STOP_WORDS } from './need-stop-words.ts';

/**
 * Reads a free-text need (« Décrire mon besoin ») into terms with the search box's French reading
 * (`parseQuery`: elisions, compounds, other number, Saint/St, synonym groups), with two differences:
 * - a need is prose, not a query: a hyphen before a word is a dash or a bullet, never an exclusion;
 * - a need may be longer than a query: it is read `MAX_QUERY_LENGTH` characters at a time (cut between
 *   words) up to `MAX_NEED_LENGTH`, and terms beyond one reading's `MAX_TERMS` are read again, so that no
 *   word is lost, up to `MAX_NEED_TERMS` terms.
 * The need is read in lower case: DECP objects and needs are often typed in capitals, and PostgreSQL's
 * French stop words are only recognised in lower case (« POUR » would be searched, « pour » is not).
 * A word repeated counts once (the same folded form). Function words missing from PostgreSQL's French stop
 * list are dropped (need-stop-words.ts). Numbers alone (« lot 09 », « 2018 ») are dropped: lot
 * numbers, years and quantities say nothing of what is bought, and would make every contract of the same
 * year or lot number look alike.
 */

/** Characters of a need that are read. */
export const MAX_NEED_LENGTH = 2000;
/** Terms of a need that are kept (stop words included: they are dropped later, by PostgreSQL). */
export const MAX_NEED_TERMS = 60;

/** Error codes of the CPV suggestion (both answered 400, with the field in `details.field`). */
export type CpvSuggestErrorCode = 'cpv_suggest.invalid_query' | 'cpv_suggest.invalid_limit';

/**
 * The error for a need with nothing to read (empty or blank).
 * @returns DomainError `cpv_suggest.invalid_query` on the field `q` (answered 400)
 */
export function emptyNeedError(): DomainError {
  return new DomainError(
    'cpv_suggest.invalid_query',
    'Décrivez votre besoin en quelques mots (par exemple : entretien des espaces verts de la commune).',
    { message: 'empty need', details: { field: 'q' } },
  );
}

/** The longest head of `text` of at most `max` characters that does not cut a word. */
function headOf(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const cut = text.lastIndexOf(' ', max);
  return cut > 0 ? text.slice(0, cut) : text.slice(0, max);
}

/**
 * Reads a need.
 * @param need the text typed
 * @returns its terms, in order, none negated, at most `MAX_NEED_TERMS`
 * @throws DomainError `cpv_suggest.invalid_query` when the text is empty or blank
 * @example readNeed('Entretien des espaces verts - tonte').map((t) => t.display)
 *   // ['entretien', 'des', 'espaces', 'verts', 'tonte']
 */
export function readNeed(need: string): QueryTerm[] {
  let rest = need
    .slice(0, MAX_NEED_LENGTH)
    .toLocaleLowerCase('fr')
    .replace(/(^|[\s(])[-–—]+(?=[\p{L}\p{N}])/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/[\p{L}\p{N}]/u.test(rest)) {
    throw emptyNeedError();
  }
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  while (rest !== '' && terms.length < MAX_NEED_TERMS) {
    const head = headOf(rest, MAX_QUERY_LENGTH);
    const parsed = parseQuery(head);
    for (const term of parsed.terms) {
      if (!seen.has(term.exact) && !/^[\d\s]+$/.test(term.exact) && !NEED_STOP_WORDS.has(term.exact)) {
        seen.add(term.exact);
        terms.push({ ...term, negated: false });
      }
    }
    // Terms beyond MAX_TERMS come back as typed: read them again with the rest of the text.
    rest = [...parsed.ignored, rest.slice(head.length)].join(' ').trim();
  }
  return terms.slice(0, MAX_NEED_TERMS);
}
