import { DateTime } from 'luxon';
import {
  adviseProcedure,
  isoWithOffset,
  presentMilestone,
  type Advice,
  PROCEDURES,
  type BuyerType,
  type MilestoneView,
  type PlanningWarning,
  type PurchaseNature,
} from '../planning/index.ts';
import type { DecpConsiderations } from './decp-considerations.ts';
import {
  entryOf,
  GREEN_PROCUREMENT,
  INNOVATION_PROCUREMENT,
  RESERVED_ARTICLE_LABELS,
  RESERVED_PARTICIPATION,
  SOCIAL_PROCUREMENT,
  STRATEGIC_PROCUREMENT,
  type EformsCode,
} from './eforms-codes.ts';
import type { ProjectDetails } from './find-project.ts';
import type { ProjectListItem } from './list-projects.ts';
import { placeLabel } from './place.ts';
import type { ProjectAbilities } from './project.policy.ts';
import { describeChange } from './project-diff.ts';
import type { SustainabilityReminder } from './sustainability-check.ts';
import {
  AWARD_CRITERIA_KEYS,
  AWARD_CRITERIA_LABELS,
  STATUS_LABELS,
  type PlaceKind,
  type ProjectDocument,
  type ProjectLot,
  type ProjectStatus,
  type PurchaseProject,
  type Reservation,
} from './purchase-project.ts';
import { effectiveVariants, type EffectiveVariants } from './variants.ts';

/**
 * The shapes of a project for the API and the pages: explicit fields, eForms codes with their French
 * labels, amounts in euros HT (numbers), instants as ISO 8601 with the Paris offset.
 */

/** An instant as ISO 8601 with its Paris offset, e.g. '2026-11-02T10:00:00+01:00'. */
const parisIso = (at: Date): string => isoWithOffset(DateTime.fromJSDate(at));

/** An eForms code and its label. */
export interface CodeView {
  code: string;
  label: string;
}

/** A reservation (BT-71). */
export interface ReservationView extends CodeView {
  article: string;
  articleLabel: string;
}

/** A lot. */
export interface LotView {
  number: number;
  title: string;
  cpvCodes: string[];
  estimatedValue: number | null;
  variants: EffectiveVariants;
  reserved: ReservationView | null;
  awardCriteria: { key: string; label: string; weight: number }[];
}

/** A study version. */
export interface DocumentView {
  id: number;
  title: string;
  version: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  visibility: 'public' | 'suppliers';
  createdAt: string;
  /** false for an older version of the study */
  current: boolean;
  /** download path on this site */
  url: string;
}

/** Procedure advice: the engine's, procedures with their labels (as `GET /api/v1/planning` writes them). */
export type AdviceView = Omit<Advice, 'recommended'> & { recommended: CodeView[] };

/** A recorded change. */
export interface VersionView {
  version: number;
  changedAt: string;
  changes: { path: string; before: unknown; after: unknown; text: string }[];
}

/** A project in a list. */
export interface ProjectSummaryView {
  id: number;
  reference: string | null;
  title: string;
  status: ProjectStatus;
  statusLabel: string;
  buyer: { organisationId: number; name: string };
  cpvCodes: string[];
  estimatedValue: number | null;
  place: { kind: PlaceKind; code: string; label: string } | null;
  procedure: CodeView;
  innovative: boolean;
  reserved: boolean;
  lotCount: number;
  offersDeadline: string | null;
  publishedAt: string | null;
  url: string;
}

/** A project with everything around it. */
export interface ProjectView extends ProjectSummaryView {
  need: string;
  nature: PurchaseNature;
  buyerType: BuyerType;
  budget: number | null;
  innovativePurchase: boolean;
  targetNotificationDate: string | null;
  /** `YYYY-MM-DD`; the plan runs forwards from it when there is no target notification day */
  targetStartDate: string | null;
  contact: { name: string | null; email: string | null };
  sustainability: {
    strategicProcurement: CodeView[];
    greenProcurement: CodeView[];
    socialProcurement: CodeView[];
    innovationProcurement: CodeView[];
    reserved: ReservationView | null;
    decp: DecpConsiderations;
  };
  lots: LotView[];
  documents: DocumentView[];
  planning: { milestones: (MilestoneView & { buyerSet: boolean })[]; warnings: PlanningWarning[] } | null;
  history: VersionView[];
  reminders: SustainabilityReminder[];
  /** procedure and threshold advice (issue 5 §4), for the buyer's members of a project with an estimated
   *  value that is still open (null otherwise): advice only, with the article behind each piece */
  advice: AdviceView | null;
  version: number;
  updatedAt: string;
  abilities: ProjectAbilities;
}

const codes = (list: readonly EformsCode[], values: readonly string[]): CodeView[] =>
  values.map((code) => ({ code, label: entryOf(list, code)?.label ?? code }));

/**
 * A reservation for display.
 * @param reserved a reservation, or null
 * @returns its code, eForms label, article and French article label
 */
export function presentReservation(reserved: Reservation | null): ReservationView | null {
  return reserved === null
    ? null
    : {
        code: reserved.code,
        label: entryOf(RESERVED_PARTICIPATION, reserved.code)?.label ?? reserved.code,
        article: reserved.article,
        articleLabel: RESERVED_ARTICLE_LABELS[reserved.article],
      };
}

/**
 * A lot for display.
 * @param lot the lot
 * @param project its project (procedure: variants default)
 * @returns its view
 */
