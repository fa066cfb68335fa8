import type { DateTime } from 'luxon';
import type { MilestoneCode } from './milestones.ts';
import type { Basis, DelayConditions, ProcedureCode } from './rules.ts';

/**
 * Types of a retro-planning: the situation it is computed for, its milestones and its warnings. All
 * instants are luxon `DateTime`s in Europe/Paris.
 */

/** The situation a plan is computed for. */
export interface PlanningOptions extends DelayConditions {
  procedure: ProcedureCode;
  /** COG département of the buyer (57, 67, 68: Alsace-Moselle holidays), or null */
  departement: string | null;
}

/** A milestone of a plan. */
export interface PlannedMilestone {
  code: MilestoneCode;
  /** French label (procedure-specific where the rules say so) */
  label: string;
  /** the instant, Europe/Paris */
  at: DateTime;
  /** the rule placing it, in French */
  rule: string;
  /** CCP article of that rule, e.g. 'R2161-3 2°'; null for a pure recommendation */
  article: string | null;
  /** legal minimum, Amont recommendation, or the chain's first milestone */
  basis: Basis | 'start';
  /** the delay used, in calendar days, and the milestone it counts from (or back from) */
  days: number | null;
  reference: MilestoneCode | null;
  /** when the computed day was not worked: that day (`YYYY-MM-DD`) and why it moved */
  shiftedFrom: { date: string; reason: string } | null;
}

/** Warning codes: what a buyer should look at; none of them blocks anything. */
export type PlanningWarningCode =
  | 'legal_minimum'
  | 'order'
  | 'below_recommendation'
  | 'non_working_day'
  | 'target_moved'
  | 'start_in_past'
  | 'pin_window'
  | 'pin_not_applicable'
  | 'urgency_justification'
  | 'urgency_not_applicable'
  | 'not_electronic'
  | 'no_legal_minimum';

/** A warning about a plan. */
export interface PlanningWarning {
  code: PlanningWarningCode;
  /** `warning`: a legal minimum or an order is broken; `info`: something to know */
  severity: 'warning' | 'info';
  /** the milestone concerned, if any */
  milestone: MilestoneCode | null;
  /** French, safe to show */
  message: string;
  /** CCP article (or other source) behind it, if any */
  article: string | null;
}

/** A computed plan. */
export interface Planning {
  options: PlanningOptions;
  /** `backward` from a target notification, `forward` from a start (publication) date */
  mode: 'backward' | 'forward';
  /** in the logical order of the procedure (chronological for a computed plan) */
  milestones: PlannedMilestone[];
  warnings: PlanningWarning[];
}
