/**
 * The milestones of a procurement timeline: stable codes (API, OCDS `code`, iCalendar UID), French labels,
 * OCDS milestone type and default time of day (Europe/Paris).
 */

/** Milestone codes, in their logical order in a timeline. */
export const MILESTONE_CODES = [
  'sourcingStart',
  'priorInformationNotice',
  'quoteRequest',
  'publication',
  'applicationsDeadline',
  'invitationToTender',
  'dialogueEnd',
  'questionsDeadline',
  'offersDeadline',
  'offersOpening',
  'standstillStart',
  'notification',
] as const;

/** A milestone code, e.g. `offersDeadline`. */
export type MilestoneCode = (typeof MILESTONE_CODES)[number];

/** OCDS 1.1 `milestoneType` codelist values used here (open codelist, `planning.milestones[].type`). */
export type OcdsMilestoneType = 'preProcurement' | 'engagement' | 'assessment' | 'approval';

/** What every milestone carries whatever the procedure. */
export interface MilestoneDefinition {
  /** French label; a procedure may override it (e.g. « offres finales » in a competitive dialogue) */
  label: string;
  /** OCDS milestone type */
  ocdsType: OcdsMilestoneType;
  /** default time of day in Europe/Paris, `HH:mm` (deadlines at noon, opening early afternoon) */
  time: string;
}

/** Labels, OCDS types and times of day of every milestone. */
export const MILESTONES: Readonly<Record<MilestoneCode, MilestoneDefinition>> = {
  sourcingStart: { label: 'Début du sourçage', ocdsType: 'preProcurement', time: '09:00' },
  priorInformationNotice: {
    label: 'Envoi de l’avis de préinformation',
    ocdsType: 'preProcurement',
    time: '09:00',
  },
  quoteRequest: { label: 'Demande de devis', ocdsType: 'engagement', time: '09:00' },
  publication: { label: 'Envoi de l’avis d’appel à la concurrence', ocdsType: 'engagement', time: '09:00' },
  applicationsDeadline: {
    label: 'Date limite de réception des candidatures',
    ocdsType: 'engagement',
    time: '12:00',
  },
  invitationToTender: {
    label: 'Envoi de l’invitation à soumissionner',
    ocdsType: 'engagement',
    time: '09:00',
  },
  dialogueEnd: {
    label: 'Fin du dialogue et invitation à remettre une offre finale',
    ocdsType: 'engagement',
    time: '09:00',
  },
  questionsDeadline: {
    label: 'Dernières réponses aux questions des candidats',
    ocdsType: 'engagement',
    time: '12:00',
  },
  offersDeadline: { label: 'Date limite de réception des offres', ocdsType: 'engagement', time: '12:00' },
  offersOpening: { label: 'Ouverture des plis', ocdsType: 'assessment', time: '14:00' },
  standstillStart: {
    label: 'Choix de l’attributaire et envoi des lettres de rejet (début du délai de suspension)',
    ocdsType: 'assessment',
    time: '09:00',
  },
  notification: { label: 'Signature et notification du marché', ocdsType: 'approval', time: '09:00' },
};
