import type { DateTime } from 'luxon';
import { nextWorkingDay, previousWorkingDay } from './holidays.ts';
import { formatFrenchDateTime, formatFrenchDay } from './format.ts';
import {
  atMilestoneTime,
  dayOf,
  parisDay,
  placeAfter,
  placeBefore,
  placeSatellites,
  resolveRules,
  toMilestones,
  type ResolvedRules,
  type Slot,
} from './layout.ts';
import type { MilestoneCode } from './milestones.ts';
import type { Planning, PlanningOptions, PlanningWarning } from './planning.ts';

/**
 * The retro-planning engine: from a target notification date, the milestones of a procedure placed
 * backwards at their legal minimum delays (or Amont's recommended durations), each on a working day;
 * or, from a start date (sending of the notice or of the quotation request), placed forwards, each
 * deadline on its earliest legal day moved to the next working day.
 *
 * Sources: the delays and their articles in rules.ts (CCP, 2026), holidays and the next-working-day rule
 * in holidays.ts, Europe/Paris time throughout (wall-clock times kept across daylight-saving changes).
 */

/** Where a plan starts from. */
export interface PlanningAnchor {
  /** `notification`: the target notification day (plan backwards); `start`: the launch day (forwards) */
  from: 'notification' | 'start';
  /** the day, `YYYY-MM-DD` */
  date: string;
}

/**
 * Computes a plan.
 * @param options procedure, département, electronic submission, PIN, urgency
 * @param anchor the target notification day or the start day
 * @param today the current day (`YYYY-MM-DD`, Paris) to warn about a start already past; omitted: no check
 * @returns the milestones in order, with their rule and article, and the warnings
 * @example computePlanning({ procedure: 'AOO', departement: null, electronic: true, pin: false,
 *   urgency: false }, { from: 'notification', date: '2026-06-30' })
 */
export function computePlanning(options: PlanningOptions, anchor: PlanningAnchor, today?: string): Planning {
  const resolved = resolveRules(options);
  const { chain, links } = resolved;
  const departement = options.departement;
  const slots = new Map<MilestoneCode, Slot>();
  const warnings: PlanningWarning[] = [];
  const backward = anchor.from === 'notification';
  const anchorIndex = backward ? chain.length - 1 : 0;
  const anchorCode = chain[anchorIndex] as MilestoneCode;
  const wanted = parisDay(anchor.date);
  const day = backward ? previousWorkingDay(wanted, departement) : nextWorkingDay(wanted, departement);
  slots.set(anchorCode, { at: atMilestoneTime(day, anchorCode), shiftedFrom: null });
  if (!day.hasSame(wanted, 'day')) {
    warnings.push({
      code: 'target_moved',
      severity: 'info',
      milestone: anchorCode,
      message:
        `Le ${formatFrenchDay(wanted)} n’est pas un jour ouvré : Amont propose le ${formatFrenchDay(day)}, ` +
        (backward ? 'jour ouvré précédent.' : 'jour ouvré suivant.'),
      article: null,
    });
  }
  for (let i = anchorIndex + 1; i < chain.length; i++) {
    const step = links[i - 1]!;
    slots.set(step.code, placeAfter(slots.get(step.from)!.at, step.delay.days, step.code, departement));
  }
  for (let i = anchorIndex - 1; i >= 0; i--) {
    const step = links[i]!;
    slots.set(step.from, placeBefore(slots.get(step.code)!.at, step.delay.days, step.from, departement));
  }
  placeSatellites(resolved, slots, departement);
  const milestones = toMilestones(resolved, slots);
  warnings.push(...situationNotices(resolved, options));
  const start = slots.get(chain[0] as MilestoneCode)!.at;
  if (today !== undefined && dayOf(start) < parisDay(today)) {
    warnings.push(startInPast(chain[0] as MilestoneCode, start));
  }
  return { options, mode: backward ? 'backward' : 'forward', milestones, warnings };
}

function startInPast(code: MilestoneCode, start: DateTime): PlanningWarning {
  return {
    code: 'start_in_past',
    severity: 'warning',
    milestone: code,
    message:
      `Le lancement devrait avoir lieu le ${formatFrenchDateTime(start)}, date déjà passée : ` +
      'la date visée ne peut être tenue qu’en raccourcissant des délais recommandés, jamais les minimums légaux.',
    article: null,
  };
}

/**
 * What the situation itself calls for: urgency to justify, a PIN or urgency without effect, paper
 * exchanges, a procedure without legal minimums.
 * @param resolved the resolved rules
 * @param options the situation
 * @returns info warnings, in a stable order
 */
export function situationNotices(resolved: ResolvedRules, options: PlanningOptions): PlanningWarning[] {
  const { rules } = resolved;
  const notices: PlanningWarning[] = [];
  if (!rules.formalised) {
    notices.push({
      code: 'no_legal_minimum',
      severity: 'info',
      milestone: null,
      message:
        `${rules.label} : le code ne fixe pas de délai minimal ; les durées proposées sont des recommandations ` +
        'd’Amont, à adapter à la complexité du besoin et au temps nécessaire aux entreprises pour répondre.',
      article: rules.code === 'MAPA' ? 'R2151-1' : null,
    });
  }
  if (options.urgency) {
    // The first link the rules shorten for urgency (even when a PIN shortens it as much).
    const urgent = rules.links.find((link) => link.delays.some((delay) => delay.when === 'urgency'));
    const article = urgent?.delays.find((delay) => delay.when === 'urgency')?.article ?? null;
    notices.push(
      urgent !== undefined
        ? {
            code: 'urgency_justification',
            severity: 'info',
            milestone: urgent.to,
            message:
              'Délais réduits pour urgence : l’urgence doit être dûment justifiée et rendre impossible le respect ' +
              'des délais normaux ; gardez-en la justification au dossier.',
            article,
          }
        : {
            code: 'urgency_not_applicable',
            severity: 'info',
            milestone: null,
            message: `${rules.label} : l’urgence ne réduit aucun délai de cette procédure.`,
            article: rules.code === 'PI' ? 'R2172-28' : null,
          },
    );
  }
  if (options.pin && !rules.pinReduces) {
    notices.push({
      code: 'pin_not_applicable',
      severity: 'info',
      milestone: null,
      message: `${rules.label} : un avis de préinformation ne réduit aucun délai de cette procédure.`,
      article: null,
    });
  }
  if (!options.electronic && rules.code !== 'PNSPMC') {
    notices.push({
      code: 'not_electronic',
      severity: 'info',
      milestone: null,
      message:
        'Depuis le 1er octobre 2018, les échanges avec les entreprises sont électroniques pour tout marché ' +
        'd’au moins 40 000 € HT : les délais sans réception électronique sont plus longs.',
      article: 'R2132-7',
    });
  }
  return notices;
}
