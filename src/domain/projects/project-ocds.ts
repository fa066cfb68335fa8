import { planningToOcds, PROCEDURES, type ProcedureCode, type OcdsMilestone } from '../planning/index.ts';
import {
  entryOf,
  GREEN_PROCUREMENT,
  INNOVATION_PROCUREMENT,
  RESERVED_PARTICIPATION,
  SOCIAL_PROCUREMENT,
  STRATEGIC_PROCUREMENT,
  VARIANT_POLICIES,
  type GoalCode,
  type VariantPolicy,
} from './eforms-codes.ts';
import type { ProjectDetails } from './find-project.ts';
import {
  AWARD_CRITERIA_KEYS,
  AWARD_CRITERIA_LABELS,
  type ProjectLot,
  type ProjectStatus,
  type Reservation,
} from './purchase-project.ts';
import { defaultVariantPolicy, effectiveVariants } from './variants.ts';

/**
 * OCDS 1.1 export of a project: a release package holding one release (tag `planning` before the tender,
 * `tender` once launched) with the planning milestones of the retro-planning engine, the tender and its
 * lots, and five extensions: lots, submissionTerms (`variantPolicy`, BT-63), sustainability (BT-06, BT-774,
 * BT-775, BT-776), otherRequirements (`reservedParticipation`, BT-71) and awardCriteria (the declared
 * weights). Codes follow the eForms → OCDS mapping of open-contracting/european-union-support.
 *
 * The `ocid` is `<prefix>-projet-<id>`. OCDS prefixes are registered with the Open Contracting Partnership
 * (`ocds-` followed by 6 characters); until Amont has one, the prefix is configured (`AMONT_OCDS_PREFIX`,
 * placeholder `ocds-amont`), see README.
 */

/** The extensions the package declares (extension.json of each, as published by the OCP). */
export const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_submissionTerms_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_sustainability_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_otherRequirements_extension/master/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json',
] as const;

/** Placeholder prefix until a prefix is registered. */
export const DEFAULT_OCDS_PREFIX = 'ocds-amont';

/** Where the export says it comes from. */
export interface OcdsOptions {
  /** e.g. 'ocds-amont' */
  prefix: string;
  /** public address of the site, e.g. 'https://amont.exemple.fr' (no trailing slash) */
  baseUrl: string;
}

type Json = Record<string, unknown>;

const METHOD: Record<ProcedureCode, 'open' | 'selective' | 'limited'> = {
  MAPA: 'open',
  AOO: 'open',
  AOR: 'selective',
  PCN: 'selective',
  DC: 'selective',
  PI: 'selective',
  PNSPMC: 'limited',
};

const TENDER_STATUS: Record<ProjectStatus, string> = {
  draft: 'planning',
  published: 'planning',
  tender_launched: 'active',
  awarded: 'complete',
  abandoned: 'cancelled',
};

const TAG: Record<ProjectStatus, string> = {
  draft: 'planning',
  published: 'planning',
  tender_launched: 'tender',
  awarded: 'tenderUpdate',
  abandoned: 'tenderCancellation',
};

const CATEGORY = { works: 'works', supplies: 'goods', services: 'services' } as const;

const ocdsVariantPolicy = (policy: VariantPolicy) => entryOf(VARIANT_POLICIES, policy)?.ocds;

const value = (amount: number | null) => (amount === null ? undefined : { amount, currency: 'EUR' });

/** Drops undefined members (OCDS fields are omitted rather than null here). */
function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

function reservedParticipation(reserved: Reservation | null): Json | undefined {
  const ocds = reserved && entryOf(RESERVED_PARTICIPATION, reserved.code)?.ocds;
  return ocds ? { reservedParticipation: [ocds] } : undefined;
}

function awardCriteria(lot: ProjectLot): Json | undefined {
  const criteria = AWARD_CRITERIA_KEYS.filter((key) => lot.awardCriteria[key] !== undefined).map((key) => ({
    type: key === 'price' ? 'price' : 'quality',
    name: AWARD_CRITERIA_LABELS[key],
    numbers: [{ number: lot.awardCriteria[key]!, weight: 'percentageExact' }],
  }));
  return criteria.length === 0 ? undefined : { criteria };
}

type Kind = 'environmental' | 'social' | 'innovation';

/**
 * One Sustainability object per goal: the detailed eForms codes (BT-774, BT-775, BT-776) when given, else
 * the BT-06 code's broad goal. Strategies: `awardCriteria` when a lot weighs that kind of criterion,
 * `contractPerformanceConditions` when detailed social or green objectives are declared (Amont's reading:
 * they are pursued through the conditions of performance, as DECP « Clause »), `reservedParticipation` for
 * a social goal of a reserved project or lot.
 */
function sustainability(details: ProjectDetails): Json[] {
  const { project, lots } = details;
  const reserved = project.reserved !== null || lots.some((lot) => lot.reserved !== null);
  const block = (
    kind: Kind,
    list: readonly GoalCode[],
    codes: readonly string[],
    strategic: string,
  ): Json[] => {
    const broad = entryOf(STRATEGIC_PROCUREMENT, strategic)!.ocdsGoal;
    const goals =
      codes.length > 0
        ? codes.map((code) => entryOf(list, code)?.ocdsGoal ?? broad)
        : (project.strategicProcurement as readonly string[]).includes(strategic)
          ? [broad]
          : [];
    const strategies = [
      ...(lots.some((lot) => (lot.awardCriteria[kind] ?? 0) > 0) ? ['awardCriteria'] : []),
      ...(kind !== 'innovation' && codes.length > 0 ? ['contractPerformanceConditions'] : []),
      ...(kind === 'social' && reserved ? ['reservedParticipation'] : []),
    ];
    return goals.map((goal) =>
      compact({ goal, strategies: strategies.length === 0 ? undefined : strategies }),
    );
  };
  const all = [
    ...block('environmental', GREEN_PROCUREMENT, project.greenProcurement, 'env-imp'),
    ...block('social', SOCIAL_PROCUREMENT, project.socialProcurement, 'soc-obj'),
    ...block('innovation', INNOVATION_PROCUREMENT, project.innovationProcurement, 'inn-pur'),
  ];
  return [...new Map(all.map((entry) => [JSON.stringify(entry), entry])).values()];
}

