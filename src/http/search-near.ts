import type { Kysely } from 'kysely';
import { resolveCommune, type Commune } from '../domain/communes/index.ts';
import { DomainError } from '../domain/shared/index.ts';
import type { Database } from '../store/schema.ts';
import type { SearchParams } from './search-params.ts';

/**
 * The `near` parameter of a search, resolved to a commune before the engine runs: the engine would only
 * warn about an unknown commune and search everywhere, which a user asking « near Rennes » must not get
 * silently. The page accepts names (resolved only when a single commune bears them); the API accepts
 * INSEE codes only.
 */

/** Why `near` could not be used: the French message and, for a name, the communes to choose from. */
export interface NearProblem {
  field: 'near';
  message: string;
  /** Communes bearing or close to the name typed, best first (empty for an unknown code). */
  candidates: Commune[];
}

/** `near` resolved: the commune (null when none was asked for), or the problem to show. */
export type NearResolution =
  { commune: Commune | null; problem: null } | { commune: null; problem: NearProblem };

/**
 * Resolves the commune of a search.
 * @param db the store
 * @param params the search as read (`near` as typed)
 * @param options `names: false` for the API: only INSEE codes
 * @returns the commune, or the problem in French with its candidates
 */
export async function resolveNear(
  db: Kysely<Database>,
  params: Pick<SearchParams, 'near'>,
  options: { names: boolean },
): Promise<NearResolution> {
  const resolution = await resolveCommune(db, params.near, { names: options.names });
  switch (resolution.kind) {
    case 'empty':
      return { commune: null, problem: null };
    case 'found':
      return { commune: resolution.commune, problem: null };
    case 'ambiguous': {
      const message = resolution.exact
        ? `Plusieurs communes s’appellent « ${resolution.text} » : choisissez la vôtre.`
        : `Aucune commune ne s’appelle exactement « ${resolution.text} » : choisissez-la dans la liste.`;
      return { commune: null, problem: { field: 'near', message, candidates: resolution.candidates } };
    }
    case 'unknown': {
      const message =
        resolution.reason === 'name'
          ? `Commune inconnue : aucune commune ne s’appelle « ${resolution.text} ». Vérifiez l’orthographe, ou donnez son code INSEE.`
          : options.names
            ? `Commune inconnue : aucune commune n’a le code INSEE « ${resolution.text} ».`
            : `Commune inconnue : « ${resolution.text} » n’est le code INSEE d’aucune commune (5 caractères, par exemple 35238 pour Rennes).`;
      return { commune: null, problem: { field: 'near', message, candidates: [] } };
    }
  }
}

/**
 * The error the API answers (400) when `near` names no commune.
 * @param problem the problem found by `resolveNear`
 * @returns a DomainError `commune.unknown_code` with `details.field = 'near'`
 */
export function nearError(problem: NearProblem): DomainError {
  return new DomainError('commune.unknown_code', problem.message, {
    message: 'near names no commune',
    details: { field: 'near' },
  });
}
