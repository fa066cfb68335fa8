import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/index.ts';
import { forbidden, unauthenticated } from '../accounts/account.errors.ts';
import {
  findOrganisationById,
  loadOrganisationContext,
  organisationNotFound,
  type Organisation,
} from '../organisations/index.ts';
import { PARIS_ZONE, todayInParis } from '../shared/index.ts';
import { decpConsiderations, type DecpConsiderations } from './decp-considerations.ts';
import { loadProject } from './project-access.ts';
import { abilitiesOf, type ProjectAbilities } from './project.policy.ts';
import { listDocuments } from './project-documents.repository.ts';
import { planProject, type ProjectPlanning } from './project-planning.ts';
import { listLots, listVersions, toProject } from './project.repository.ts';
import { checkSustainability, type SustainabilityReminder } from './sustainability-check.ts';
import type { ProjectDocument, ProjectLot, ProjectVersion, PurchaseProject } from './purchase-project.ts';

/** Reading a project with everything its page shows, and the list of an organisation's projects. */

/** A project and everything around it. */
export interface ProjectDetails {
  project: PurchaseProject;
  organisation: Organisation;
  lots: ProjectLot[];
  /** every version of every study (readers see reserved ones listed, downloads need the right) */
  documents: ProjectDocument[];
  /** changes after publication, newest first */
  versions: ProjectVersion[];
  /** the retro-planning, null without a target notification day */
  planning: ProjectPlanning | null;
  /** the consultation's launch day: the plan's first milestone, or today without a plan */
  launchDate: string;
  /** social and environmental reminders, for the buyer's members only (empty for others) */
  reminders: SustainabilityReminder[];
  decp: DecpConsiderations;
  abilities: ProjectAbilities;
}

/**
 * A project for whoever may read it.
 * @param actor who asks
 * @param id the project
 * @param today the current day in Paris (`YYYY-MM-DD`), for the plan's warnings and the reminders
 * @returns the details
 * @throws DomainError `project.not_found` (unknown, or a draft the actor may not read)
 */
export async function getProject(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  today: string = todayInParis(),
): Promise<ProjectDetails> {
  const { project, organisation, context } = await loadProject(db, actor, id, 'read');
  const [lots, documents, versions] = await Promise.all([
    listLots(db, id),
    listDocuments(db, id),
    listVersions(db, id),
  ]);
  const planning = planProject(project, today);
  // The consultation is launched when its notice (or quotation request) goes out, not when sourcing starts.
  const milestones = planning?.planning.milestones ?? [];
  const launch = (milestones.find((m) => m.basis === 'start') ?? milestones[0])?.at
    .setZone(PARIS_ZONE)
    .toFormat('yyyy-MM-dd');
  const launchDate = launch ?? today;
  const abilities = abilitiesOf(context);
  return {
    project,
    organisation,
    lots,
    documents,
    versions,
    planning,
    launchDate,
    reminders: abilities.edit ? checkSustainability(project, lots, launchDate) : [],
    decp: decpConsiderations(project, lots),
    abilities,
  };
}

/**
 * Every project of an organisation, drafts included, for its members.
 * @param actor a member of the organisation
 * @param organisationId the organisation
 * @returns the organisation and its projects, newest first
 * @throws DomainError `organisation.not_found`, `auth.unauthenticated`, `auth.forbidden`
 */
export async function listOrganisationProjects(
  db: Kysely<Database>,
  actor: Actor,
  organisationId: number,
): Promise<{ organisation: Organisation; projects: PurchaseProject[] }> {
  const organisation = await findOrganisationById(db, organisationId);
  if (organisation === undefined) {
    throw organisationNotFound(String(organisationId));
  }
  // Drafts are for the organisation's members only (not even platform admins: nothing there to moderate).
  const { role } = await loadOrganisationContext(db, actor, organisation);
  if (role === null) {
    throw actor.kind === 'anonymous' ? unauthenticated() : forbidden();
  }
  const rows = await db
    .selectFrom('purchase_projects')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return { organisation, projects: rows.map(toProject) };
}
