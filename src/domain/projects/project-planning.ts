import { DateTime } from 'luxon';
import {
  checkPlanning,
  computePlanning,
  formatFrenchDateTime,
  formatFrenchDay,
  isoWithOffset,
  MILESTONE_CODES,
  planningToIcs,
  MILESTONES,
  type MilestoneCode,
  type MilestoneDates,
  type PlannedMilestone,
  type Planning,
  type PlanningAnchor,
  type PlanningOptions,
  type PlanningWarning,
  type ProcedureCode,
} from '../planning/index.ts';
import { DomainError, PARIS_ZONE, parseDateOnly } from '../shared/index.ts';
import { isBlank, type FieldErrorBag } from './field-readers.ts';
import { planningNotFound } from './project.errors.ts';
import type { ProjectFields, PurchaseProject } from './purchase-project.ts';

/**
 * A project's retro-planning, computed by the planning engine (src/domain/planning) from the project's
 * procedure and target notification day, backwards; the milestones the buyer set by hand replace the
 * computed ones and are checked against the procedure's minimum delays (warnings, never a refusal).
 *
 * Assumptions: electronic submission (mandatory from 40 000 € HT, R2132-7), no prior information notice,
 * no urgency; the holiday calendar is the one of the place of execution's département (Alsace-Moselle:
 * Good Friday and 26 December), none for a région-wide place.
 */

/** The effective plan of a project. */
export interface ProjectPlanning {
  /** the engine's plan with the buyer's dates in place of the computed ones */
  planning: Planning;
  /** milestones whose date the buyer set */
  buyerSet: MilestoneCode[];
  /** the engine's warnings and, for buyer-set dates, the check's warnings */
  warnings: PlanningWarning[];
  /** effective offers deadline (or quotation deadline), if the procedure has one */
  offersDeadline: DateTime | null;
}

type PlanningInput = Pick<
  ProjectFields,
  'procedure' | 'place' | 'targetNotificationDate' | 'targetStartDate' | 'targetDates'
>;

/**
 * Where a project's plan starts: backwards from its target notification day, or else forwards from its target
 * launch day (issue 5 §3, « from the target notification (or start) date »).
 * @param project the two target days
 * @returns the engine's anchor, or null without either day
 */
export function planningAnchorOf(
  project: Pick<ProjectFields, 'targetNotificationDate' | 'targetStartDate'>,
): PlanningAnchor | null {
  if (project.targetNotificationDate !== null) {
    return { from: 'notification', date: project.targetNotificationDate };
  }
  return project.targetStartDate === null ? null : { from: 'start', date: project.targetStartDate };
}

/**
 * The planning situation of a project.
 * @param project procedure and place
 * @returns the engine's options
 */
export function planningOptionsOf(project: Pick<ProjectFields, 'procedure' | 'place'>): PlanningOptions {
  return {
    procedure: project.procedure,
    departement: project.place?.department ?? null,
    electronic: true,
    pin: false,
    urgency: false,
  };
}

/**
 * The milestones a procedure's plan holds, in order.
 * @param procedure a procedure code
 * @returns its milestone codes
 */
export function milestoneCodesOf(procedure: ProcedureCode): MilestoneCode[] {
  const plan = computePlanning(
    { procedure, departement: null, electronic: true, pin: false, urgency: false },
    { from: 'notification', date: '2026-06-30' },
  );
  return plan.milestones.map((m) => m.code);
}

/**
 * Plans a project.
 * @param project procedure, place, target notification day and buyer-set dates
 * @param today the current day in Paris (`YYYY-MM-DD`), to warn about a launch already past
 * @returns the effective plan, or null without a target notification day nor a target launch day
 */
export function planProject(project: PlanningInput, today?: string): ProjectPlanning | null {
  const anchor = planningAnchorOf(project);
  if (anchor === null) {
    return null;
  }
  const options = planningOptionsOf(project);
  const computed = computePlanning(options, anchor, today);
  const buyerSet: MilestoneCode[] = [];
  const milestones: PlannedMilestone[] = computed.milestones.map((milestone) => {
    const set = project.targetDates[milestone.code];
    if (set === undefined) {
      return milestone;
    }
    buyerSet.push(milestone.code);
    return { ...milestone, at: DateTime.fromISO(set, { zone: PARIS_ZONE }), shiftedFrom: null };
  });
  const warnings = [...computed.warnings];
  if (project.targetNotificationDate !== null && project.targetStartDate !== null) {
    warnings.push({
      code: 'target_moved',
      severity: 'info',
      milestone: null,
      message:
        `Le rétroplanning part de la date de notification visée (${formatFrenchDay(DateTime.fromISO(project.targetNotificationDate, { zone: PARIS_ZONE }))}) : ` +
        `la date de lancement visée (${formatFrenchDay(DateTime.fromISO(project.targetStartDate, { zone: PARIS_ZONE }))}) n’est pas utilisée. ` +
        'Effacez l’une des deux pour lever l’ambiguïté.',
      article: null,
    });
  }
  if (buyerSet.length > 0) {
    const dates: MilestoneDates = {};
    for (const milestone of milestones) {
      dates[milestone.code] = milestone.at;
    }
    warnings.push(...targetWarnings(anchor, milestones), ...checkPlanning(options, dates));
  }
  const deadline = milestones.find((m) => m.code === 'offersDeadline');
  return {
    planning: { ...computed, milestones },
    buyerSet,
    warnings,
    offersDeadline: deadline?.at ?? null,
  };
}

