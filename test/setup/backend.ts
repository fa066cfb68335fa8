/** Which store the current Vitest project runs on (set per project in vitest.config.ts). */
export const testBackend: 'pglite' | 'postgres' =
  process.env.AMONT_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

/** Maintenance connection to the test PostgreSQL server (trust auth on this machine). */
export function adminUrl(): string {
  return process.env.AMONT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Prefix of every database the tests create on the server (one template per run, one clone per test file). */
export const TEST_DB_PREFIX = 'amont_test_';
