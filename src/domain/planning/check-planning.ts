import type { DateTime } from 'luxon';
import { nonWorkingReason } from './holidays.ts';
import { calendarDaysBetween, formatFrenchDateTime } from './format.ts';
import { dayOf, placeAfter, resolveRules, type ResolvedStep } from './layout.ts';
import { MILESTONES, type MilestoneCode } from './milestones.ts';
import type { PlanningOptions, PlanningWarning } from './planning.ts';

/**
 * Check mode: the dates a buyer set (all or some milestones), checked against the procedure's minimum
 * delays and against the order of the milestones. Instants are compared date and time (an opening at
 * 11:00 on the day of a noon deadline is before it); minimum delays are compared by calendar day, the
 * earliest legal day being moved to the next working day (règlement n° 1182/71). Nothing is blocked:
 * the result is a list of warnings.
 */

/** Buyer-set instants by milestone (Europe/Paris). */
export type MilestoneDates = Partial<Record<MilestoneCode, DateTime>>;

const MAX_PIN_MONTHS = 12;

function describe(step: ResolvedStep | { label: string }, at: DateTime): string {
  return `« ${step.label} » (${formatFrenchDateTime(at)})`;
}

function orderWarning(
  later: ResolvedStep,
  laterAt: DateTime,
  earlierLabel: string,
  earlierAt: DateTime,
): PlanningWarning {
  const sameDay = dayOf(laterAt).equals(dayOf(earlierAt));
  return {
    code: 'order',
    severity: 'warning',
    milestone: later.code,
    message:
      `${describe(later, laterAt)} doit venir après « ${earlierLabel} » (${formatFrenchDateTime(earlierAt)})` +
      (sameDay ? ' : même jour, mais à une heure antérieure ou égale.' : '.'),
    article: later.delay.basis === 'legal' ? later.delay.article : null,
  };
}

/**
 * Checks buyer-set dates.
 * @param options procedure, département, electronic, PIN, urgency
 * @param dates the instants set, by milestone code; absent milestones are not checked
 * @returns warnings: `order` (date and time), `legal_minimum` (with the article), `below_recommendation`,
 *   `pin_window` (PIN older than 12 months), `non_working_day` (a deadline on a day not worked)
 */
export function checkPlanning(options: PlanningOptions, dates: MilestoneDates): PlanningWarning[] {
  const resolved = resolveRules(options);
  const labels = new Map<MilestoneCode, string>();
  for (const step of [...resolved.links, ...resolved.satellites]) {
    labels.set(step.code, step.label);
  }
  const startCode = resolved.chain[0] as MilestoneCode;
  labels.set(startCode, resolved.rules.start.label ?? MILESTONES[startCode].label);
  const warnings: PlanningWarning[] = [];

  // Main chain: each link whose two ends are set, then the order of set milestones that are not adjacent.
  let previous: { code: MilestoneCode; at: DateTime; index: number } | null = null;
  resolved.chain.forEach((code, index) => {
    const at = dates[code];
    if (at === undefined) {
      return;
    }
    if (previous !== null) {
      const step = resolved.links[index - 1]!;
      const previousLabel = labels.get(previous.code) ?? previous.code;
      if (at <= previous.at) {
        warnings.push(orderWarning(step, at, previousLabel, previous.at));
      } else if (previous.index === index - 1) {
        warnings.push(...minimumAfter(step, at, previous.at, options.departement));
      }
    }
    previous = { code, at, index };
  });

  for (const satellite of resolved.satellites) {
    const at = dates[satellite.code];
    const parentAt = dates[satellite.from];
    if (at === undefined || parentAt === undefined) {
      continue;
    }
    const parentLabel = labels.get(satellite.from) ?? satellite.from;
    if (at >= parentAt) {
      warnings.push({
        code: 'order',
        severity: 'warning',
        milestone: satellite.code,
        message: `${describe(satellite, at)} doit venir avant « ${parentLabel} » (${formatFrenchDateTime(parentAt)}).`,
        article: satellite.delay.article,
      });
      continue;
    }
    const gap = calendarDaysBetween(at, parentAt);
    if (gap < satellite.delay.days) {
      warnings.push(shortfall(satellite, at, gap, `avant « ${parentLabel} »`));
    }
    if (satellite.code === 'priorInformationNotice' && at.plus({ months: MAX_PIN_MONTHS }) < parentAt) {
      warnings.push({
        code: 'pin_window',
        severity: 'warning',
        milestone: satellite.code,
        message: `${describe(satellite, at)} date de plus de 12 mois avant l’avis de marché : il ne permet plus de réduire les délais.`,
        article: satellite.delay.article,
      });
    }
  }

  for (const code of [
    'publication',
    'applicationsDeadline',
    'questionsDeadline',
    'offersDeadline',
    'notification',
  ] as const) {
    const at = dates[code];
    const reason = at === undefined ? null : nonWorkingReason(at, options.departement);
    if (at !== undefined && reason !== null && labels.has(code)) {
      warnings.push({
        code: 'non_working_day',
        severity: 'info',
        milestone: code,
        message: `« ${labels.get(code)} » tombe un jour non ouvré (${reason}) : préférez un jour ouvré.`,
        article: null,
      });
    }
  }
  return warnings;
}

function shortfall(step: ResolvedStep, at: DateTime, gap: number, where: string): PlanningWarning {
  const legal = step.delay.basis === 'legal';
  return {
    code: legal ? 'legal_minimum' : 'below_recommendation',
    severity: legal ? 'warning' : 'info',
    milestone: step.code,
    message:
      `${describe(step, at)} est à ${gap} jour${gap > 1 ? 's' : ''} ${where} : ` +
      (legal
        ? `le minimum légal est de ${step.delay.days} jours`
        : `Amont recommande ${step.delay.days} jours`) +
      ` (${step.delay.rule.charAt(0).toLowerCase()}${step.delay.rule.slice(1)}).`,
    article: step.delay.article,
  };
}

function minimumAfter(
  step: ResolvedStep,
  at: DateTime,
  fromAt: DateTime,
  departement: string | null,
): PlanningWarning[] {
  if (step.delay.days === 0) {
    return [];
  }
  const earliest = placeAfter(fromAt, step.delay.days, step.code, departement).at;
  if (dayOf(at) >= dayOf(earliest)) {
    return [];
  }
  const gap = calendarDaysBetween(fromAt, at);
  const warning = shortfall(step, at, gap, 'de l’étape précédente');
  const message =
    gap >= step.delay.days
      ? `${describe(step, at)} : le délai de ${step.delay.days} jours depuis l’étape précédente expire un jour ` +
        `non ouvré et court jusqu’au jour ouvré suivant.`
      : warning.message;
  return [{ ...warning, message: `${message} Au plus tôt : ${formatFrenchDateTime(earliest)}.` }];
}
