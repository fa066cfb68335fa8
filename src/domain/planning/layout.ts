import { DateTime } from 'luxon';
import { PARIS_ZONE } from '../shared/index.ts';
import { nextWorkingDay, nonWorkingReason, previousWorkingDay } from './holidays.ts';
import { MILESTONE_CODES, MILESTONES, type MilestoneCode } from './milestones.ts';
import type { PlannedMilestone, PlanningOptions } from './planning.ts';
import { applicableDelay, chainOf, PROCEDURES, type Delay, type ProcedureRules } from './rules.ts';

/**
 * Placing milestones from one another: forward (a deadline N calendar days after, moved to the next
 * working day) or backward (the latest working day N days before). Shared by computing, checking and
 * recomputing a plan.
 */

/** One resolved step: the milestone it leads to, the one it counts from, the delay that applies. */
export interface ResolvedStep {
  code: MilestoneCode;
  from: MilestoneCode;
  label: string;
  delay: Delay;
}

/** A procedure's steps, resolved for a situation. */
export interface ResolvedRules {
  rules: ProcedureRules;
  /** main chain, in order */
  chain: MilestoneCode[];
  /** `links[i]` leads from `chain[i]` to `chain[i + 1]` */
  links: ResolvedStep[];
  /** milestones placed before another (`from` is the later one they depend on) */
  satellites: ResolvedStep[];
}

/**
 * Resolves the delays of a procedure for a situation.
 * @param options procedure and conditions
 * @returns the chain, its links and the satellites that apply (the PIN only with a PIN)
 * @throws Error when a link has no applicable delay (a bug in the rules data, caught by the tests)
 */
export function resolveRules(options: PlanningOptions): ResolvedRules {
  const rules = PROCEDURES[options.procedure];
  const chain = chainOf(rules);
  const links = rules.links.map((link, i): ResolvedStep => {
    const delay = applicableDelay(link.delays, options);
    if (delay === null) {
      throw new Error(`no applicable delay to ${link.to} in ${rules.code}`);
    }
    return {
      code: link.to,
      from: chain[i] as MilestoneCode,
      label: link.label ?? MILESTONES[link.to].label,
      delay,
    };
  });
  const satellites: ResolvedStep[] = [];
  for (const satellite of rules.satellites) {
    const delay = applicableDelay(satellite.delays, options);
    if (delay !== null && chain.includes(satellite.before)) {
      const label = satellite.label ?? MILESTONES[satellite.code].label;
      satellites.push({ code: satellite.code, from: satellite.before, label, delay });
    }
  }
  return { rules, chain, links, satellites };
}

/** A placed instant and, when its day was moved off a non-working day, where from. */
export interface Slot {
  at: DateTime;
  shiftedFrom: { date: string; reason: string } | null;
}

/**
 * The day of an instant in Paris, at midnight.
 * @param at any instant
 * @returns midnight of its Paris day
 */
export function dayOf(at: DateTime): DateTime {
  return at.setZone(PARIS_ZONE).startOf('day');
}

/**
 * A milestone's default time of day on a given day.
 * @param day a day (midnight, Paris)
 * @param code the milestone, whose `time` says e.g. 12:00 for deadlines
 * @returns that day at that time, in Paris
 */
export function atMilestoneTime(day: DateTime, code: MilestoneCode): DateTime {
  const [hour = 0, minute = 0] = MILESTONES[code].time.split(':').map(Number);
  return day.setZone(PARIS_ZONE).set({ hour, minute, second: 0, millisecond: 0 });
}

function slot(raw: DateTime, day: DateTime, code: MilestoneCode, departement: string | null): Slot {
  const shifted = !raw.hasSame(day, 'day');
  return {
    at: atMilestoneTime(day, code),
    shiftedFrom: shifted
      ? { date: raw.toFormat('yyyy-MM-dd'), reason: nonWorkingReason(raw, departement) ?? '' }
      : null,
  };
}

