import { planningRows, type MilestoneCode } from '../../../domain/planning/index.ts';
import { presentProject, type ProjectDetails } from '../../../domain/projects/index.ts';
import { formatDateTime } from '../accounts/forms.ts';

/**
 * The page view of a project: the API shape, plus the plan's rows in French (buyer-set ones marked) and
 * the history with French dates.
 * @param details what `getProject` returns
 * @returns the template data
 */
export function projectPageView(details: ProjectDetails) {
  const view = presentProject(details);
  const planning = details.planning;
  return {
    project: view,
    planningRows:
      planning === null
        ? []
        : planningRows(planning.planning).map((row) => ({
            ...row,
            buyerSet: planning.buyerSet.includes(row.code as MilestoneCode),
          })),
    planningWarnings: view.planning?.warnings ?? [],
    history: details.versions.map((v, i) => ({
      when: formatDateTime(v.changedAt),
      changes: view.history[i]!.changes.map((c) => c.text),
    })),
    publishedAt: details.project.publishedAt === null ? null : formatDateTime(details.project.publishedAt),
  };
}
