import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/index.ts';
import {
  calendarDaysBetween,
  checkPlanning,
  computePlanning,
  formatFrenchDateTime,
  isoWithOffset,
  recomputePlanning,
  type MilestoneCode,
  type MilestoneDates,
  type PlannedMilestone,
  type PlanningWarning,
} from '../planning/index.ts';
import { PARIS_ZONE, todayInParis } from '../shared/index.ts';
import { FieldErrorBag } from './field-readers.ts';
import { invalidProject } from './project.errors.ts';
import { loadProject } from './project-access.ts';
import { assertEditable } from './project-versions.ts';
import {
  planningAnchorOf,
  planningOptionsOf,
  planProject,
  readTargetDates,
  targetWarnings,
} from './project-planning.ts';
import type { ProjectFields } from './purchase-project.ts';

/**
 * What happens to a project's retro-planning when the buyer moves dates, before anything is saved
 * (issue 5 §3: « recomputes derived dates when one moves and shows the difference before saving »).
 *
 * Each date the buyer typed that differs from the current plan is a move, applied in the procedure's order
 * with the planning engine's `recomputePlanning`: later milestones that would break a legal minimum (or
 * Amont's recommended duration) are pushed, earlier ones that would come too late are pulled back, the
 * others keep their dates. Every typed date stays exactly where it was typed: when two typed dates conflict
 * (an opening before the deadline), the check mode warns, Amont never moves one of them. A date the buyer
 * cleared goes back to the one the engine computes from the target notification day. The target day never
 * changes here: a pushed notification is stored as a buyer-set date, with a warning. The result lists, milestone by
 * milestone, the date before and after and the gap in calendar days (Europe/Paris), the warnings (a date
 * moved into the past, the check mode's minimums and order on the new dates), and the dates to save if the
 * buyer confirms.
 */

/** One milestone whose date would change. */
export interface MilestoneDateChange {
  code: MilestoneCode;
  label: string;
  /** ISO 8601 with the Paris offset */
  before: string;
  after: string;
  /** calendar days between the two days (Paris), negative when earlier */
  days: number;
  /** the buyer typed this date (false: the engine moved it to keep the delays) */
  typed: boolean;
}

/** The preview of a change of dates. */
export interface TargetDatesPreview {
  changes: MilestoneDateChange[];
  /** check-mode warnings on the new plan (legal minimums, order, days not worked) */
  warnings: PlanningWarning[];
  /** the buyer-set dates to save on confirmation: code → ISO 8601 with the Paris offset */
  targetDates: Partial<Record<MilestoneCode, string>>;
}

type PlanningInput = Pick<
  ProjectFields,
  'procedure' | 'place' | 'targetNotificationDate' | 'targetStartDate' | 'targetDates'
>;

const byCode = (milestones: readonly PlannedMilestone[]): MilestoneDates =>
  Object.fromEntries(milestones.map((m) => [m.code, m.at]));

/**
 * Computes the effect of the typed dates on a project's plan (pure).
 * @param project procedure, place, target notification day and current buyer-set dates
 * @param typed the dates as the buyer wants them: code → ISO 8601 instant (absent: not set by the buyer)
 * @param today the current day in Paris (`YYYY-MM-DD`), to warn about dates moved into the past
 * @returns the changes, warnings and dates to save; null when the project has neither a target notification
 *   day nor a target launch day
 *   (no plan to move)
 */
