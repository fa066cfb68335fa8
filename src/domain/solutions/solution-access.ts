import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/index.ts';
import { unauthenticated } from '../accounts/account.errors.ts';
import {
  findOrganisationById,
  findOrganisationBySiret,
  loadOrganisationContext,
  organisationNotFound,
  type Organisation,
} from '../organisations/index.ts';
import { Siret } from '../shared/index.ts';
import { solutionNotFound } from './solution.errors.ts';
import { authorize, type SolutionAction, type SolutionContext } from './solution.policy.ts';
import { findSolution } from './solution.repository.ts';
import type { Solution } from './solution.ts';

/** Loading a solution with its organisation and deciding with the policy: the start of every command. */

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The facts the solution policy needs.
 * @param organisation the solution's organisation
 * @param solution the solution, or null for a creation
 */
export async function loadSolutionContext(
  db: Db,
  actor: Actor,
  organisation: Organisation,
  solution: Solution | null,
): Promise<SolutionContext> {
  return {
    ...(await loadOrganisationContext(db, actor, organisation)),
    organisationKind: organisation.kind,
    solutionStatus: solution?.status ?? null,
  };
}

/** A solution the actor was allowed to act on, with its organisation and the facts of the decision. */
export interface AuthorizedSolution {
  solution: Solution;
  organisation: Organisation;
  context: SolutionContext;
}

/**
 * Loads a solution (locked when `forUpdate`) and authorizes the action on it.
 * @param id the solution id
 * @param action what the actor wants to do
 * @throws DomainError `solution.not_found` (unknown, or not readable by the actor), `auth.unauthenticated`,
 *   `auth.forbidden`
 */
export async function authorizeSolution(
  db: Db,
  actor: Actor,
  id: number,
  action: SolutionAction,
  options: { forUpdate?: boolean } = {},
): Promise<AuthorizedSolution> {
  if (action !== 'read' && actor.kind === 'anonymous') {
    // An anonymous write is 401 whatever the id: nothing is revealed before authentication.
    throw unauthenticated();
  }
  const solution = await findSolution(db, id, options);
  const organisation = solution && (await findOrganisationById(db, solution.organisationId));
  if (solution === undefined || organisation === undefined) {
    throw solutionNotFound(id);
  }
  const context = await loadSolutionContext(db, actor, organisation, solution);
  authorize(context, action, id);
  return { solution, organisation, context };
}

/**
 * The organisation a new solution is created for, by id or SIRET.
 * @param key the organisation id (number) or its SIRET (14 digits, spaces allowed)
 * @throws DomainError `organisation.not_found`, `siret.*` (malformed SIRET)
 */
export async function organisationFor(db: Db, key: number | string): Promise<Organisation> {
  let organisation: Organisation | undefined;
  if (typeof key === 'number') {
    organisation = await findOrganisationById(db, key);
  } else {
    const siret = Siret.tryParse(key);
    if (!siret.ok) {
      throw siret.error;
    }
    organisation = await findOrganisationBySiret(db, siret.value);
  }
  if (organisation === undefined) {
    throw organisationNotFound(String(key));
  }
  return organisation;
}
