import type { BuyerType, MilestoneCode, ProcedureCode, PurchaseNature } from '../planning/index.ts';
import type {
  GreenProcurementCode,
  InnovationProcurementCode,
  ReservedArticle,
  ReservedParticipationCode,
  SocialProcurementCode,
  StrategicProcurementCode,
  VariantPolicy,
} from './eforms-codes.ts';
import { invalidTransition } from './project.errors.ts';

/**
 * Types and pure rules of a purchase project (« projet d'achat »): what a buyer organisation publishes
 * upstream of a tender, its lots, its studies, its states. Amounts are euros HT; days are calendar days in
 * Europe/Paris (`YYYY-MM-DD`); eForms codes as in eforms-codes.ts.
 */

/** States of a project. */
export const PROJECT_STATUSES = ['draft', 'published', 'tender_launched', 'awarded', 'abandoned'] as const;
/** `draft` → `published` → `tender_launched` → `awarded`; `abandoned` from any state before awarded. */
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** French names of the states. */
export const STATUS_LABELS: Readonly<Record<ProjectStatus, string>> = {
  draft: 'brouillon',
  published: 'publié',
  tender_launched: 'consultation lancée',
  awarded: 'attribué',
  abandoned: 'abandonné',
};

/** What moves a project from one state to another. */
export type ProjectTransition = 'publish' | 'launchTender' | 'award' | 'abandon';

const TRANSITIONS: Readonly<
  Record<ProjectTransition, { from: readonly ProjectStatus[]; to: ProjectStatus }>
> = {
  publish: { from: ['draft'], to: 'published' },
  launchTender: { from: ['published'], to: 'tender_launched' },
  award: { from: ['tender_launched'], to: 'awarded' },
  abandon: { from: ['draft', 'published', 'tender_launched'], to: 'abandoned' },
};

const REFUSALS: Readonly<Record<ProjectTransition, (from: ProjectStatus) => string>> = {
  publish: (from) => `Ce projet ne peut pas être publié : il est déjà ${STATUS_LABELS[from]}.`,
  launchTender: (from) =>
    from === 'draft'
      ? 'Publiez d’abord le projet : la consultation ne se lance que pour un projet publié.'
      : `La consultation ne peut pas être lancée : le projet est ${STATUS_LABELS[from]}.`,
  award: (from) =>
    `Le projet ne peut être attribué qu’une fois la consultation lancée (il est ${STATUS_LABELS[from]}).`,
  abandon: (from) => `Ce projet ne peut plus être abandonné : il est ${STATUS_LABELS[from]}.`,
};

/**
 * The state a transition leads to.
 * @param from the current state
 * @param transition publish, launchTender, award or abandon
 * @returns the new state
 * @throws DomainError `project.invalid_transition` (French message naming the current state)
 * @example nextStatus('draft', 'publish') // 'published'
 */
export function nextStatus(from: ProjectStatus, transition: ProjectTransition): ProjectStatus {
  const rule = TRANSITIONS[transition];
  if (!rule.from.includes(from)) {
    throw invalidTransition(REFUSALS[transition](from), from, transition);
  }
  return rule.to;
}