/**
 * The earliest placement of `code`, `days` calendar days after `from`, on a working day. When the delay
 * is zero and the default time is not after `from` (an opening set after a late deadline), one hour
 * after `from`.
 * @param from the instant the delay counts from
 * @param days calendar days
 * @param code the milestone placed
 * @param departement COG code for holidays
 * @returns the slot
 */
export function placeAfter(
  from: DateTime,
  days: number,
  code: MilestoneCode,
  departement: string | null,
): Slot {
  const raw = dayOf(from).plus({ days });
  const placed = slot(raw, nextWorkingDay(raw, departement), code, departement);
  return placed.at > from ? placed : { at: from.plus({ hours: 1 }), shiftedFrom: placed.shiftedFrom };
}

/**
 * The latest placement of `code`, `days` calendar days before `to`, on a working day (earlier is safe:
 * the delay that follows only grows). The inverse of `placeAfter`: a delay that would end on a day not
 * worked runs on to the next working day, so when `to` falls on such a day the delay must end on the
 * working day before it. When not before `to` (zero delay), one hour before `to`.
 * @param to the instant the delay counts back from
 * @param days calendar days
 * @param code the milestone placed
 * @param departement COG code for holidays
 * @returns the slot
 */
export function placeBefore(
  to: DateTime,
  days: number,
  code: MilestoneCode,
  departement: string | null,
): Slot {
  const end = days === 0 ? dayOf(to) : previousWorkingDay(dayOf(to), departement);
  const raw = end.minus({ days });
  const placed = slot(raw, previousWorkingDay(raw, departement), code, departement);
  return placed.at < to ? placed : { at: to.minus({ hours: 1 }), shiftedFrom: placed.shiftedFrom };
}

/**
 * Builds the milestone list of a plan from placed slots, in the logical order of the codes.
 * @param resolved the resolved rules
 * @param slots every placed milestone
 * @returns the milestones with label, rule, article and basis of the step that places each one
 */
export function toMilestones(resolved: ResolvedRules, slots: Map<MilestoneCode, Slot>): PlannedMilestone[] {
  const steps = new Map<MilestoneCode, ResolvedStep>();
  for (const step of [...resolved.links, ...resolved.satellites]) {
    steps.set(step.code, step);
  }
  const { start } = resolved.rules;
  const milestones: PlannedMilestone[] = [];
  for (const code of MILESTONE_CODES) {
    const placed = slots.get(code);
    if (placed === undefined) {
      continue;
    }
    const step = steps.get(code);
    milestones.push(
      step === undefined
        ? {
            code,
            label: start.label ?? MILESTONES[code].label,
            at: placed.at,
            rule: start.rule,
            article: start.article,
            basis: 'start',
            days: null,
            reference: null,
            shiftedFrom: placed.shiftedFrom,
          }
        : {
            code,
            label: step.label,
            at: placed.at,
            rule: step.delay.rule,
            article: step.delay.article,
            basis: step.delay.basis,
            days: step.delay.days,
            reference: step.from,
            shiftedFrom: placed.shiftedFrom,
          },
    );
  }
  return milestones;
}

/**
 * Places the satellites (questions, PIN, sourcing) back from the milestone each depends on.
 * @param resolved the resolved rules
 * @param slots the placed chain; satellites are added to it
 * @param departement COG code
 * @param keep a milestone to leave where it is (the one a buyer moved)
 */
export function placeSatellites(
  resolved: ResolvedRules,
  slots: Map<MilestoneCode, Slot>,
  departement: string | null,
  keep?: MilestoneCode,
): void {
  for (const satellite of resolved.satellites) {
    const parent = slots.get(satellite.from);
    if (parent !== undefined && satellite.code !== keep) {
      slots.set(satellite.code, placeBefore(parent.at, satellite.delay.days, satellite.code, departement));
    }
  }
}

/**
 * Reads `HH:mm`-less ISO days into Paris midnights, for anchors.
 * @param isoDay 'YYYY-MM-DD'
 * @returns midnight of that day in Paris
 */
export function parisDay(isoDay: string): DateTime {
  return DateTime.fromISO(isoDay, { zone: PARIS_ZONE }).startOf('day');
}
