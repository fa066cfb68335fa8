/**
 * Public surface of the planning context: the retro-planning engine (compute, check, recompute), the
 * procedure advice, the rules and thresholds as data, and the iCalendar and OCDS exports. Pure domain:
 * no I/O, no store; the purchase-project workspace calls it with its own stored dates.
 */
export { MILESTONE_CODES, MILESTONES, type MilestoneCode, type OcdsMilestoneType } from './milestones.ts';
export {
  applicableDelay,
  PROCEDURE_CODES,
  PROCEDURES,
  type Basis,
  type Condition,
  type Delay,
  type ProcedureCode,
  type ProcedureRules,
} from './rules.ts';
export {
  ALSACE_MOSELLE_DEPARTEMENTS,
  holidayOn,
  isAlsaceMoselle,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  publicHolidays,
  type PublicHoliday,
} from './holidays.ts';
export type {
  PlannedMilestone,
  Planning,
  PlanningOptions,
  PlanningWarning,
  PlanningWarningCode,
} from './planning.ts';
export { computePlanning, type PlanningAnchor } from './retro-planning.ts';
export { checkPlanning, type MilestoneDates } from './check-planning.ts';
export { recomputePlanning, type MilestoneChange, type RecomputedPlanning } from './recompute-planning.ts';
export { adviseProcedure, eurosHt, type Advice, type AdviceInput, type AdviceItem } from './advice.ts';
export {
  BUYER_TYPES,
  EU_THRESHOLDS,
  INNOVATIVE_THRESHOLD,
  NO_PUBLICITY_THRESHOLDS,
  PURCHASE_NATURES,
  type BuyerType,
  type PurchaseNature,
  type Threshold,
} from './thresholds.ts';
export {
  parsePlanningRequest,
  PLANNING_MAX_DATE,
  PLANNING_MIN_DATE,
  type PlanningRequest,
  type PlanningRequestResult,
  type RawPlanningRequest,
} from './planning-request.ts';
export { planProcurement, type ProcurementPlan } from './plan-procurement.ts';
export type { PlanningErrorCode } from './planning.errors.ts';
export { planningToIcs } from './ical.ts';
export { planningToOcds, type OcdsMilestone } from './ocds.ts';
export { calendarDaysBetween, formatFrenchDateTime, formatFrenchDay, isoWithOffset } from './format.ts';
export {
  planningRows,
  presentAdvice,
  presentChange,
  presentMilestone,
  presentPlan,
  type AdviceView,
  type MilestoneRow,
  type MilestoneView,
  type PlanView,
} from './planning.presenter.ts';
