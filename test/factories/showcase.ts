import type { Insertable, Kysely } from 'kysely';
import type { Database, OrganisationsTable, SolutionsTable } from '../../src/store/schema.ts';
import { toOrganisation } from '../../src/domain/organisations/organisation.repository.ts';
import type { Organisation, MemberRole } from '../../src/domain/organisations/index.ts';
import { toSolution } from '../../src/domain/solutions/solution.repository.ts';
import type { Solution } from '../../src/domain/solutions/index.ts';
import { siretOf } from './identifiers.ts';

/**
 * Saved organisations, memberships and solutions for tests of the showcase (profiles, solutions, API
 * tokens). They write the rows directly, as the other factories do; commands are tested on their own.
 */

let counter = 0;

/**
 * Saves an organisation.
 * @param overrides columns; `siret` defaults to a new valid SIRET, `kind` to 'supplier'
 */
export async function buildOrganisation(
  db: Kysely<Database>,
  overrides: Partial<Insertable<OrganisationsTable>> = {},
): Promise<Organisation> {
  counter += 1;
  const siret = overrides.siret ?? siretOf();
  const row = await db
    .insertInto('organisations')
    .values({
      siret,
      siren: siret.slice(0, 9),
      kind: 'supplier',
      name: `Organisation ${counter}`,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}

/** Makes a user a member of an organisation. */
export async function addMember(
  db: Kysely<Database>,
  organisationId: number,
  userId: string,
  role: MemberRole = 'member',
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ organisation_id: organisationId, user_id: userId, role })
    .execute();
}

/** Makes a user a platform administrator. */
export async function makePlatformAdmin(db: Kysely<Database>, userId: string): Promise<void> {
  await db.insertInto('platform_admins').values({ user_id: userId }).execute();
}

/**
 * Saves a solution of an organisation (a draft unless `status` says otherwise; `published_at` is set for
 * a published one).
 * @param overrides columns; a complete solution by default (summary, CPV 72000000, TRL 7, national)
 */
export async function buildSolution(
  db: Kysely<Database>,
  organisation: Organisation,
  overrides: Partial<Insertable<SolutionsTable>> = {},
): Promise<Solution> {
  counter += 1;
  const status = overrides.status ?? 'draft';
  const row = await db
    .insertInto('solutions')
    .values({
      organisation_id: organisation.id,
      siren: organisation.siren,
      title: `Solution ${counter}`,
      summary: 'Un résumé de test.',
      description: 'Une description de test.',
      cpv_codes: ['72000000'],
      trl: 7,
      status,
      published_at: status === 'draft' ? null : new Date(),
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSolution(row);
}
