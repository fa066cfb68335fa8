import { sql, type Kysely } from 'kysely';
import { CpvCode, DomainError } from '../../domain/shared/index.ts';
import type { Database } from '../../store/schema.ts';
import { rankCodes } from './cpv-votes.ts';
import { buildNeedQuery } from './need-query.ts';
import { readNeed } from './read-need.ts';
import { matchingLabels, nearestContracts } from './similar-texts.ts';
import { explainCode } from './why.ts';

/**
 * « Décrire mon besoin »: the CPV 2008 codes that fit a need written in French, from the CPV labels and
 * from the contracts of the store whose objects resemble it (see cpv-votes.ts for the scoring). It learns
 * only from the store at the time of the call: importing contracts changes the next answer.
 */

/** Suggestions returned by default. */
export const DEFAULT_SUGGESTIONS = 5;
/** Most suggestions returned. */
export const MAX_SUGGESTIONS = 20;

/** One suggested code. */
export interface CpvSuggestion {
  /** 8 digits, e.g. '45210000'. */
  code: string;
  /** The check digit of the CPV 2008 list (`cpv_codes.check_digit`), e.g. '2' (written 45210000-2). */
  checkDigit: string;
  /** French label of the CPV 2008 list. */
  label: string;
  /** 1 division … 7 (CpvCode.level). */
  level: number;
  /**
   * Strength of the evidence for this code relative to the strongest code (1), 4 decimals. The list is
   * ordered by score, except its first suggestion, which is the best code of the most supported division.
   */
  score: number;
  /** Why, in French (see why.ts), strongest evidence first. */
  why: string[];
}

/** The answer for a need. */
export interface CpvSuggestions {
  suggestions: CpvSuggestion[];
  /** Words of the need that were searched (stop words left out), as typed. */
  searchedTerms: string[];
  /** Mistyped words replaced by a word of the CPV labels. */
  corrections: { from: string; to: string }[];
}

async function listedCodes(
  db: Kysely<Database>,
  codes: string[],
): Promise<Map<string, { checkDigit: string; label: string; level: number }>> {
  const all = [...new Set(codes.flatMap((code) => [code, ...CpvCode.ancestors(code as CpvCode)]))];
  if (all.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('cpv_codes')
    .select(['code', 'check_digit', 'label', 'level'])
    .where('code', '=', sql<string>`any(${all}::char(8)[])`)
    .execute();
  return new Map(rows.map((r) => [r.code, { checkDigit: r.check_digit, label: r.label, level: r.level }]));
}

function limitOf(limit: number | undefined): number {
  const value = limit ?? DEFAULT_SUGGESTIONS;
  if (!Number.isInteger(value) || value < 1 || value > MAX_SUGGESTIONS) {
    throw new DomainError(
      'cpv_suggest.invalid_limit',
      `Le nombre de suggestions doit être un entier de 1 à ${MAX_SUGGESTIONS}.`,
      { message: `invalid limit ${String(limit)}`, details: { field: 'limit' } },
    );
  }
  return value;
}

/**
 * Suggests CPV codes for a need.
 * @param db the store (contracts with their `object_tsv`, `cpv_codes`)
 * @param options `q` the need in French (up to 2,000 characters are read), `limit` 1 to 20 (default 5)
 * @returns the best code of the most supported division, then the others by score desc (ties by code),
 *   each with its label, check digit and reasons; none when the need has only stop words or nothing in the
 *   store resembles it
 * @throws DomainError `cpv_suggest.invalid_query` (field `q`) when the need is empty or blank,
 *   `cpv_suggest.invalid_limit` (field `limit`) when the limit is out of range
 * @example (await suggestCpv(db, { q: 'entretien des espaces verts' })).suggestions[0]
 *   // { code: '77310000', checkDigit: '6', label: 'Services de plantation et d’entretien des espaces verts', … }
 */
export async function suggestCpv(
  db: Kysely<Database>,
  options: { q: string; limit?: number | undefined },
): Promise<CpvSuggestions> {
  const limit = limitOf(options.limit);
  const need = await buildNeedQuery(db, readNeed(options.q));
  const [neighbours, labels] = await Promise.all([nearestContracts(db, need), matchingLabels(db, need)]);
  const listed = await listedCodes(db, [...neighbours.map((n) => n.cpvCode), ...labels.map((l) => l.code)]);
  const ranked = rankCodes(neighbours, labels, (code) => listed.has(code)).slice(0, limit);
  return {
    suggestions: ranked.map((evidence) => {
      const entry = listed.get(evidence.code)!;
      return {
        code: evidence.code,
        checkDigit: entry.checkDigit,
        label: entry.label,
        level: entry.level,
        score: Math.round(evidence.score * 10_000) / 10_000,
        why: explainCode(evidence, need.terms, (code) => listed.get(code)?.label),
      };
    }),
    searchedTerms: need.terms.map((term) => term.display),
    corrections: need.terms
      .filter((term) => term.correctedTo !== null)
      .map((term) => ({ from: term.display, to: term.correctedTo! })),
  };
}