/** Kinds of place of execution (COG codes). */
export const PLACE_KINDS = ['commune', 'departement', 'region'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** The place of execution (DECP `lieuExecution`; eForms BT-5071/BT-5131). */
export interface Place {
  kind: PlaceKind;
  /** COG code of that kind, e.g. '35238', '35', '53' */
  code: string;
  /** département of the place (the place itself for a département; null for a région) */
  department: string | null;
  /** région of the place */
  region: string | null;
}

/** A reservation of participation (BT-71) and the CCP article it rests on. */
export interface Reservation {
  code: Exclude<ReservedParticipationCode, 'none'>;
  article: ReservedArticle;
}

/** What a buyer may weigh in the award criteria of a lot. */
export const AWARD_CRITERIA_KEYS = ['price', 'technical', 'social', 'environmental', 'innovation'] as const;
export type AwardCriterionKey = (typeof AWARD_CRITERIA_KEYS)[number];
/** Declared weights, percent (integers summing to 100 when any is given). */
export type AwardCriteria = Partial<Record<AwardCriterionKey, number>>;

/** French names of the award criteria. */
export const AWARD_CRITERIA_LABELS: Readonly<Record<AwardCriterionKey, string>> = {
  price: 'Prix',
  technical: 'Valeur technique',
  social: 'Performance sociale',
  environmental: 'Performance environnementale',
  innovation: 'Innovation',
};

/** The fields a buyer edits on a project. */
export interface ProjectFields {
  reference: string | null;
  title: string;
  /** the need, described as a problem (the solution may be unknown) */
  need: string;
  nature: PurchaseNature;
  buyerType: BuyerType;
  /** CPV 2008, 8 digits each, main code first */
  cpvCodes: string[];
  /** euros HT, all lots and renewals */
  estimatedValue: number | null;
  /** euros HT */
  budget: number | null;
  place: Place | null;
  procedure: ProcedureCode;
  /** innovative purchase (L2172-3); with PNSPMC, the exemption of R2122-9-1 below 100 000 € HT */
  innovativePurchase: boolean;
  /** `YYYY-MM-DD` */
  targetNotificationDate: string | null;
  /** launch day aimed at (notice sent), `YYYY-MM-DD`: without a notification day, the plan runs forwards from it */
  targetStartDate: string | null;
  /** milestones set by the buyer: code → ISO 8601 instant with the Paris offset */
  targetDates: Partial<Record<MilestoneCode, string>>;
  contactName: string | null;
  contactEmail: string | null;
  strategicProcurement: StrategicProcurementCode[];
  greenProcurement: GreenProcurementCode[];
  socialProcurement: SocialProcurementCode[];
  innovationProcurement: InnovationProcurementCode[];
  reserved: Reservation | null;
}

/** A saved project. */
export interface PurchaseProject extends ProjectFields {
  id: number;
  organisationId: number;
  status: ProjectStatus;
  /** effective offers deadline of the plan (null without a target date or such a milestone) */
  offersDeadline: Date | null;
  /** first publication; the project is public from then on */
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** 1, then +1 for each change recorded after publication */
  version: number;
}

/** The fields a buyer edits on a lot. */
export interface LotFields {
  number: number;
  title: string;
  cpvCodes: string[];
  /** euros HT */
  estimatedValue: number | null;
  /** BT-63 as stated; null: not stated, the procedure's default applies */
  variants: VariantPolicy | null;
  variantMinimumRequirements: string | null;
  variantWithoutBaseOffer: boolean;
  reserved: Reservation | null;
  awardCriteria: AwardCriteria;
}

/** A saved lot. */
export interface ProjectLot extends LotFields {
  id: number;
  projectId: number;
}

/** Who may download a study. */
export type DocumentVisibility = 'public' | 'suppliers';

/** A version of a preliminary study. */
export interface ProjectDocument {
  id: number;
  projectId: number;
  /** 1 for the first upload of a study, +1 for each replacement */
  version: number;
  title: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  visibility: DocumentVisibility;
  createdAt: Date;
  /** the next version, or null for the current one */
  replacedBy: number | null;
}

/** A field's value before and after a change. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

/** One recorded change after publication. */
export interface ProjectVersion {
  version: number;
  changedAt: Date;
  changedBy: string | null;
  /** field path (e.g. 'estimatedValue', 'lots.2.title', 'documents.3') → before and after */
  diff: Record<string, FieldChange>;
}

/**
 * The nature a CPV code implies: division 45 is works (« Travaux de construction »), divisions 50 and
 * above are services, the others supplies (CPV 2008 main vocabulary).
 * @param cpv 8 digits
 * @returns works, services or supplies
 * @example natureOfCpv('45233140') // 'works'
 */
export function natureOfCpv(cpv: string): PurchaseNature {
  const division = Number(cpv.slice(0, 2));
  if (division === 45) {
    return 'works';
  }
  return division >= 50 ? 'services' : 'supplies';
}

/**
 * Whether the project is public: published once, whatever its state since.
 * @param project a project
 * @returns true from the first publication on
 */
export function isPublic(project: Pick<PurchaseProject, 'publishedAt'>): boolean {
  return project.publishedAt !== null;
}
