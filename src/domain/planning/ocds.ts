import { isoWithOffset } from './format.ts';
import { MILESTONES, type MilestoneCode, type OcdsMilestoneType } from './milestones.ts';
import type { Planning } from './planning.ts';

/**
 * OCDS 1.1 export of a plan: `planning.milestones`, each a `Milestone` of the release schema (`id`,
 * `title`, `type` from the milestoneType codelist, `code`, `description`, `dueDate` as an RFC 3339
 * date-time with the Paris offset, `status` 'scheduled' from the closed milestoneStatus codelist).
 */

/** An OCDS 1.1 Milestone, as this export fills it. */
export interface OcdsMilestone {
  id: string;
  title: string;
  type: OcdsMilestoneType;
  code: MilestoneCode;
  description: string;
  dueDate: string;
  status: 'scheduled';
}

/**
 * The plan's milestones as an OCDS `planning` block.
 * @param planning a computed plan
 * @returns `{ planning: { milestones } }`, ids `1`, `2`… in timeline order, descriptions citing the article
 */
export function planningToOcds(planning: Planning): { planning: { milestones: OcdsMilestone[] } } {
  return {
    planning: {
      milestones: planning.milestones.map((milestone, i) => ({
        id: String(i + 1),
        title: milestone.label,
        type: MILESTONES[milestone.code].ocdsType,
        code: milestone.code,
        description:
          milestone.article === null
            ? `${milestone.rule}.`
            : `${milestone.rule} (code de la commande publique, art. ${milestone.article}).`,
        dueDate: isoWithOffset(milestone.at),
        status: 'scheduled',
      })),
    },
  };
}
