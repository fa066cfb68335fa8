import { CompiledQuery as KyselyQuery, sql } from 'kysely';
import { parseQuery, type SearchOptions } from '../../src/search/index.ts';
import { readFacetCache } from '../../src/search/postgres/facet-cache.ts';
import { resolveFilters } from '../../src/search/postgres/search-filters.ts';
import { planStatement } from '../../src/search/postgres/search-plan.ts';
import { SCAN_LIMIT, searchStatement } from '../../src/search/postgres/search-sql.ts';
import { compileQuery } from '../../src/search/postgres/text-query.ts';
import { openStore } from '../../src/store/database.ts';
import { WORK_MEM } from '../../src/search/postgres/postgres-search-index.ts';
import { say } from './report.ts';

/**
 * `npx tsx bench/search/explain.ts '<SearchOptions as JSON>' [database URL]`: prints the plan of the search
 * statement, `EXPLAIN (ANALYZE, BUFFERS)`, with the settings the index runs it with. For the bench database
 * kept by `npm run bench:search -- --keep` (default postgres://postgres@127.0.0.1:5432/amont_bench).
 * EXPLAIN_SETTINGS='enable_indexscan=off' tries planner settings; EXPLAIN_PREPARE='drop index …' runs
 * statements first, in the same transaction, rolled back after (to compare indexes without dropping them).
 */

/** Carries the plan out of a transaction that must be rolled back (EXPLAIN_PREPARE). */
class Rollback extends Error {
  constructor(readonly rows: Record<string, string>[]) {
    super('rollback');
  }
}

const options = JSON.parse(process.argv[2] ?? '{}') as SearchOptions;
const url = process.argv[3] ?? 'postgres://postgres@127.0.0.1:5432/amont_bench';
const store = await openStore({ databaseUrl: url, poolSize: 1 });
try {
  const db = store.db;
  const parsed = parseQuery(options.q);
  const mayUseCache = parsed.terms.length === 0 && options.near === undefined;
  const [{ filters }, query, cache] = await Promise.all([
    resolveFilters(db, options),
    compileQuery(db, parsed.terms),
    mayUseCache ? readFacetCache(db) : Promise.resolve(null),
  ]);
  const plan = planStatement(query, filters, cache, SCAN_LIMIT);
  const compiled = searchStatement(query, filters, plan).compile(db);
  const lines = await db
    .transaction()
    .execute(async (trx) => {
      await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true),
                     set_config('synchronize_seqscans', 'off', true), set_config('work_mem', ${WORK_MEM}, true)`.execute(
        trx,
      );
      // EXPLAIN_SETTINGS='enable_indexscan=off,random_page_cost=1.1': planner settings to try, for this run only.
      for (const setting of (process.env.EXPLAIN_SETTINGS ?? '').split(',').filter((s) => s.includes('='))) {
        const [name = '', value = ''] = setting.split('=');
        await sql`select set_config(${name.trim()}, ${value.trim()}, true)`.execute(trx);
      }
      // EXPLAIN_PREPARE='drop index x; …': statements run first in the same transaction, rolled back after.
      for (const statement of (process.env.EXPLAIN_PREPARE ?? '').split(';').filter((s) => s.trim() !== '')) {
        await sql.raw(statement).execute(trx);
      }
      const explained = await trx.executeQuery<Record<string, string>>(
        KyselyQuery.raw(`explain (analyze, buffers) ${compiled.sql}`, [...compiled.parameters]),
      );
      if (process.env.EXPLAIN_PREPARE !== undefined) {
        throw new Rollback(explained.rows);
      }
      return explained;
    })
    .catch((error: unknown) => {
      if (error instanceof Rollback) {
        return { rows: error.rows };
      }
      throw error;
    });
  say(lines.rows.map((row) => Object.values(row)[0]).join('\n'));
} finally {
  await store.close();
}
