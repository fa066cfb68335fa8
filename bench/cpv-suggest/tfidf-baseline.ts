/**
 * The naive reference of the CPV suggestion evaluation, in process: TF-IDF vectors of the contract
 * objects (folded words, a short stop list, no stemming, no synonyms, no CPV labels), cosine similarity,
 * and a vote of the `K` nearest contracts for their exact CPV code, weighted by the similarity.
 * It reads the same training contracts as the suggestion (the store), so both run on the same split.
 */

/** Neighbours that vote. */
export const BASELINE_NEIGHBOURS = 10;

const STOP_WORDS = new Set(
  (
    'a au aux avec ce ces d dans de des du en et l la le les leur un une par pour sur ou son sa ses ' +
    'qui que se ne pas plus est sont il elle nous vous ils elles y n s c qu'
  ).split(' '),
);

/**
 * Words of a text: lower case, accents removed, split on anything but letters and digits, stop words and
 * one-letter words dropped.
 * @param text any text
 * @returns the words, in order, repeated as they occur
 */
export function baselineTokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word));
}

/** A trained baseline: suggests CPV codes for a text. */
export interface TfidfBaseline {
  /**
   * @param text the need
   * @param limit codes to return
   * @returns 8-digit codes, best first (ties by code)
   */
  suggest(text: string, limit: number): string[];
}

type Vector = Map<string, number>;

function normalised(vector: Vector): Vector {
  let norm = 0;
  for (const value of vector.values()) {
    norm += value * value;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) {
    for (const [term, value] of vector) {
      vector.set(term, value / norm);
    }
  }
  return vector;
}

/**
 * Builds the baseline from training contracts.
 * @param contracts objects with their 8-digit CPV code
 * @returns the baseline
 */
export function trainTfidfBaseline(contracts: { object: string; cpvCode: string }[]): TfidfBaseline {
  const documentFrequency = new Map<string, number>();
  const tokenised = contracts.map((c) => baselineTokens(c.object));
  for (const tokens of tokenised) {
    for (const term of new Set(tokens)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const count = contracts.length;
  const idf = (term: string) => Math.log((count + 1) / ((documentFrequency.get(term) ?? 0) + 1)) + 1;
  const vectorOf = (tokens: string[]): Vector => {
    const tf = new Map<string, number>();
    for (const term of tokens) {
      tf.set(term, (tf.get(term) ?? 0) + 1);
    }
    return normalised(new Map([...tf].map(([term, n]) => [term, n * idf(term)])));
  };
  const postings = new Map<string, { doc: number; weight: number }[]>();
  tokenised.forEach((tokens, doc) => {
    for (const [term, weight] of vectorOf(tokens)) {
      const list = postings.get(term) ?? [];
      list.push({ doc, weight });
      postings.set(term, list);
    }
  });

  return {
    suggest(text, limit) {
      const scores = new Map<number, number>();
      for (const [term, weight] of vectorOf(baselineTokens(text))) {
        for (const posting of postings.get(term) ?? []) {
          scores.set(posting.doc, (scores.get(posting.doc) ?? 0) + weight * posting.weight);
        }
      }
      const nearest = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, BASELINE_NEIGHBOURS);
      const votes = new Map<string, number>();
      for (const [doc, similarity] of nearest) {
        const code = contracts[doc]?.cpvCode;
        if (code !== undefined) {
          votes.set(code, (votes.get(code) ?? 0) + similarity);
        }
      }
      return [...votes]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, limit)
        .map(([code]) => code);
    },
  };
}
