import type { Kysely } from 'kysely';
import { CommuneCode } from '../shared/index.ts';
import type { Database } from '../../store/schema.ts';
import { findCommune, findCommunesByName, searchCommunes, type Commune } from './commune.repository.ts';

/**
 * Reads what a user typed in a « commune » field: an INSEE code, a name, or a name with its département
 * as the autocomplete writes it (« Rennes (35) »). A name is resolved only when exactly one commune bears
 * it: homonyms (Saint-Denis 93 and 974) and near misses are returned as candidates for the user to
 * choose, never guessed.
 */

/** Outcome of `resolveCommune`. */
export type CommuneResolution =
  /** Nothing typed. */
  | { kind: 'empty' }
  | { kind: 'found'; commune: Commune }
  /** Several communes bear the name (`exact`), or none does but some are close (`exact: false`). */
  | { kind: 'ambiguous'; text: string; exact: boolean; candidates: Commune[] }
  /** A code that is not in the COG, or a name close to no commune. */
  | { kind: 'unknown'; text: string; reason: 'code' | 'name' };

/** Candidates offered at most when a name is ambiguous. */
export const MAX_COMMUNE_CANDIDATES = 10;

const WITH_DEPARTMENT = /^(.*\S)\s*\(\s*(\d{2,3}|2[AaBb])\s*\)$/;

/**
 * The label of a commune in lists and in the autocomplete: its name and département.
 * @param commune a commune
 * @returns e.g. 'Rennes (35)', 'Ajaccio (2A)'
 */
export function communeLabel(commune: Pick<Commune, 'name' | 'departmentCode'>): string {
  return `${commune.name} (${commune.departmentCode})`;
}

/**
 * Resolves a commune typed by a user.
 * @param db the store (communes are looked up)
 * @param text an INSEE code ('35238', '2a004'), a name ('rennes', 'Saint Malo') or a label ('Rennes (35)')
 * @param options `names: false` accepts INSEE codes only (the API): any other text is `unknown`
 * @returns the commune, the candidates to choose from, or why none was found
 * @example await resolveCommune(db, 'Rennes') // { kind: 'found', commune: { inseeCode: '35238', … } }
 */
export async function resolveCommune(
  db: Kysely<Database>,
  text: string,
  options: { names?: boolean } = {},
): Promise<CommuneResolution> {
  const typed = text.trim();
  if (typed === '') {
    return { kind: 'empty' };
  }
  const code = CommuneCode.tryParse(typed);
  const commune = code.ok ? await findCommune(db, code.value) : null;
  if (commune !== null) {
    return { kind: 'found', commune };
  }
  if (options.names === false) {
    return { kind: 'unknown', text: typed, reason: 'code' };
  }
  if (/^\d/.test(typed)) {
    // Not an INSEE code: perhaps a postal code (35000 is Rennes, whose INSEE code is 35238). Offered, not taken.
    const byPostalCode = await searchCommunes(db, typed, MAX_COMMUNE_CANDIDATES);
    return byPostalCode.length === 0
      ? { kind: 'unknown', text: typed, reason: 'code' }
      : { kind: 'ambiguous', text: typed, exact: false, candidates: byPostalCode };
  }
  const labelled = WITH_DEPARTMENT.exec(typed);
  const name = labelled?.[1] ?? typed;
  const department = labelled?.[2]?.toUpperCase();
  const sameName = (await findCommunesByName(db, name)).filter(
    (commune) => department === undefined || commune.departmentCode === department,
  );
  const [only] = sameName;
  if (only !== undefined && sameName.length === 1) {
    return { kind: 'found', commune: only };
  }
  if (sameName.length > 1) {
    return {
      kind: 'ambiguous',
      text: typed,
      exact: true,
      candidates: sameName.slice(0, MAX_COMMUNE_CANDIDATES),
    };
  }
  const close = await searchCommunes(db, name, MAX_COMMUNE_CANDIDATES);
  return close.length === 0
    ? { kind: 'unknown', text: typed, reason: 'name' }
    : { kind: 'ambiguous', text: typed, exact: false, candidates: close };
}