function items(details: ProjectDetails): Json[] {
  const item = (id: string, description: string, cpv: string[], relatedLot?: string) => {
    const [main, ...more] = cpv;
    return compact({
      id,
      description,
      classification: main === undefined ? undefined : { scheme: 'CPV', id: main },
      additionalClassifications: more.length === 0 ? undefined : more.map((id) => ({ scheme: 'CPV', id })),
      relatedLot,
    });
  };
  return [
    item('1', details.project.title, details.project.cpvCodes),
    ...details.lots
      .filter((lot) => lot.cpvCodes.length > 0)
      .map((lot) => item(`lot-${lot.number}`, lot.title, lot.cpvCodes, String(lot.number))),
  ];
}

/**
 * The OCDS release of a project.
 * @param details what `getProject` returns
 * @param options ocid prefix and site address
 * @returns the release (plain JSON)
 */
export function projectToOcdsRelease(details: ProjectDetails, options: OcdsOptions): Json {
  const { project, organisation, planning, lots } = details;
  const ocid = `${options.prefix}-projet-${project.id}`;
  const buyerId = `FR-SIRET-${organisation.siret}`;
  const milestones: OcdsMilestone[] =
    planning === null ? [] : planningToOcds(planning.planning).planning.milestones;
  const at = (code: string) => milestones.find((m) => m.code === code)?.dueDate;
  const goals = sustainability(details);
  const status = TENDER_STATUS[project.status];
  const documents = details.documents
    .filter((d) => d.replacedBy === null)
    .map((d) =>
      compact({
        id: String(d.id),
        documentType: 'feasibilityStudy',
        title: d.title,
        description:
          d.visibility === 'suppliers' ? 'Étude réservée aux fournisseurs connectés à Amont.' : undefined,
        url: `${options.baseUrl}/projets/${project.id}/etudes/${d.id}`,
        datePublished: d.createdAt.toISOString(),
        format: d.mediaType,
        language: 'fr',
      }),
    );
  const tender = compact({
    id: String(project.id),
    title: project.title,
    description: project.need,
    status,
    value: value(project.estimatedValue),
    procurementMethod: METHOD[project.procedure],
    procurementMethodDetails: PROCEDURES[project.procedure].label,
    mainProcurementCategory: CATEGORY[project.nature],
    items: items(details),
    tenderPeriod: at('offersDeadline') && { endDate: at('offersDeadline') },
    enquiryPeriod: at('questionsDeadline') && { endDate: at('questionsDeadline') },
    submissionTerms: compact({
      electronicSubmissionPolicy: 'required',
      // Without lots, the procedure's default applies to the whole tender.
      variantPolicy:
        lots.length === 0 ? ocdsVariantPolicy(defaultVariantPolicy(project.procedure)) : undefined,
    }),
    hasSustainability: goals.length > 0,
    sustainability: goals.length === 0 ? undefined : goals,
    otherRequirements: reservedParticipation(project.reserved),
    lots:
      lots.length === 0
        ? undefined
        : lots.map((lot) =>
            compact({
              id: String(lot.number),
              title: lot.title,
              status,
              value: value(lot.estimatedValue),
              submissionTerms: {
                variantPolicy: ocdsVariantPolicy(effectiveVariants(lot, project.procedure).policy),
              },
              otherRequirements: reservedParticipation(lot.reserved),
              awardCriteria: awardCriteria(lot),
            }),
          ),
    documents: documents.length === 0 ? undefined : documents,
  });
  return {
    ocid,
    id: `${ocid}-v${project.version}`,
    date: project.updatedAt.toISOString(),
    tag: [TAG[project.status]],
    initiationType: 'tender',
    language: 'fr',
    parties: [
      compact({
        id: buyerId,
        name: organisation.name,
        identifier: { scheme: 'FR-SIRET', id: organisation.siret, legalName: organisation.name },
        roles: ['buyer'],
        contactPoint:
          project.contactName === null && project.contactEmail === null
            ? undefined
            : compact({ name: project.contactName ?? undefined, email: project.contactEmail ?? undefined }),
      }),
    ],
    buyer: { id: buyerId, name: organisation.name },
    planning: compact({
      rationale: project.need,
      budget:
        project.budget === null
          ? undefined
          : { amount: value(project.budget), description: 'Budget prévisionnel (€ HT)' },
      milestones: milestones.length === 0 ? undefined : milestones,
    }),
    tender,
  };
}

/**
 * The OCDS release package of a project (what `GET /api/v1/projects/:id/ocds` answers).
 * @param details what `getProject` returns
 * @param options ocid prefix and site address
 * @returns the package: uri, version 1.1, extensions, publisher, one release
 */
export function projectToOcdsPackage(details: ProjectDetails, options: OcdsOptions): Json {
  return {
    uri: `${options.baseUrl}/api/v1/projects/${details.project.id}/ocds`,
    version: '1.1',
    extensions: [...OCDS_EXTENSIONS],
    publishedDate: details.project.updatedAt.toISOString(),
    publisher: { name: 'Amont' },
    releases: [projectToOcdsRelease(details, options)],
  };
}
