import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { inflections } from '../french-text.ts';
import { correctedTerm, type QueryTerm } from '../query-parser.ts';

/**
 * Typo correction (« did you mean »), only when a search found nothing: a word found nowhere in the
 * documents, under any of its forms or stems, is replaced by the closest word of `search_lexicon` (pg_trgm
 * similarity ≥ `MIN_SIMILARITY` among the `NEAREST_WORDS` nearest by the GiST trigram index, the most
 * frequent one on a tie). The search is then run again and the correction announced, so a loose threshold
 * costs little. Queries that find something never pay for the lookup.
 */

/** Trigram similarity a correction needs (pg_trgm's default for `%` is 0.3; « capetur » → « capteurs » is 0.21). */
export const MIN_SIMILARITY = 0.2;
const NEAREST_WORDS = 5;

/** A word replaced: as typed, and the indexed word searched instead. */
export interface Correction {
  from: string;
  to: string;
}

/**
 * Corrects the words of a query that appear in no document.
 * @param db the store (search_lexicon)
 * @param terms the parsed terms; only `correctable` ones (single words of 4 letters or more) are looked up
 * @returns the terms with unknown words replaced when the lexicon has a close word, and the corrections
 */
export async function correctTypos(
  db: Kysely<Database>,
  terms: QueryTerm[],
): Promise<{ terms: QueryTerm[]; corrections: Correction[] }> {
  const candidates = terms.map((term, index) => ({ term, index })).filter(({ term }) => term.correctable);
  if (candidates.length === 0) {
    return { terms, corrections: [] };
  }
  const formIndexes: number[] = [];
  const forms: string[] = [];
  for (const { term, index } of candidates) {
    for (const form of [term.exact, ...inflections(term.exact)]) {
      formIndexes.push(index);
      forms.push(form);
    }
  }
  // Known words are found by the primary key or the stem index; only the others get a suggestion.
  const rows = await sql<{ i: number; suggestion: string | null }>`
    with words(i, word) as (
      select * from unnest(${candidates.map((c) => c.index)}::int[], ${candidates.map((c) => c.term.exact)}::text[])),
    forms(i, form, stem) as (
      select i, form, (ts_lexize('french_stem', form))[1] from unnest(${formIndexes}::int[], ${forms}::text[]) u(i, form))
    select w.i, (select n.word from (
                   select l.word, l.ndoc, similarity(l.word, w.word) as sim from search_lexicon l
                    order by l.word <-> w.word limit ${NEAREST_WORDS}) n
                  where n.sim >= ${MIN_SIMILARITY} order by n.sim desc, n.ndoc desc, n.word limit 1) as suggestion
      from words w
     where not exists (select 1 from forms f join search_lexicon l on l.word = f.form where f.i = w.i)
       and not exists (select 1 from forms f join search_lexicon l on l.stem = f.stem where f.i = w.i)`.execute(
    db,
  );
  const corrected = [...terms];
  const corrections: Correction[] = [];
  for (const row of rows.rows) {
    const term = terms[row.i];
    if (term !== undefined && row.suggestion !== null && row.suggestion !== term.exact) {
      corrected[row.i] = correctedTerm(term, row.suggestion);
      corrections.push({ from: term.display, to: row.suggestion });
    }
  }
  return { terms: corrected, corrections };
}
