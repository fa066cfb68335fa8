import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { parseQuery } from '../query-parser.ts';
import type {
  SearchIndex,
  SearchOptions,
  SearchResponse,
  SearchResult,
  SearchWarning,
  SizeCategory,
} from '../search-index.ts';
import { explainRows } from './explain.ts';
import { buildFacets } from './facets.ts';
import { resolveFilters, type ResolvedFilters } from './search-filters.ts';
import { RANK_CANDIDATES, searchStatement, type PageRow, type SearchRow } from './search-sql.ts';
import { compileQuery, correctedText, type CompiledQuery } from './text-query.ts';
import { correctTypos } from './typos.ts';

/**
 * `SearchIndex` on PostgreSQL full text (configurations `fr` and `fr_exact`) and pg_trgm, over the
 * `search_documents` table that `src/search/indexer.ts` fills. Same SQL on PGlite and on PostgreSQL 15.
 *
 * A search is four short steps: validate the options (CPV list and commune looked up) while PostgreSQL
 * compiles the text into tsqueries, one statement for the matches, facets and ranked page, and one for the
 * page's explanations and highlights. Only when nothing is found are typos looked up (typos.ts) and the
 * search run again with the corrected words.
 */
export class PostgresSearchIndex implements SearchIndex {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Runs a search. Invalid filter values are ignored with a warning; a word found in no document is
   * corrected to the closest indexed word (warning `query.corrected`, `correctedQuery`).
   * @param options the request as typed
   * @returns the page, facets and warnings
   */
  async search(options: SearchOptions): Promise<SearchResponse> {
    const parsed = parseQuery(options.q);
    const [{ filters, warnings }, compiled] = await Promise.all([
      resolveFilters(this.db, options),
      compileQuery(this.db, parsed.terms),
    ]);
    let query = compiled;
    let row = await this.run(query, filters);
    if (row.total === 0 && parsed.terms.some((term) => term.correctable)) {
      const { terms, corrections } = await correctTypos(this.db, parsed.terms);
      if (corrections.length > 0) {
        query = await compileQuery(this.db, terms, corrections);
        row = await this.run(query, filters);
      }
    }
    warnings.push(...textWarnings(parsed.terms.length, parsed.ignored, query));
    if (query.match !== null && row.total > RANK_CANDIDATES) {
      warnings.push({
        code: 'ranking.capped',
        message:
          `${row.total.toLocaleString('fr-FR')} résultats : seuls les ${RANK_CANDIDATES.toLocaleString('fr-FR')} ` +
          "plus pertinents d'après le nom et l'activité sont classés finement. Précisez votre recherche ou ajoutez des filtres.",
        details: { total: row.total, ranked: RANK_CANDIDATES },
      });
    }
    const explained = await explainRows(this.db, row.results, query, filters);
    return {
      total: row.total,
      page: filters.page,
      perPage: filters.perPage,
      correctedQuery: correctedText(query.terms, query.corrections),
      results: row.results.map((pageRow) => ({
        ...toResult(pageRow, filters.near !== null),
        ...(explained.get(pageRow.id) ?? { why: [], highlights: {} }),
      })),
      facets: buildFacets(row, filters),
      warnings,
    };
  }

  /**
   * Runs the search statement; it always returns one row. JIT compilation is turned off for it: its cost
   * estimate passes `jit_above_cost` as soon as the index grows, and compiling costs more than it saves on a
   * query of tens of milliseconds (measured: +40 ms to +500 ms on PostgreSQL 15). PGlite has no JIT.
   */
  private async run(query: CompiledQuery, filters: ResolvedFilters): Promise<SearchRow> {
    const result = await this.db.transaction().execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      return searchStatement(query, filters).execute(trx);
    });
    const row = result.rows[0];
    if (row === undefined) {
      throw new Error('the search statement returned no row');
    }
    return row;
  }
}

/**
 * Creates the PostgreSQL search index over a store.
 * @param db the store (PGlite or server)
 * @returns the search index
 */
export function createPostgresSearchIndex(db: Kysely<Database>): SearchIndex {
  return new PostgresSearchIndex(db);
}

function textWarnings(termCount: number, ignored: string[], query: CompiledQuery): SearchWarning[] {
  const warnings: SearchWarning[] = [];
  if (ignored.length > 0) {
    warnings.push({
      code: 'query.too_many_terms',
      message: `Seuls les 8 premiers termes sont recherchés ; ignorés : ${ignored.map((t) => `« ${t} »`).join(', ')}.`,
      details: { ignored },
    });
  }
  if (termCount > 0 && query.match === null && query.matchExact === null) {
    warnings.push({
      code: 'query.only_stop_words',
      message:
        'Votre recherche ne contient que des mots trop courants pour être recherchés (le, de, pour…) : ' +
        'tous les résultats sont affichés.',
    });
  }
  for (const correction of query.corrections) {
    warnings.push({
      code: 'query.corrected',
      message: `Aucun document ne contient « ${correction.from} » : résultats pour « ${correction.to} ».`,
      details: correction,
    });
  }
  return warnings;
}

function toResult(row: PageRow, withDistance: boolean): Omit<SearchResult, 'why' | 'highlights'> {
  return {
    kind: 'supplier',
    siren: row.siren,
    name: row.name,
    score: Number(row.score),
    scoreParts: {
      text: Number(row.text_score),
      synonyms: Number(row.synonym_score),
      exact: Number(row.exact_score),
    },
    ...(withDistance && row.km !== null ? { distanceKm: Math.round(row.km * 10) / 10 } : {}),
    nafCode: row.naf_code,
    nafLabel: row.naf_label,
    communeCode: row.commune_code,
    departmentCode: row.department_code,
    regionCode: row.region_code,
    sizeCategory: row.size_category as SizeCategory | null,
    ess: row.ess,
    contractCount: row.contract_count,
    hasInnovativeContract: row.has_innovative_contract,
  };
}
