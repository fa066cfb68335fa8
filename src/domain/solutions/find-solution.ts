import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/index.ts';
import { forbidden, unauthenticated } from '../accounts/account.errors.ts';
import { cpvLabels } from '../cpv/cpv.repository.ts';
import { isPlatformAdmin, type Organisation } from '../organisations/index.ts';
import { can } from './solution.policy.ts';
import { authorizeSolution, loadSolutionContext, organisationFor } from './solution-access.ts';
import {
  listDocuments,
  listRecentlyPublished,
  listSolutionsOf,
  type SolutionForReview,
} from './solution.repository.ts';
import type { Solution, SolutionDocument } from './solution.ts';

/** Reads of solutions, each filtered by what the actor may see. */

/** What the actor may do with a solution, for pages to show or hide buttons. */
export interface SolutionAbilities {
  edit: boolean;
  publish: boolean;
  moderate: boolean;
}

/** A solution with everything its page shows. */
export interface SolutionDetails {
  solution: Solution;
  organisation: Organisation;
  documents: SolutionDocument[];
  /** French labels of its CPV codes (code → label), for the codes of the imported list. */
  cpvLabels: Map<string, string>;
  abilities: SolutionAbilities;
}

/**
 * A solution, for whoever may read it: anyone when it is published by an active organisation, its
 * members and the platform admins otherwise.
 * @param id the solution id
 * @throws DomainError `solution.not_found` (unknown, or not readable by the actor)
 */
export async function getSolution(db: Kysely<Database>, actor: Actor, id: number): Promise<SolutionDetails> {
  const { solution, organisation, context } = await authorizeSolution(db, actor, id, 'read');
  return {
    solution,
    organisation,
    documents: await listDocuments(db, id),
    cpvLabels: await cpvLabels(db, solution.cpvCodes),
    abilities: {
      edit: can(context, 'edit'),
      publish: can(context, 'publish'),
      moderate: can(context, 'moderate'),
    },
  };
}

/**
 * The solutions of an organisation the actor may see: all of them for its members and the platform
 * admins, the published ones (while the organisation is active) for everyone else.
 * @param organisation its id or SIRET
 * @returns the organisation, its solutions (most recently changed first) and whether the actor may add one
 * @throws DomainError `organisation.not_found`, `siret.*`
 */
export async function listOrganisationSolutions(
  db: Kysely<Database>,
  actor: Actor,
  organisation: number | string,
): Promise<{ organisation: Organisation; solutions: Solution[]; canCreate: boolean }> {
  const owner = await organisationFor(db, organisation);
  const context = await loadSolutionContext(db, actor, owner, null);
  const all = context.role !== null || context.platformAdmin;
  const solutions =
    all || owner.status === 'active'
      ? await listSolutionsOf(db, owner.id, all ? undefined : ['published'])
      : [];
  return { organisation: owner, solutions, canCreate: can(context, 'edit') };
}

/**
 * Recently published solutions for the moderation queue, newest first (suspended ones included, marked).
 * @param actor a platform admin
 * @param limit at most this many (default 50, at most 200)
 * @throws DomainError `auth.unauthenticated`, `auth.forbidden`
 */
export async function listSolutionsForReview(
  db: Kysely<Database>,
  actor: Actor,
  limit = 50,
): Promise<SolutionForReview[]> {
  if (actor.kind === 'anonymous') {
    throw unauthenticated();
  }
  if (!(await isPlatformAdmin(db, actor))) {
    throw forbidden();
  }
  return listRecentlyPublished(db, Math.min(Math.max(limit, 1), 200));
}