export function presentLot(lot: ProjectLot, project: Pick<PurchaseProject, 'procedure'>): LotView {
  return {
    number: lot.number,
    title: lot.title,
    cpvCodes: lot.cpvCodes,
    estimatedValue: lot.estimatedValue,
    variants: effectiveVariants(lot, project.procedure),
    reserved: presentReservation(lot.reserved),
    awardCriteria: AWARD_CRITERIA_KEYS.filter((key) => lot.awardCriteria[key] !== undefined).map((key) => ({
      key,
      label: AWARD_CRITERIA_LABELS[key],
      weight: lot.awardCriteria[key]!,
    })),
  };
}

function presentDocument(document: ProjectDocument): DocumentView {
  return {
    id: document.id,
    title: document.title,
    version: document.version,
    fileName: document.fileName,
    mediaType: document.mediaType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    visibility: document.visibility,
    createdAt: parisIso(document.createdAt),
    current: document.replacedBy === null,
    url: `/projets/${document.projectId}/etudes/${document.id}`,
  };
}

/**
 * A project in a list.
 * @param item the project, its organisation's name and its lots
 * @returns its summary
 */
export function presentProjectSummary(item: ProjectListItem): ProjectSummaryView {
  const { project, lots } = item;
  return {
    id: project.id,
    reference: project.reference,
    title: project.title,
    status: project.status,
    statusLabel: STATUS_LABELS[project.status],
    buyer: { organisationId: project.organisationId, name: item.organisationName },
    cpvCodes: project.cpvCodes,
    estimatedValue: project.estimatedValue,
    place: project.place && {
      kind: project.place.kind,
      code: project.place.code,
      label: placeLabel(project.place),
    },
    procedure: { code: project.procedure, label: PROCEDURES[project.procedure].label },
    innovative:
      project.innovativePurchase ||
      project.innovationProcurement.length > 0 ||
      project.strategicProcurement.includes('inn-pur'),
    reserved: project.reserved !== null || lots.some((lot) => lot.reserved !== null),
    lotCount: lots.length,
    offersDeadline:
      project.offersDeadline === null ? null : isoWithOffset(DateTime.fromJSDate(project.offersDeadline)),
    publishedAt: project.publishedAt === null ? null : parisIso(project.publishedAt),
    url: `/projets/${project.id}`,
  };
}

/**
 * The procedure advice of a project (planning engine, `adviseProcedure`): thresholds in force on the
 * consultation's launch day (`details.launchDate`) for the project's buyer type and nature, its estimated
 * value (euros HT, all lots), the innovative-purchase exemption and the fit of the chosen procedure.
 * @param details what `getProject` returns
 * @returns the advice (recommended procedures with their labels), or null for a reader who may not edit the
 *   project, a project without an estimated value, or a closed one
 */
export function procedureAdvice(details: ProjectDetails): AdviceView | null {
  const { project } = details;
  // Awarded or abandoned: the procedure is over, nothing left to advise.
  const closed = project.status === 'awarded' || project.status === 'abandoned';
  if (!details.abilities.edit || project.estimatedValue === null || closed) {
    return null;
  }
  const advice = adviseProcedure({
    estimatedValue: project.estimatedValue,
    buyerType: project.buyerType,
    nature: project.nature,
    innovative: project.innovativePurchase,
    procedure: project.procedure,
    launchDate: details.launchDate,
  });
  return {
    ...advice,
    recommended: advice.recommended.map((code) => ({ code, label: PROCEDURES[code].label })),
  };
}

/**
 * A project with everything around it.
 * @param details what `getProject` returns
 * @returns the view
 */
export function presentProject(details: ProjectDetails): ProjectView {
  const { project, lots, planning } = details;
  return {
    ...presentProjectSummary({ project, organisationName: details.organisation.name, lots }),
    need: project.need,
    nature: project.nature,
    buyerType: project.buyerType,
    budget: project.budget,
    innovativePurchase: project.innovativePurchase,
    targetNotificationDate: project.targetNotificationDate,
    targetStartDate: project.targetStartDate,
    contact: { name: project.contactName, email: project.contactEmail },
    sustainability: {
      strategicProcurement: codes(STRATEGIC_PROCUREMENT, project.strategicProcurement),
      greenProcurement: codes(GREEN_PROCUREMENT, project.greenProcurement),
      socialProcurement: codes(SOCIAL_PROCUREMENT, project.socialProcurement),
      innovationProcurement: codes(INNOVATION_PROCUREMENT, project.innovationProcurement),
      reserved: presentReservation(project.reserved),
      decp: details.decp,
    },
    lots: lots.map((lot) => presentLot(lot, project)),
    documents: details.documents.map(presentDocument),
    planning:
      planning === null
        ? null
        : {
            milestones: planning.planning.milestones.map((m) => ({
              ...presentMilestone(m),
              buyerSet: planning.buyerSet.includes(m.code),
            })),
            warnings: planning.warnings,
          },
    history: details.versions.map((v) => ({
      version: v.version,
      changedAt: parisIso(v.changedAt),
      changes: Object.entries(v.diff).map(([path, change]) => ({
        path,
        ...change,
        text: describeChange(path, change),
      })),
    })),
    reminders: details.reminders,
    advice: procedureAdvice(details),
    version: project.version,
    updatedAt: parisIso(project.updatedAt),
    offersDeadline: planning?.offersDeadline ? isoWithOffset(planning.offersDeadline) : null,
    abilities: details.abilities,
  };
}
