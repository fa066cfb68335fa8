import type { ProjectLot, PurchaseProject } from './purchase-project.ts';

/**
 * The project's social and environmental aspects as the DECP will declare them once the contract is
 * awarded (format of the arrêté du 22 décembre 2022: `considerationsSociales`,
 * `considerationsEnvironnementales`, closed lists). The mapping from the eForms codes:
 * - « Critère social » / « Critère environnemental »: a lot weighs a social / environmental award criterion;
 * - « Marché réservé »: participation is reserved (BT-71) for the project or a lot;
 * - « Clause sociale » / « Clause environnementale »: social (BT-775) / green (BT-774) objectives declared,
 *   pursued through the conditions of performance;
 * - « Pas de considération … » when none applies.
 */

/** DECP 2022 `considerationSociale` values. */
export type DecpSocialConsideration =
  'Clause sociale' | 'Critère social' | 'Marché réservé' | 'Pas de considération sociale';
/** DECP 2022 `considerationEnvironnementale` values. */
export type DecpEnvironmentalConsideration =
  'Clause environnementale' | 'Critère environnemental' | 'Pas de considération environnementale';

/** The two DECP lists of a project. */
export interface DecpConsiderations {
  social: DecpSocialConsideration[];
  environmental: DecpEnvironmentalConsideration[];
}

/**
 * The DECP considerations of a project.
 * @param project its eForms aspects
 * @param lots its lots (criteria, reservations)
 * @returns both lists, never empty (the « Pas de considération » value when nothing applies)
 */
export function decpConsiderations(project: PurchaseProject, lots: ProjectLot[]): DecpConsiderations {
  const social: DecpSocialConsideration[] = [];
  if (project.socialProcurement.length > 0) {
    social.push('Clause sociale');
  }
  if (lots.some((lot) => (lot.awardCriteria.social ?? 0) > 0)) {
    social.push('Critère social');
  }
  if (project.reserved !== null || lots.some((lot) => lot.reserved !== null)) {
    social.push('Marché réservé');
  }
  const environmental: DecpEnvironmentalConsideration[] = [];
  if (project.greenProcurement.length > 0) {
    environmental.push('Clause environnementale');
  }
  if (lots.some((lot) => (lot.awardCriteria.environmental ?? 0) > 0)) {
    environmental.push('Critère environnemental');
  }
  return {
    social: social.length > 0 ? social : ['Pas de considération sociale'],
    environmental: environmental.length > 0 ? environmental : ['Pas de considération environnementale'],
  };
}
