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
import { readFacetCache, type FacetCounts } from './facet-cache.ts';
import { buildFacets } from './facets.ts';
import { resolveFilters, type ResolvedFilters } from './search-filters.ts';
import { planStatement, partialWarnings, totalFromCache } from './search-plan.ts';
import { RANK_CANDIDATES, SCAN_LIMIT, searchStatement, type PageRow, type SearchRow } from './search-sql.ts';
import { compileQuery, correctedText, type CompiledQuery } from './text-query.ts';
import { correctTypos } from './typos.ts';

/**
 * Memory of each sort, hash and bitmap of the search statement. With the default 4 MB, the bitmap of a word
 * found in 200,000 documents turns lossy and every row of its pages is checked again: measured on 1,000,000
 * documents, `travaux` with a région filter went from 320 to 180 ms of CPU. Set for the statement only.
 */
export const WORK_MEM = '32MB';

/** Options of the PostgreSQL search index. */
export interface PostgresSearchOptions {
  /** Matching documents read at most per scan (default `SCAN_LIMIT`); above, counts are partial. */
  scanLimit?: number | undefined;
}

/**
 * `SearchIndex` on PostgreSQL full text (configurations `fr` and `fr_exact`) and pg_trgm, over the
 * `search_documents` table that `src/search/indexer.ts` fills. Same SQL on PGlite and on PostgreSQL 15.
 *
 * A search is four short steps: validate the options (CPV list and commune looked up) while PostgreSQL
 * compiles the text into tsqueries, one statement for the matches, facets and ranked page, and one for the
 * page's explanations and highlights. Only when nothing is found are typos looked up (typos.ts) and the
 * search run again with the corrected words. Its work is bounded (search-sql.ts): past `scanLimit`
 * matches, the total is a lower bound and facet counts are partial, and the response says so.
 */
export class PostgresSearchIndex implements SearchIndex {
  private readonly scanLimit: number;

  constructor(
    private readonly db: Kysely<Database>,
    options: PostgresSearchOptions = {},
  ) {
    this.scanLimit = Math.max(RANK_CANDIDATES, options.scanLimit ?? SCAN_LIMIT);
  }

  /**
   * Runs a search. Invalid filter values are ignored with a warning; a word found in no document is
   * corrected to the closest indexed word (warning `query.corrected`, `correctedQuery`).
   * @param options the request as typed
   * @returns the page, facets and warnings
   */
  async search(options: SearchOptions): Promise<SearchResponse> {
    const parsed = parseQuery(options.q);
    // The empty query's counts can only serve a search without text and radius.
    const mayUseCache = parsed.terms.length === 0 && (options.near?.inseeCode.trim() ?? '') === '';
    const [{ filters, warnings }, compiled, cache] = await Promise.all([
      resolveFilters(this.db, options),
      compileQuery(this.db, parsed.terms),
      mayUseCache ? readFacetCache(this.db) : Promise.resolve(null),
    ]);
    let query = compiled;
    let row = await this.run(query, filters, cache);
    if (row.total === 0 && parsed.terms.some((term) => term.correctable)) {
      const { terms, corrections } = await correctTypos(this.db, parsed.terms);
      if (corrections.length > 0) {
        query = await compileQuery(this.db, terms, corrections);
        row = await this.run(query, filters, cache);
      }
    }
    const plan = planStatement(query, filters, cache, this.scanLimit);
    const cachedTotal = row.hits_partial || row.total === null ? totalFromCache(filters, plan, cache) : null;
    const total = cachedTotal ?? row.total ?? 0;
    const totalPartial = cachedTotal === null && row.hits_partial;
    warnings.push(...textWarnings(parsed.terms.length, parsed.ignored, query));
    if (query.match !== null && total > RANK_CANDIDATES) {
      warnings.push({
        code: 'ranking.capped',
        message:
          `${totalPartial ? 'Au moins ' : ''}${total.toLocaleString('fr-FR')} résultats : seuls les ` +
          `${RANK_CANDIDATES.toLocaleString('fr-FR')} plus pertinents d'après le nom et l'activité sont classés ` +
          'finement. Précisez votre recherche ou ajoutez des filtres.',
        details: { total, ranked: RANK_CANDIDATES },
      });
    }
    const partial = partialWarnings(row, plan, totalPartial);
    warnings.push(...partial.warnings);
    const explained = await explainRows(this.db, row.results, query, filters);
    return {
      total,
      page: filters.page,
      perPage: filters.perPage,
      correctedQuery: correctedText(query.terms, query.corrections),
      results: row.results.map((pageRow) => ({
        ...toResult(pageRow, filters.near !== null),
        ...(explained.get(pageRow.id) ?? { why: [], highlights: {} }),
      })),
      facets: buildFacets(mergeCounts(row, cache), filters),
      warnings,
      ...(partial.flags === null ? {} : { partial: partial.flags }),
    };
  }

  /**
   * Runs the search statement; it always returns one row. In its transaction: no JIT (its cost estimate
   * passes `jit_above_cost` as soon as the index grows, and compiling costs more than it saves on a query
   * of tens of milliseconds: +40 ms to +500 ms measured on PostgreSQL 15; PGlite has no JIT), no parallel
   * workers and no synchronised sequential scans (both would change which documents a bounded scan reads
   * first, so the same search could answer differently), and `WORK_MEM` for its bitmaps.
   */
  private async run(
    query: CompiledQuery,
    filters: ResolvedFilters,
    cache: FacetCounts | null,
  ): Promise<SearchRow> {
    const plan = planStatement(query, filters, cache, this.scanLimit);
    const result = await this.db.transaction().execute(async (trx) => {
      await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),
                       set_config('synchronize_seqscans', 'off', true), set_config('work_mem', ${WORK_MEM}, true)`.execute(
        trx,
      );
      return searchStatement(query, filters, plan).execute(trx);
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
 * @param options `scanLimit`: matching documents read at most per scan (default `SCAN_LIMIT`, 5,000)
 * @returns the search index
 */
export function createPostgresSearchIndex(
  db: Kysely<Database>,
  options: PostgresSearchOptions = {},
): SearchIndex {
  return new PostgresSearchIndex(db, options);
}

/** The statement's counts, completed with the cached ones where the plan took them from the cache. */
function mergeCounts(row: SearchRow, cache: FacetCounts | null): Omit<FacetCounts, 'total'> {
  const empty = { ess: 0, hasContracts: 0, hasInnovativeContract: 0 };
  return {
    naf: row.naf ?? cache?.naf ?? [],
    region: row.region ?? cache?.region ?? [],
    dept: row.dept ?? cache?.dept ?? [],
    size: row.size ?? cache?.size ?? [],
    cpv: row.cpv ?? cache?.cpv ?? [],
    flags: { ...empty, ...cache?.flags, ...row.flags },
    trl: row.trl ?? cache?.trl ?? [],
    innovation: row.innovation ?? cache?.innovation ?? [],
  };
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
