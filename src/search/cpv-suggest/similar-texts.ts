import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { NeedQuery, NeedTerm } from './need-query.ts';

/**
 * The texts of the store that resemble a need, ranked by an IDF-weighted cosine computed by PostgreSQL
 * over the `fr` vectors:
 *
 *   similarity(d) = Σ_{t ∈ need ∩ d} w_t² · √n / (Σ_{t ∈ need} w_t² · √|d|), capped at 1
 *
 * where w_t is the term's inverse document frequency in the corpus, n the number of terms of the need and
 * |d| the number of distinct lexemes of the text. It is the cosine of binary TF-IDF vectors when the
 * text's words weigh, on average, as much as the need's (their weights are not stored): a text equal to
 * the need scores 1, a long text that shares one frequent word scores little. Ties: by id (contracts) or
 * code (labels), so answers are stable.
 */

/** Most contracts taken as neighbours of a need. */
export const MAX_NEIGHBOURS = 40;
/** Most CPV labels taken as matches of a need. */
export const MAX_LABEL_MATCHES = 40;
/**
 * A term found in more than this share of a corpus does not bring candidates by itself (it still counts
 * in their similarity): « travaux » or « lot » would make every other contract a candidate, none of them
 * close for that word alone. When every term of the need is that frequent, all of them bring candidates.
 */
export const MAX_CANDIDATE_SHARE = 0.05;
/** …but a term found in at most this many texts always brings candidates (a small store is read whole). */
export const MIN_CANDIDATE_FREQUENCY = 100;

/** A contract whose object resembles the need. */
export interface NeighbourContract {
  id: number;
  /** The buyer's SIRET: a buyer's many lots count as one opinion (cpv-votes.ts). */
  buyerSiret: string;
  /** 8 digits. */
  cpvCode: string;
  object: string;
  /** 0 to 1. */
  similarity: number;
  /** Indexes in `NeedQuery.terms` of the terms found in the object. */
  matched: number[];
}

/** A CPV label that shares words with the need. */
export interface LabelMatch {
  /** 8 digits. */
  code: string;
  /** 0 to 1. */
  similarity: number;
  /** Indexes in `NeedQuery.terms` of the terms found in the label. */
  matched: number[];
}

interface WeightedTerms {
  tsqueries: string[];
  weights: number[];
  /** The terms OR-ed: what a candidate must match. */
  any: string;
  /** √n / Σ w². */
  scale: number;
}

function weightedTerms(
  terms: NeedTerm[],
  corpus: { count: number; weight: (term: NeedTerm) => number; frequency: (term: NeedTerm) => number },
): WeightedTerms | null {
  const weights = terms.map(corpus.weight);
  const total = weights.reduce((sum, weight) => sum + weight * weight, 0);
  const found = terms.filter((term) => corpus.frequency(term) > 0);
  if (found.length === 0 || total === 0) {
    return null;
  }
  const cap = Math.max(MIN_CANDIDATE_FREQUENCY, MAX_CANDIDATE_SHARE * corpus.count);
  const rare = found.filter((term) => corpus.frequency(term) <= cap);
  return {
    tsqueries: terms.map((term) => term.tsquery),
    weights,
    any: (rare.length > 0 ? rare : found).map((term) => `(${term.tsquery})`).join(' | '),
    scale: Math.sqrt(terms.length) / total,
  };
}

/** `(matched indexes, similarity)` of a vector against the weighted terms, as a lateral subquery. */
function similarityOf(vector: RawBuilder<unknown>, terms: WeightedTerms) {
  return sql`(select coalesce(array_agg(t.i - 1 order by t.i), '{}') as matched,
                     least(1, coalesce(sum(t.w * t.w), 0) * ${terms.scale}::float8
                              / sqrt(greatest(length(${vector}), 1))) as similarity
                from unnest(${terms.tsqueries}::text[], ${terms.weights}::float8[]) with ordinality t(q, w, i)
               where ${vector} @@ t.q::tsquery)`;
}

/**
 * The contracts of the store whose objects best resemble the need (contracts without a CPV code are
 * left out: they cannot vote).
 * @param db the store
 * @param need the need read against the store
 * @param limit most contracts returned (default `MAX_NEIGHBOURS`)
 * @returns by similarity desc, then contract id
 */
export async function nearestContracts(
  db: Kysely<Database>,
  need: NeedQuery,
  limit = MAX_NEIGHBOURS,
): Promise<NeighbourContract[]> {
  const terms = weightedTerms(need.terms, {
    count: need.contractCount,
    weight: (term) => term.contractWeight,
    frequency: (term) => term.contractFrequency,
  });
  if (terms === null) {
    return [];
  }
  const result = await sql<{
    id: number;
    buyer_siret: string;
    cpv_code: string;
    object: string;
    similarity: number;
    matched: number[];
  }>`
    select c.id, c.buyer_siret, c.cpv_code, c.object, s.similarity, s.matched
      from contracts c
      cross join lateral ${similarityOf(sql`c.object_tsv`, terms)} s
     where c.cpv_code is not null and c.object_tsv @@ ${terms.any}::tsquery
     order by s.similarity desc, c.id
     limit ${limit}`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    buyerSiret: row.buyer_siret,
    cpvCode: row.cpv_code,
    object: row.object,
    similarity: row.similarity,
    matched: row.matched,
  }));
}

/**
 * The CPV labels that best resemble the need.
 * @param db the store
 * @param need the need read against the store
 * @param limit most labels returned (default `MAX_LABEL_MATCHES`)
 * @returns by similarity desc, then code
 */
export async function matchingLabels(
  db: Kysely<Database>,
  need: NeedQuery,
  limit = MAX_LABEL_MATCHES,
): Promise<LabelMatch[]> {
  const terms = weightedTerms(need.terms, {
    count: need.labelCount,
    weight: (term) => term.labelWeight,
    frequency: (term) => term.labelFrequency,
  });
  if (terms === null) {
    return [];
  }
  // The candidates' vectors are computed once (materialized), with the expression of the index
  // cpv_codes_label_fts_idx so that the planner uses it.
  const result = await sql<{ code: string; similarity: number; matched: number[] }>`
    with l as materialized (
      select code, to_tsvector('fr', label) as v from cpv_codes
       where to_tsvector('fr', label) @@ ${terms.any}::tsquery)
    select l.code, s.similarity, s.matched
      from l cross join lateral ${similarityOf(sql`l.v`, terms)} s
     order by s.similarity desc, l.code
     limit ${limit}`.execute(db);
  return result.rows;
}
