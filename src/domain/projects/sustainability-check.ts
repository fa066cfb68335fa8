import { adviseProcedure, eurosHt, INNOVATIVE_THRESHOLD } from '../planning/index.ts';
import { amountHt } from './project-diff.ts';
import type { ProjectLot, PurchaseProject } from './purchase-project.ts';

/**
 * Social and environmental obligations a project should meet, recalled to the buyer: reminders with their
 * legal basis, never a refusal (the buyer decides; Amont only reminds).
 *
 * Sources (checked in November 2026):
 * - Loi n° 2021-1104 du 22 août 2021 « Climat et résilience », article 35, in force for consultations
 *   launched (or notices sent) from 21 August 2026 (décret n° 2022-767 du 2 mai 2022):
 *   - CCP L2152-7: at least one award criterion takes the environmental characteristics of the offer into
 *     account;
 *   - CCP L2112-2: the conditions of performance take environmental considerations into account;
 *   - CCP L2112-2-1: for contracts whose estimated value is at or above the EU thresholds, the conditions
 *     of performance take social or employment considerations into account.
 * - CCP R2122-9-1: an innovative purchase may be awarded without publicity nor competition below
 *   100 000 € HT (thresholds as data in src/domain/planning/thresholds.ts).
 * - CCP L2113-15 and L2113-16: a contract reserved to social economy companies covers only health, social
 *   or cultural services and lasts three years at most.
 * The EU threshold is the planning engine's (adviseProcedure), for the project's buyer type and nature on
 * its launch day.
 * - CCP R2121-1 and R2121-4: the estimated value of the need counts every lot; when the lots add up to more
 *   than the project's estimated value, the procedure and thresholds may have been chosen on too low a value.
 */

/** The day the article 35 obligations apply to consultations launched from. */
export const CLIMATE_LAW_EFFECTIVE_DATE = '2026-08-21';

/** A reminder. */
export interface SustainabilityReminder {
  code:
    | 'environmental_criterion'
    | 'environmental_conditions'
    | 'social_above_eu_threshold'
    | 'innovative_exemption_threshold'
    | 'ess_reservation_scope'
    | 'lots_above_estimated_value';
  /** `warning`: an obligation seems unmet; `info`: something to keep in mind */
  severity: 'warning' | 'info';
  /** French, safe to show */
  message: string;
  /** the legal basis, flat (pages show it in brackets), e.g. 'CCP L2152-7 ; loi n° 2021-1104 du 22 août 2021, art. 35 ; décret n° 2022-767' */
  legalBasis: string;
}

const CLIMATE_LAW = 'loi n° 2021-1104 du 22 août 2021, art. 35 ; décret n° 2022-767';

const weightOf = (lots: ProjectLot[], key: 'environmental' | 'social') =>
  lots.some((lot) => (lot.awardCriteria[key] ?? 0) > 0);

/**
 * The reminders for a project.
 * @param project the project
 * @param lots its lots (their award criteria and reservations)
 * @param launchDate the day the consultation is (or was) launched, `YYYY-MM-DD`: the plan's first milestone,
 *   or today without a plan
 * @returns reminders, in a stable order
 */
