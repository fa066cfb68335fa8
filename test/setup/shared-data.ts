import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where tests find the real open-data files (CPV list, DECP, SIRENE extracts…). They are not copied into
 * the repository: they stay in `../shared/data` beside it (see the style guide's layout), or wherever
 * `AMONT_SHARED_DATA` points. A relative `AMONT_SHARED_DATA` is taken from the repository root, so the
 * result does not depend on the directory the test runner was started from.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sharedDataRoot(): string {
  return path.resolve(repoRoot, process.env.AMONT_SHARED_DATA ?? '../shared/data');
}

/**
 * Absolute path of a file or folder in the shared data directory.
 * @param segments path segments below the data root, e.g. `('cpv', 'cpv_2008.csv')`
 * @returns the absolute path; the file may not exist, see `hasSharedData()`
 * @example readFileSync(sharedDataPath('cpv', 'cpv_2008.csv'), 'utf8')
 */
export function sharedDataPath(...segments: string[]): string {
  return path.join(sharedDataRoot(), ...segments);
}

/**
 * Whether the shared data directory is there, so a test can skip visibly (`it.skipIf(!hasSharedData())`)
 * rather than fail on a checkout without it.
 * @param segments optional path below the data root that must exist as well
 * @returns true when the directory (and the given path) exists
 */
export function hasSharedData(...segments: string[]): boolean {
  return fs.existsSync(sharedDataPath(...segments));
}
