import { adviseProcedure, type Advice } from './advice.ts';
import type { Planning } from './planning.ts';
import type { PlanningRequest } from './planning-request.ts';
import { computePlanning } from './retro-planning.ts';

/** A plan and, when an estimated value was given, the procedure advice. */
export interface ProcurementPlan {
  planning: Planning;
  advice: Advice | null;
}

/**
 * Plans a procurement from a checked request: the retro-planning, then the advice on the thresholds in
 * force on the plan's launch day (the first milestone of the chain: sending of the notice or of the
 * quotation request), since thresholds apply to consultations launched from their entry into force.
 * @param request a request from `parsePlanningRequest`
 * @param today current day in Paris (`YYYY-MM-DD`), to warn about a launch already past; omitted: no check
 * @returns the plan and the advice (null without an estimated value)
 */
export function planProcurement(request: PlanningRequest, today?: string): ProcurementPlan {
  const planning = computePlanning(request.options, request.anchor, today);
  if (request.advice === null) {
    return { planning, advice: null };
  }
  const launch = planning.milestones.find((m) => m.basis === 'start');
  const launchDate = (launch ?? planning.milestones[0]!).at.toFormat('yyyy-MM-dd');
  return {
    planning,
    advice: adviseProcedure({ ...request.advice, procedure: request.options.procedure, launchDate }),
  };
}