/**
 * Warns when a plan misses the day the buyer aims at: a notification after the target notification day, or a
 * launch (the notice, or the quotation request) before the target launch day.
 * @param anchor the project's anchor (`planningAnchorOf`)
 * @param milestones the plan's milestones
 * @returns one `target_moved` warning, or none
 */
export function targetWarnings(
  anchor: PlanningAnchor,
  milestones: readonly PlannedMilestone[],
): PlanningWarning[] {
  const target = DateTime.fromISO(anchor.date, { zone: PARIS_ZONE });
  const milestone =
    anchor.from === 'notification'
      ? milestones.find((m) => m.code === 'notification')
      : milestones.find((m) => m.basis === 'start');
  if (milestone === undefined) {
    return [];
  }
  const day = milestone.at.setZone(PARIS_ZONE).toISODate()!;
  if (anchor.from === 'notification' ? day <= anchor.date : day >= anchor.date) {
    return [];
  }
  const message =
    anchor.from === 'notification'
      ? `La notification passerait au ${formatFrenchDateTime(milestone.at)}, après la date visée du ` +
        `${formatFrenchDay(target)} : changez la date visée si ce nouveau calendrier vous convient.`
      : `« ${milestone.label} » passerait au ${formatFrenchDateTime(milestone.at)}, avant la date de lancement ` +
        `visée du ${formatFrenchDay(target)} : changez la date visée si ce nouveau calendrier vous convient.`;
  return [{ code: 'target_moved', severity: 'warning', milestone: milestone.code, message, article: null }];
}

const TIME = /^(\d{1,2})\s*[h:]\s*(\d{2})?$/i;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Reads the milestones a buyer sets: for each milestone code of the procedure, a day (`YYYY-MM-DD` or
 * `JJ/MM/AAAA`), optionally followed by a time (`14:00`, `14h30`); without a time, the milestone's usual
 * time of day (deadlines at noon). Blank values remove a date.
 * @param errors the request's error bag (fields `targetDates.<code>`)
 * @param raw code → text
 * @param procedure the project's procedure: only its milestones may be set
 * @returns code → ISO 8601 instant with the Paris offset
 */
export function readTargetDates(
  errors: FieldErrorBag,
  raw: Readonly<Record<string, string | null | undefined>>,
  procedure: ProcedureCode,
): Partial<Record<MilestoneCode, string>> {
  const allowed = milestoneCodesOf(procedure);
  const dates: Partial<Record<MilestoneCode, string>> = {};
  for (const [code, value] of Object.entries(raw)) {
    if (isBlank(value)) {
      continue;
    }
    const field = `targetDates.${code}`;
    if (!(MILESTONE_CODES as readonly string[]).includes(code) || !allowed.includes(code as MilestoneCode)) {
      errors.add(field, `Le jalon « ${code.slice(0, 40)} » n’existe pas dans cette procédure.`);
      continue;
    }
    const at = readInstant(String(value), MILESTONES[code as MilestoneCode].time);
    if (typeof at === 'string') {
      errors.add(field, `${MILESTONES[code as MilestoneCode].label} : ${at}`);
    } else {
      dates[code as MilestoneCode] = isoWithOffset(at);
    }
  }
  return dates;
}

function readInstant(text: string, defaultTime: string): DateTime | string {
  const trimmed = text.trim();
  if (ISO_DATE_TIME.test(trimmed)) {
    const at = DateTime.fromISO(trimmed, { zone: PARIS_ZONE });
    return at.isValid
      ? at.setZone(PARIS_ZONE)
      : `« ${trimmed.slice(0, 40)} » n’est pas une date et heure valide.`;
  }
  const [dayText = '', ...rest] = trimmed.split(/\s+/);
  let day: string;
  try {
    day = parseDateOnly(dayText);
  } catch (error) {
    if (error instanceof DomainError) {
      return error.userMessage;
    }
    throw error;
  }
  const timeText = rest.join('') || defaultTime;
  const time = TIME.exec(timeText);
  const hour = Number(time?.[1] ?? Number.NaN);
  const minute = Number(time?.[2] ?? '0');
  if (time === null || hour > 23 || minute > 59) {
    return `l’heure « ${timeText.slice(0, 20)} » n’est pas lisible : écrivez par exemple 12:00 ou 12h00.`;
  }
  return DateTime.fromObject(
    {
      year: Number(day.slice(0, 4)),
      month: Number(day.slice(5, 7)),
      day: Number(day.slice(8, 10)),
      hour,
      minute,
    },
    { zone: PARIS_ZONE },
  );
}

/**
 * A project's retro-planning as an iCalendar file (RFC 5545): one event per milestone at its Paris time,
 * named after the project, with UIDs stable per project and milestone (`projet-<id>-<code>@amont`), so that a
 * calendar importing the file again moves the events instead of duplicating them; their SEQUENCE is the
 * time of the project's last change, so that calendars apply the update.
 * @param project the project (its effective plan, buyer-set dates included)
 * @param now the DTSTAMP instant
 * @returns the `text/calendar` content
 * @throws DomainError `project_planning.not_found` without a target notification day
 */
export function projectPlanningToIcs(
  project: PlanningInput & Pick<PurchaseProject, 'id' | 'title' | 'updatedAt'>,
  now: Date = new Date(),
): string {
  const plan = planProject(project);
  if (plan === null) {
    throw planningNotFound(project.id);
  }
  return planningToIcs(plan.planning, now, {
    title: project.title,
    uid: `projet-${project.id}`,
    // Seconds of the last change: grows with every saved change, drafts included.
    sequence: Math.floor(project.updatedAt.getTime() / 1000),
  });
}
