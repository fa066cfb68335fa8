import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { correctedTerm, type QueryTerm } from '../query-parser.ts';

/**
 * Turns the terms of a need into weighted tsqueries, with statistics read from the store at query time
 * (nothing precomputed: a contract imported a second ago counts):
 * - each term's tsquery is built by PostgreSQL (`phraseto_tsquery('fr', …)` of each alternative: the word,
 *   its other number, its synonyms…, OR-ed); stop words give none and are dropped; two terms with the same
 *   tsquery count once;
 * - its document frequency among the contracts that have a CPV code (`contracts.object_tsv`) and among
 *   the CPV labels (`to_tsvector('fr', label)`), giving an inverse document frequency per corpus (BM25's
 *   `ln(1 + (N − df + 0.5) / (df + 0.5))`): « travaux » weighs little, « lixiviats » much;
 * - a word found in neither corpus (a typo) is replaced by the closest word of the CPV labels (pg_trgm
 *   similarity ≥ `MIN_TYPO_SIMILARITY`), the official vocabulary of public purchasing.
 */

/** Trigram similarity a typo correction needs (« chaufage » → « chauffage » is 0.73). */
export const MIN_TYPO_SIMILARITY = 0.45;

/** A term of the need, ready for the store. */
export interface NeedTerm {
  /** As typed. */
  display: string;
  /** tsquery text (`fr` configuration), never empty. */
  tsquery: string;
  /** The label word searched instead of the one typed, when it was corrected. */
  correctedTo: string | null;
  /** Contracts with a CPV code whose object contains the term. */
  contractFrequency: number;
  /** CPV labels that contain the term. */
  labelFrequency: number;
  /** Inverse document frequency among contracts (0 when there is none). */
  contractWeight: number;
  /** Inverse document frequency among CPV labels (0 when the list is empty). */
  labelWeight: number;
}

/** A need read against the store. */
export interface NeedQuery {
  terms: NeedTerm[];
  /** Contracts with a CPV code and an object: the neighbours' corpus. */
  contractCount: number;
  /** Codes of the CPV list. */
  labelCount: number;
}

/**
 * BM25 inverse document frequency, never negative.
 * @param count documents in the corpus
 * @param frequency documents containing the term
 * @returns 0 for an empty corpus
 */
export function inverseFrequency(count: number, frequency: number): number {
  return count === 0 ? 0 : Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
}

async function tsqueriesOf(db: Kysely<Database>, texts: string[]): Promise<string[]> {
  const result = await sql<{ q: string[] }>`
    select array(select phraseto_tsquery('fr', t)::text
                   from unnest(${texts}::text[]) with ordinality u(t, i) order by i) as q`.execute(db);
  return result.rows[0]?.q ?? [];
}

/**
 * One tsquery per term (alternatives OR-ed), '' for a stop word: when the word as typed is one, its
 * other forms are dropped too (« pour » is a stop word, « pours » is not).
 */
async function compileTerms(db: Kysely<Database>, terms: QueryTerm[]): Promise<string[]> {
  const alternatives = await tsqueriesOf(
    db,
    terms.flatMap((term) => term.alternatives.map((alternative) => alternative.text)),
  );
  let next = 0;
  return terms.map((term) => {
    const compiled = term.alternatives.map((alternative) => ({
      via: alternative.via,
      q: alternatives[next++] ?? '',
    }));
    if (compiled.some((c) => c.via === 'typed' && c.q === '')) {
      return '';
    }
    const own = [...new Set(compiled.map((c) => c.q).filter((q) => q !== ''))];
    return own.length === 1 ? (own[0] ?? '') : own.map((q) => `(${q})`).join(' | ');
  });
}