export function previewTargetDates(
  project: PlanningInput,
  typed: Partial<Record<MilestoneCode, string>>,
  today: string = todayInParis(),
): TargetDatesPreview | null {
  const currentPlan = planProject(project);
  const anchor = planningAnchorOf(project);
  if (anchor === null || currentPlan === null) {
    return null;
  }
  const options = planningOptionsOf(project);
  const engine = byCode(computePlanning(options, anchor).milestones);
  const pins = new Map<MilestoneCode, DateTime>();
  for (const [code, iso] of Object.entries(typed)) {
    pins.set(code as MilestoneCode, DateTime.fromISO(iso, { zone: PARIS_ZONE }));
  }
  const start = currentPlan.planning.milestones;
  const startAt = byCode(start);

  // Cleared dates first: the plan with only the saved dates still in the form, as the engine places the rest.
  const kept = Object.fromEntries(
    Object.entries(project.targetDates).filter(([code]) => pins.has(code as MilestoneCode)),
  );
  let milestones = planProject({ ...project, targetDates: kept })!.planning.milestones;
  // Then each typed date, in the procedure's order; once applied, it stays exactly where it was typed,
  // whatever a later move asks of it.
  const applied = new Map<MilestoneCode, DateTime>();
  const moved: MilestoneCode[] = [];
  for (const { code } of start) {
    const at = pins.get(code);
    if (at === undefined) {
      continue;
    }
    const now = milestones.find((m) => m.code === code)?.at;
    if (now === undefined || now.toMillis() !== at.toMillis()) {
      milestones = recomputePlanning(options, byCode(milestones), { code, at }).milestones;
    }
    applied.set(code, at);
    milestones = milestones.map((m) => (applied.has(m.code) ? { ...m, at: applied.get(m.code)! } : m));
    if (startAt[code]?.toMillis() !== at.toMillis()) {
      moved.push(code);
    }
  }

  // Stored: the dates the buyer typed, and those that now differ from what the engine computes from the
  // target notification day (the ones Amont moved); the others keep following the target day.
  const targetDates: Partial<Record<MilestoneCode, string>> = {};
  const changes: MilestoneDateChange[] = [];
  const past: PlanningWarning[] = [];
  for (const milestone of milestones) {
    if (pins.has(milestone.code) || engine[milestone.code]?.toMillis() !== milestone.at.toMillis()) {
      targetDates[milestone.code] = isoWithOffset(milestone.at);
    }
    const before = start.find((m) => m.code === milestone.code)?.at;
    if (before === undefined || before.toMillis() === milestone.at.toMillis()) {
      continue;
    }
    changes.push({
      code: milestone.code,
      label: milestone.label,
      before: isoWithOffset(before),
      after: isoWithOffset(milestone.at),
      days: calendarDaysBetween(before, milestone.at),
      typed: moved.includes(milestone.code),
    });
    if (milestone.at.setZone(PARIS_ZONE).toISODate()! < today) {
      past.push({
        code: 'start_in_past',
        severity: 'warning',
        milestone: milestone.code,
        message: `« ${milestone.label} » passerait au ${formatFrenchDateTime(milestone.at)}, date déjà passée.`,
        article: null,
      });
    }
  }
  past.push(...targetWarnings(anchor, milestones));
  return { changes, warnings: [...past, ...checkPlanning(options, byCode(milestones))], targetDates };
}

/**
 * Previews a change of a project's dates for a member who may edit it; nothing is saved.
 * @param actor a member of the project's (active) buyer organisation
 * @param id the project
 * @param raw the milestone dates as typed: code → `JJ/MM/AAAA [HH:MM]` or ISO 8601; blank clears the date
 * @returns the preview, or null when the project has neither a target notification day nor a launch day
 * @throws DomainError `project.not_found`, `auth.unauthenticated`, `auth.forbidden`, `project.invalid` with
 *   `details.fields` (`targetDates.<code>`: unreadable date or milestone not in the procedure), or for an
 *   awarded or abandoned project
 */
export async function previewProjectDates(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  raw: Readonly<Record<string, string | null | undefined>>,
): Promise<TargetDatesPreview | null> {
  const { project } = await loadProject(db, actor, id, 'edit');
  assertEditable(project);
  const errors = new FieldErrorBag();
  const typed = readTargetDates(errors, raw, project.procedure);
  if (!errors.empty) {
    throw invalidProject(errors.fields);
  }
  return previewTargetDates(project, typed);
}
