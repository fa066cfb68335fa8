import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { QueryAlternative, QueryTerm } from '../query-parser.ts';

/**
 * Compiles parsed terms into tsquery texts, built by PostgreSQL itself from one word or phrase at a time
 * (`phraseto_tsquery`, which reads no operator), then combined here with `&`, `|` and `!`. The texts are
 * passed back as `$n::tsquery` parameters: the planner sees constants and uses the GIN index.
 */

/** An alternative with its tsquery ('' when it holds only stop words). */
export interface CompiledAlternative extends QueryAlternative {
  tsquery: string;
}

/** A term with its tsqueries. */
export interface CompiledTerm {
  term: QueryTerm;
  alternatives: CompiledAlternative[];
  /** `fr` tsquery: the alternatives OR-ed; '' for a term of stop words only. */
  tsquery: string;
  /** `fr_exact` tsquery of the words as typed (phrase); '' when none. */
  exact: string;
}

/** What the search query needs. Null fields mean "no condition". */
export interface CompiledQuery {
  terms: CompiledTerm[];
  /** Matching condition on `tsv` (stemmed): positive terms ANDed, negated ones NOT-ed. */
  match: string | null;
  /** Matching condition on `tsv_exact`: quoted phrases, word for word. */
  matchExact: string | null;
  /** Ranking query on `tsv`: the terms as typed (with their other number, abbreviation, correction). */
  rankText: string | null;
  /** Ranking query on `tsv`: the synonyms of the terms, OR-ed (ranked at `SYNONYM_WEIGHT`). */
  rankSynonyms: string | null;
  /** Ranking query on `tsv_exact`: the words as typed, OR-ed. */
  rankExact: string | null;
  /** For ts_headline: every positive alternative OR-ed. */
  highlight: string | null;
  /** Words replaced by typo correction. */
  corrections: { from: string; to: string }[];
}

const paren = (text: string): string => `(${text})`;

function joinQueries(parts: string[], operator: '&' | '|'): string {
  const kept = parts.filter((part) => part !== '');
  return kept.length === 0 ? '' : kept.map(paren).join(` ${operator} `);
}

/** Asks PostgreSQL, in one statement, for the tsquery of every alternative (`fr`) and exact form (`fr_exact`). */
async function compileTerms(db: Kysely<Database>, terms: QueryTerm[]): Promise<CompiledTerm[]> {
  const texts = terms.flatMap((term) => term.alternatives.map((alternative) => alternative.text));
  const exacts = terms.map((term) => term.exact);
  const result = await sql<{ fr: string[]; exact: string[] }>`
    select array(select phraseto_tsquery('fr', t)::text from unnest(${texts}::text[]) with ordinality u(t, i) order by i) as fr,
           array(select phraseto_tsquery('fr_exact', t)::text from unnest(${exacts}::text[]) with ordinality u(t, i) order by i) as exact`.execute(
    db,
  );
  const row = result.rows[0] ?? { fr: [], exact: [] };
  let next = 0;
  return terms.map((term, index) => {
    const alternatives = term.alternatives.map((alternative) => ({
      ...alternative,
      tsquery: row.fr[next++] ?? '',
    }));
    return {
      term,
      alternatives,
      tsquery: joinQueries([...new Set(alternatives.map((alternative) => alternative.tsquery))], '|'),
      exact: row.exact[index] ?? '',
    };
  });
}

/**
 * Compiles parsed terms: one tsquery per alternative, combined into the matching and ranking queries.
 * @param db the store (text search configurations)
 * @param terms the parsed terms (typos already corrected, see typos.ts)
 * @param corrections the corrections made to `terms`, kept for the response
 * @returns the tsquery texts; `match` is null when no term has a searchable word (stop words only)
 */
export async function compileQuery(
  db: Kysely<Database>,
  terms: QueryTerm[],
  corrections: { from: string; to: string }[] = [],
): Promise<CompiledQuery> {
  const compiled = terms.length === 0 ? [] : await compileTerms(db, terms);
  const positive = compiled.filter((term) => !term.term.negated && term.tsquery !== '');
  const negated = compiled.filter((term) => term.term.negated);
  const match = [
    ...positive.map((term) => paren(term.tsquery)),
    ...negated
      .filter((term) => !term.term.quoted && term.tsquery !== '')
      .map((term) => `!${paren(term.tsquery)}`),
  ];
  const matchExact = [
    ...compiled
      .filter((term) => term.term.quoted && !term.term.negated && term.exact !== '')
      .map((term) => paren(term.exact)),
    ...negated.filter((term) => term.term.quoted && term.exact !== '').map((term) => `!${paren(term.exact)}`),
  ];
  const literal = (term: CompiledTerm, synonyms: boolean) =>
    joinQueries(
      [
        ...new Set(
          term.alternatives
            .filter((alternative) => (alternative.via === 'synonym') === synonyms)
            .map((alternative) => alternative.tsquery),
        ),
      ],
      '|',
    );
  const rankText = joinQueries(
    positive.map((term) => literal(term, false)),
    '&',
  );
  const rankSynonyms = joinQueries(
    positive.map((term) => literal(term, true)),
    '|',
  );
  const rankExact = joinQueries(
    positive.map((term) => term.exact),
    '|',
  );
  const highlight = joinQueries(
    positive.flatMap((term) => term.alternatives.map((alternative) => alternative.tsquery)),
    '|',
  );
  return {
    terms: compiled.filter((term) => term.tsquery !== '' || term.term.quoted),
    match: match.length === 0 ? null : match.join(' & '),
    matchExact: matchExact.length === 0 ? null : matchExact.join(' & '),
    rankText: rankText === '' ? null : rankText,
    rankSynonyms: rankSynonyms === '' ? null : rankSynonyms,
    rankExact: rankExact === '' ? null : rankExact,
    highlight: highlight === '' ? null : highlight,
    corrections,
  };
}

/**
 * The query as searched after corrections, for « Résultats pour … ».
 * @param terms the compiled terms
 * @param corrections the corrections made
 * @returns the text with each corrected word replaced, or null when nothing was corrected
 */
export function correctedText(
  terms: CompiledTerm[],
  corrections: { from: string; to: string }[],
): string | null {
  if (corrections.length === 0) {
    return null;
  }
  return terms
    .map(({ term }) => {
      const correction = corrections.find((c) => c.from === term.display);
      const shown = correction?.to ?? term.display;
      return `${term.negated ? '-' : ''}${shown}`;
    })
    .join(' ');
}
