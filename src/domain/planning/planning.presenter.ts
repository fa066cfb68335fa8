import type { Advice } from './advice.ts';
import { formatFrenchDateTime, formatFrenchDay, isoWithOffset } from './format.ts';
import { parisDay } from './layout.ts';
import type { MilestoneCode } from './milestones.ts';
import type { MilestoneChange } from './recompute-planning.ts';
import type { PlannedMilestone, Planning, PlanningWarning } from './planning.ts';
import type { ProcurementPlan } from './plan-procurement.ts';
import { PROCEDURES } from './rules.ts';

/**
 * The shapes of a plan for the API (ISO 8601 instants with the Paris offset) and for pages (French
 * dates). Fields are listed explicitly: nothing internal leaks.
 */

/** A milestone in the API. */
export interface MilestoneView {
  code: MilestoneCode;
  label: string;
  /** ISO 8601 with the Paris offset, e.g. '2026-04-07T12:00:00+02:00' */
  date: string;
  rule: string;
  /** CCP article, or null for an Amont recommendation */
  article: string | null;
  basis: 'legal' | 'recommendation' | 'start';
  /** calendar days from (or before) `reference` */
  days: number | null;
  reference: string | null;
  /** when moved off a day not worked: that day and why */
  shiftedFrom: { date: string; reason: string } | null;
}

/** A plan in the API. */
export interface PlanView {
  procedure: { code: string; label: string };
  mode: 'backward' | 'forward';
  departement: string | null;
  electronic: boolean;
  pin: boolean;
  urgency: boolean;
  milestones: MilestoneView[];
  warnings: PlanningWarning[];
  advice: AdviceView | null;
}

/** Advice in the API. */
export interface AdviceView {
  recommended: { code: string; label: string }[];
  euThreshold: ThresholdView | null;
  noPublicityThreshold: ThresholdView | null;
  items: Advice['items'];
}

/** A threshold in the API. */
export interface ThresholdView {
  amount: number;
  validFrom: string;
  validUntil: string | null;
  source: string;
  article: string;
}

/**
 * A milestone for the API.
 * @param milestone a planned milestone
 * @returns its API shape
 */
export function presentMilestone(milestone: PlannedMilestone): MilestoneView {
  return {
    code: milestone.code,
    label: milestone.label,
    date: isoWithOffset(milestone.at),
    rule: milestone.rule,
    article: milestone.article,
    basis: milestone.basis,
    days: milestone.days,
    reference: milestone.reference,
    shiftedFrom: milestone.shiftedFrom,
  };
}

function presentThreshold(t: Advice['euThreshold']): ThresholdView | null {
  return t === null
    ? null
    : {
        amount: t.amount,
        validFrom: t.validFrom,
        validUntil: t.validUntil,
        source: t.source,
        article: t.article,
      };
}

/**
 * Advice for the API.
 * @param advice the advice
 * @returns its API shape, recommended procedures with their French names
 */
export function presentAdvice(advice: Advice): AdviceView {
  return {
    recommended: advice.recommended.map((code) => ({ code, label: PROCEDURES[code].label })),
    euThreshold: presentThreshold(advice.euThreshold),
    noPublicityThreshold: presentThreshold(advice.noPublicityThreshold),
    items: advice.items,
  };
}

/**
 * A plan for the API.
 * @param plan the plan and its advice
 * @returns the API shape
 */
export function presentPlan(plan: ProcurementPlan): PlanView {
  const { planning } = plan;
  const { options } = planning;
  return {
    procedure: { code: options.procedure, label: PROCEDURES[options.procedure].label },
    mode: planning.mode,
    departement: options.departement,
    electronic: options.electronic,
    pin: options.pin,
    urgency: options.urgency,
    milestones: planning.milestones.map(presentMilestone),
    warnings: planning.warnings,
    advice: plan.advice === null ? null : presentAdvice(plan.advice),
  };
}

/** A milestone row of the page. */
export interface MilestoneRow {
  code: string;
  label: string;
  /** e.g. 'mardi 7 avril 2026 à 12 h 00' */
  dateText: string;
  iso: string;
  rule: string;
  /** e.g. 'art. R2161-3 2°', or 'Recommandation Amont' */
  articleText: string;
  recommendation: boolean;
  /** e.g. 'Reporté : le lundi 6 avril 2026 n’est pas ouvré (jour férié : Lundi de Pâques)' */
  shiftText: string | null;
}

/**
 * The timeline rows of the page.
 * @param planning a plan
 * @returns one row per milestone, French dates
 */
export function planningRows(planning: Planning): MilestoneRow[] {
  return planning.milestones.map((m) => ({
    code: m.code,
    label: m.label,
    dateText: formatFrenchDateTime(m.at),
    iso: isoWithOffset(m.at),
    rule: m.rule,
    articleText: m.article === null ? 'Recommandation Amont' : `art. ${m.article}`,
    recommendation: m.basis === 'recommendation',
    shiftText:
      m.shiftedFrom === null
        ? null
        : `${m.at.toFormat('yyyy-MM-dd') > m.shiftedFrom.date ? 'Reporté' : 'Avancé'} : le ` +
          `${formatFrenchDay(parisDay(m.shiftedFrom.date))} n’est pas ouvré (${m.shiftedFrom.reason})`,
  }));
}

/**
 * A change for the API.
 * @param change one moved milestone
 * @returns code, label, before and after (ISO with offset), calendar days moved
 */
export function presentChange(change: MilestoneChange): {
  code: string;
  label: string;
  before: string | null;
  after: string;
  days: number | null;
} {
  return {
    code: change.code,
    label: change.label,
    before: change.before === null ? null : isoWithOffset(change.before),
    after: isoWithOffset(change.after),
    days: change.days,
  };
}