async function frequencies(
  db: Kysely<Database>,
  tsqueries: string[],
): Promise<{ contracts: number[]; labels: number[]; contractCount: number; labelCount: number }> {
  const result = await sql<{ contracts: number[]; labels: number[]; n_contracts: number; n_labels: number }>`
    select array(select (select count(*) from contracts c
                          where c.cpv_code is not null and c.object_tsv @@ u.q::tsquery)::int
                   from unnest(${tsqueries}::text[]) with ordinality u(q, i) order by i) as contracts,
           array(select (select count(*) from cpv_codes l where to_tsvector('fr', l.label) @@ u.q::tsquery)::int
                   from unnest(${tsqueries}::text[]) with ordinality u(q, i) order by i) as labels,
           (select count(*) from contracts c where c.cpv_code is not null and c.object is not null)::int as n_contracts,
           (select count(*) from cpv_codes)::int as n_labels`.execute(db);
  const row = result.rows[0];
  return {
    contracts: row?.contracts ?? [],
    labels: row?.labels ?? [],
    contractCount: row?.n_contracts ?? 0,
    labelCount: row?.n_labels ?? 0,
  };
}

/**
 * The closest word of the CPV labels to each word: labels containing a similar word (`<%`, trigram GIN
 * index on the folded labels), then their words by similarity.
 */
async function closestLabelWords(db: Kysely<Database>, words: string[]): Promise<(string | null)[]> {
  const result = await sql<{ word: string | null }>`
    select (select x.w from (
              select distinct w from cpv_codes l,
                     regexp_split_to_table(amont_fold(l.label), '[^a-z0-9]+') w
               where u.typed <% amont_fold(l.label) and length(w) >= 3) x
             where similarity(x.w, u.typed) >= ${MIN_TYPO_SIMILARITY}
             order by similarity(x.w, u.typed) desc, x.w limit 1) as word
      from unnest(${words}::text[]) with ordinality u(typed, i) order by u.i`.execute(db);
  return result.rows.map((row) => row.word);
}

/**
 * Reads the terms of a need against the store.
 * @param db the store
 * @param terms the terms of `readNeed`
 * @returns the terms that have a tsquery, with frequencies and weights, and the corpus sizes
 */
export async function buildNeedQuery(db: Kysely<Database>, terms: QueryTerm[]): Promise<NeedQuery> {
  if (terms.length === 0) {
    return { terms: [], contractCount: 0, labelCount: 0 };
  }
  const working = [...terms];
  const corrections: (string | null)[] = terms.map(() => null);
  let tsqueries = await compileTerms(db, working);
  let stats = await frequencies(db, tsqueries);
  const unknown = working
    .map((term, index) => ({ term, index }))
    .filter(
      ({ term, index }) =>
        term.correctable &&
        tsqueries[index] !== '' &&
        stats.contracts[index] === 0 &&
        stats.labels[index] === 0,
    );
  if (unknown.length > 0 && stats.labelCount > 0) {
    const closest = await closestLabelWords(
      db,
      unknown.map(({ term }) => term.exact),
    );
    unknown.forEach(({ term, index }, k) => {
      const word = closest[k];
      if (word != null && word !== term.exact) {
        working[index] = correctedTerm(term, word);
        corrections[index] = word;
      }
    });
    if (corrections.some((c) => c !== null)) {
      tsqueries = await compileTerms(db, working);
      stats = await frequencies(db, tsqueries);
    }
  }
  const seen = new Set<string>();
  const result: NeedTerm[] = [];
  working.forEach((term, index) => {
    const tsquery = tsqueries[index] ?? '';
    if (tsquery === '' || seen.has(tsquery)) {
      return;
    }
    seen.add(tsquery);
    const contractFrequency = stats.contracts[index] ?? 0;
    const labelFrequency = stats.labels[index] ?? 0;
    result.push({
      display: terms[index]?.display ?? term.display,
      tsquery,
      correctedTo: corrections[index] ?? null,
      contractFrequency,
      labelFrequency,
      contractWeight: inverseFrequency(stats.contractCount, contractFrequency),
      labelWeight: inverseFrequency(stats.labelCount, labelFrequency),
    });
  });
  return { terms: result, contractCount: stats.contractCount, labelCount: stats.labelCount };
}
