/**
 * Public surface of the search engine: the `SearchIndex` contract, its PostgreSQL implementation and the
 * indexer that builds its documents from the store. Other folders import from here.
 */
export * from './search-index.ts';
export { parseQuery, type ParsedQuery, type QueryTerm, type QueryAlternative } from './query-parser.ts';
export { SYNONYM_GROUPS } from './synonyms.ts';
export { reindexAll, reindexSuppliers, type ReindexReport } from './indexer.ts';
export { refreshSearchIndex, searchClock, ensureSearchIndex, type SearchRefresh } from './refresh.ts';
export { createPostgresSearchIndex, PostgresSearchIndex } from './postgres/postgres-search-index.ts';
