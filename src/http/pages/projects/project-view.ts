import { DateTime } from 'luxon';
import { formatFrenchDateTime, planningRows, type MilestoneCode } from '../../../domain/planning/index.ts';
import {
  amountHt,
  presentProject,
  type ProjectDetails,
  type ProjectStatus,
} from '../../../domain/projects/index.ts';

/**
 * An amount as every project page, the list, the history and the feed write it.
 * @param euros euros HT, or null
 * @returns e.g. '1 500 000 € HT' (whole), '1 234,50 € HT' (cents), or null when unknown
 */
export function amountText(euros: number | null): string | null {
  return euros === null ? null : amountHt(euros);
}

/**
 * An instant as the project pages write it, the time as French typography writes it (as the planning does).
 * @param at an instant
 * @returns e.g. 'lundi 2 novembre 2026 à 8 h 08' (Paris time)
 */
export function instantText(at: Date): string {
  return formatFrenchDateTime(DateTime.fromJSDate(at));
}

/**
 * Whether a project is closed: awarded or abandoned, it no longer changes (the domain refuses it with
 * « il ne se modifie plus »), so its pages offer no form.
 * @param status the project's state
 * @returns true for `awarded` and `abandoned`
 */
export function isClosed(status: ProjectStatus): boolean {
  return status === 'awarded' || status === 'abandoned';
}

/**
 * The page view of a project: the API shape, plus the plan's rows in French (buyer-set ones marked), the
 * amounts and the history in French, and whether it is closed.
 * @param details what `getProject` returns
 * @returns the template data
 */
export function projectPageView(details: ProjectDetails) {
  const view = presentProject(details);
  const planning = details.planning;
  return {
    project: view,
    amounts: {
      estimatedValue: amountText(view.estimatedValue),
      budget: amountText(view.budget),
      lots: Object.fromEntries(view.lots.map((lot) => [lot.number, amountText(lot.estimatedValue)])),
    },
    closed: isClosed(view.status),
    planningRows:
      planning === null
        ? []
        : planningRows(planning.planning).map((row) => ({
            ...row,
            buyerSet: planning.buyerSet.includes(row.code as MilestoneCode),
          })),
    planningWarnings: view.planning?.warnings ?? [],
    history: details.versions.map((v, i) => ({
      when: instantText(v.changedAt),
      changes: view.history[i]!.changes.map((c) => c.text),
    })),
    publishedAt: details.project.publishedAt === null ? null : instantText(details.project.publishedAt),
  };
}
