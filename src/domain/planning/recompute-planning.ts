import type { DateTime } from 'luxon';
import { calendarDaysBetween } from './format.ts';
import {
  dayOf,
  placeAfter,
  placeBefore,
  placeSatellites,
  resolveRules,
  toMilestones,
  type Slot,
} from './layout.ts';
import { checkPlanning, type MilestoneDates } from './check-planning.ts';
import type { MilestoneCode } from './milestones.ts';
import type { PlannedMilestone, PlanningOptions, PlanningWarning } from './planning.ts';
import { planningInputError } from './planning.errors.ts';

/**
 * When a buyer moves one milestone, the others follow only as far as they must: a later milestone that
 * now comes too early (below its legal minimum or Amont's recommended duration, or before the moved one)
 * is pushed to its earliest day; an earlier milestone that now comes too late is pulled back to its
 * latest day; the others keep their dates. Derived milestones (questions, PIN, sourcing) are placed
 * again from the milestone they depend on. The result lists the difference, milestone by milestone,
 * before anything is saved.
 */

/** One milestone that moved. */
export interface MilestoneChange {
  code: MilestoneCode;
  label: string;
  /** null when the milestone had no date before */
  before: DateTime | null;
  after: DateTime;
  /** calendar days between the two days (Paris); null when there was no date before */
  days: number | null;
}

/** A recomputed plan and what changed. */
export interface RecomputedPlanning {
  milestones: PlannedMilestone[];
  changes: MilestoneChange[];
  /** check-mode warnings on the new dates (e.g. the moved milestone on a day not worked) */
  warnings: PlanningWarning[];
}

/**
 * Recomputes a plan after one milestone moved.
 * @param options procedure, département, electronic, PIN, urgency
 * @param current the current instants by milestone (missing ones are placed as computed)
 * @param move the milestone moved and its new instant (kept exactly, even on a day not worked)
 * @returns the new milestones, the changes (moved milestone first, then in order) and the warnings
 * @throws DomainError `planning.invalid_milestone` when the procedure has no such milestone
 */
export function recomputePlanning(
  options: PlanningOptions,
  current: MilestoneDates,
  move: { code: MilestoneCode; at: DateTime },
): RecomputedPlanning {
  const resolved = resolveRules(options);
  const { chain, links, satellites } = resolved;
  const departement = options.departement;
  const satellite = satellites.find((s) => s.code === move.code);
  if (!chain.includes(move.code) && satellite === undefined) {
    throw planningInputError(
      'planning.invalid_milestone',
      'move',
      `Le jalon « ${move.code} » n’existe pas dans cette procédure.`,
      move.code,
    );
  }
  const slots = new Map<MilestoneCode, Slot>();
  for (const code of chain) {
    const at = current[code];
    if (at !== undefined) {
      slots.set(code, { at, shiftedFrom: null });
    }
  }

  let anchor = move.code;
  if (satellite === undefined) {
    slots.set(move.code, { at: move.at, shiftedFrom: null });
  } else {
    // A derived milestone moved: the one it depends on only moves if the delay between them is now short.
    anchor = satellite.from;
    const parent = slots.get(anchor);
    const earliest = placeAfter(move.at, satellite.delay.days, anchor, departement);
    if (parent === undefined || dayOf(parent.at) < dayOf(earliest.at) || parent.at <= move.at) {
      slots.set(anchor, earliest);
    }
  }

  const k = chain.indexOf(anchor);
  for (let i = k + 1; i < chain.length; i++) {
    const step = links[i - 1]!;
    const required = placeAfter(slots.get(step.from)!.at, step.delay.days, step.code, departement);
    const existing = slots.get(step.code);
    if (
      existing === undefined ||
      dayOf(existing.at) < dayOf(required.at) ||
      existing.at <= slots.get(step.from)!.at
    ) {
      slots.set(step.code, required);
    }
  }
  for (let i = k - 1; i >= 0; i--) {
    const step = links[i]!;
    const latest = placeBefore(slots.get(step.code)!.at, step.delay.days, step.from, departement);
    const existing = slots.get(step.from);
    if (
      existing === undefined ||
      dayOf(existing.at) > dayOf(latest.at) ||
      existing.at >= slots.get(step.code)!.at
    ) {
      slots.set(step.from, latest);
    }
  }
  placeSatellites(resolved, slots, departement, satellite?.code);
  if (satellite !== undefined) {
    slots.set(satellite.code, { at: move.at, shiftedFrom: null });
  }

  const milestones = toMilestones(resolved, slots);
  const dates: MilestoneDates = {};
  for (const milestone of milestones) {
    dates[milestone.code] = milestone.at;
  }
  const changes: MilestoneChange[] = [];
  for (const milestone of milestones) {
    const before = current[milestone.code] ?? null;
    if (before === null || before.toMillis() !== milestone.at.toMillis()) {
      changes.push({
        code: milestone.code,
        label: milestone.label,
        before,
        after: milestone.at,
        days: before === null ? null : calendarDaysBetween(before, milestone.at),
      });
    }
  }
  changes.sort((a, b) => Number(b.code === move.code) - Number(a.code === move.code));
  return { milestones, changes, warnings: checkPlanning(options, dates) };
}