export function checkSustainability(
  project: PurchaseProject,
  lots: ProjectLot[],
  launchDate: string,
): SustainabilityReminder[] {
  const reminders: SustainabilityReminder[] = [];
  const inForce = launchDate >= CLIMATE_LAW_EFFECTIVE_DATE;
  const from = inForce ? 'Depuis le 21 août 2026' : 'Pour les consultations lancées à partir du 21 août 2026';
  const competitive = project.procedure !== 'PNSPMC';

  if (
    competitive &&
    (lots.length === 0 || lots.some((lot) => (lot.awardCriteria.environmental ?? 0) === 0))
  ) {
    reminders.push({
      code: 'environmental_criterion',
      severity: inForce ? 'warning' : 'info',
      message:
        `${from}, au moins un critère d’attribution prend en compte les caractéristiques environnementales de ` +
        (lots.length === 0
          ? 'l’offre : déclarez les critères de chaque lot, dont un critère environnemental.'
          : `l’offre : ${lots
              .filter((l) => (l.awardCriteria.environmental ?? 0) === 0)
              .map((l) => `lot ${l.number}`)
              .join(', ')} sans critère environnemental.`),
      legalBasis: `CCP L2152-7 ; ${CLIMATE_LAW}`,
    });
  }
  if (project.greenProcurement.length === 0) {
    reminders.push({
      code: 'environmental_conditions',
      severity: 'info',
      message: `${from}, les conditions d’exécution prennent en compte des considérations environnementales : précisez les objectifs environnementaux du projet.`,
      legalBasis: `CCP L2112-2 ; ${CLIMATE_LAW}`,
    });
  }

  const value = project.estimatedValue;
  if (value !== null && value > 0) {
    const advice = adviseProcedure({
      estimatedValue: value,
      buyerType: project.buyerType,
      nature: project.nature,
      innovative: project.innovativePurchase,
      procedure: project.procedure,
      launchDate,
    });
    const threshold = advice.euThreshold;
    const social =
      project.socialProcurement.length > 0 ||
      project.reserved !== null ||
      lots.some((lot) => lot.reserved !== null) ||
      weightOf(lots, 'social');
    if (threshold !== null && value >= threshold.amount && !social) {
      reminders.push({
        code: 'social_above_eu_threshold',
        severity: inForce ? 'warning' : 'info',
        message:
          `${from}, un marché d’une valeur estimée égale ou supérieure au seuil européen (${eurosHt(threshold.amount)}) ` +
          'comporte des conditions d’exécution prenant en compte des considérations sociales ou relatives à l’emploi : ' +
          'aucune considération sociale n’est déclarée pour ce projet.',
        legalBasis: `CCP L2112-2-1 ; ${CLIMATE_LAW}`,
      });
    }
    if (
      project.procedure === 'PNSPMC' &&
      project.innovativePurchase &&
      value >= INNOVATIVE_THRESHOLD.amount
    ) {
      reminders.push({
        code: 'innovative_exemption_threshold',
        severity: 'warning',
        message:
          `Un achat innovant ne peut être passé sans publicité ni mise en concurrence qu’en dessous de ${eurosHt(INNOVATIVE_THRESHOLD.amount)} ` +
          `(valeur estimée : ${eurosHt(value)}).`,
        legalBasis: `CCP ${INNOVATIVE_THRESHOLD.article} ; ${INNOVATIVE_THRESHOLD.source.replace(/^Décret/, 'décret')}`,
      });
    }
  }

  if ([project.reserved, ...lots.map((l) => l.reserved)].some((r) => r?.article === 'L2113-15')) {
    reminders.push({
      code: 'ess_reservation_scope',
      severity: 'info',
      message:
        'Un marché réservé aux entreprises de l’économie sociale et solidaire ne porte que sur des services de santé, ' +
        'sociaux ou culturels et dure trois ans au plus.',
      legalBasis: 'CCP L2113-15 et L2113-16',
    });
  }
  // In cents: 100 000,10 + 200 000,20 is exactly 300 000,30.
  const cents = (euros: number) => Math.round(euros * 100);
  const lotsCents = lots.reduce((sum, lot) => sum + cents(lot.estimatedValue ?? 0), 0);
  const lotsTotal = lotsCents / 100;
  if (project.estimatedValue !== null && lotsCents > cents(project.estimatedValue)) {
    reminders.push({
      code: 'lots_above_estimated_value',
      severity: 'warning',
      message:
        `Les lots valent ensemble ${amountHt(lotsTotal)}, plus que la valeur estimée du projet ` +
        `(${amountHt(project.estimatedValue)}) : la valeur estimée du besoin compte tous les lots, c’est elle ` +
        'qui fixe la procédure et les seuils.',
      legalBasis: 'CCP R2121-1 et R2121-4',
    });
  }
  return reminders;
}
