import { DateTime } from 'luxon';
import {
  eurosHt,
  formatFrenchDateTime,
  MILESTONES,
  PROCEDURES,
  type MilestoneCode,
  type ProcedureCode,
} from '../planning/index.ts';
import { formatEuros, formatFrenchDate, PARIS_ZONE } from '../shared/index.ts';
import {
  entryOf,
  GREEN_PROCUREMENT,
  INNOVATION_PROCUREMENT,
  SOCIAL_PROCUREMENT,
  STRATEGIC_PROCUREMENT,
  VARIANT_POLICIES,
  type EformsCode,
} from './eforms-codes.ts';
import { placeLabel } from './place.ts';
import {
  AWARD_CRITERIA_LABELS,
  STATUS_LABELS,
  type AwardCriteria,
  type FieldChange,
  type LotFields,
  type Place,
  type ProjectFields,
  type ProjectStatus,
  type Reservation,
} from './purchase-project.ts';

/**
 * What changed in a project, field by field, and how to say it in French. Every change made after the
 * first publication is recorded as such a diff (`project_versions`) and shown on the project's page:
 * « valeur estimée : 120 000 € HT → 150 000 € HT ».
 *
 * Paths: a project field (`estimatedValue`), a buyer-set milestone (`targetDates.offersDeadline`), the
 * state (`status`), a lot (`lots.2` when added or removed, `lots.2.title` when changed), a study
 * (`documents.<id of its first version>`).
 */

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between two versions of a project's fields.
 * @param before the saved fields
 * @param after the new fields
 * @returns path → { before, after }; empty when nothing changed
 */
export function diffProjectFields(before: ProjectFields, after: ProjectFields): Record<string, FieldChange> {
  const diff: Record<string, FieldChange> = {};
  for (const key of Object.keys(after) as (keyof ProjectFields)[]) {
    if (key === 'targetDates') {
      const codes = new Set([...Object.keys(before.targetDates), ...Object.keys(after.targetDates)]);
      for (const code of codes) {
        const a = before.targetDates[code as MilestoneCode] ?? null;
        const b = after.targetDates[code as MilestoneCode] ?? null;
        if (!same(a, b)) {
          diff[`targetDates.${code}`] = { before: a, after: b };
        }
      }
    } else if (!same(before[key], after[key])) {
      diff[key] = { before: before[key] ?? null, after: after[key] ?? null };
    }
  }
  return diff;
}

/**
 * The fields that differ between two versions of a lot (or a lot added or removed).
 * @param number the lot's number (its number before, for a renumbered lot)
 * @param before the saved lot, or null when it is added
 * @param after the new lot, or null when it is removed
 * @returns path → { before, after }
 */
export function diffLot(
  number: number,
  before: LotFields | null,
  after: LotFields | null,
): Record<string, FieldChange> {
  if (before === null || after === null) {
    const lot = before ?? after;
    return { [`lots.${number}`]: { before: before && lot?.title, after: after && lot?.title } };
  }
  const diff: Record<string, FieldChange> = {};
  for (const key of Object.keys(after) as (keyof LotFields)[]) {
    if (!same(before[key], after[key])) {
      diff[`lots.${number}.${key}`] = { before: before[key] ?? null, after: after[key] ?? null };
    }
  }
  return diff;
}

const FIELD_LABELS: Record<string, string> = {
  reference: 'référence',
  title: 'titre',
  need: 'besoin',
  nature: 'nature',
  buyerType: 'type d’acheteur',
  cpvCodes: 'codes CPV',
  estimatedValue: 'valeur estimée',
  budget: 'budget',
  place: 'lieu d’exécution',
  procedure: 'procédure',
  innovativePurchase: 'achat innovant',
  targetNotificationDate: 'date de notification visée',
  targetStartDate: 'date de lancement visée',
  contactName: 'contact',
  contactEmail: 'adresse du contact',
  strategicProcurement: 'objectifs stratégiques (BT-06)',
  greenProcurement: 'objectifs environnementaux (BT-774)',
  socialProcurement: 'objectifs sociaux (BT-775)',
  innovationProcurement: 'innovation (BT-776)',
  reserved: 'participation réservée (BT-71)',
  status: 'statut',
  number: 'numéro',
  variants: 'variantes (BT-63)',
  variantMinimumRequirements: 'exigences minimales des variantes',
  variantWithoutBaseOffer: 'variante sans offre de base',
  awardCriteria: 'critères d’attribution',
};

const NATURE_LABELS: Record<string, string> = {
  works: 'travaux',
  supplies: 'fournitures',
  services: 'services',
};
const BUYER_LABELS: Record<string, string> = {
  central: 'État ou autorité centrale',
  local: 'collectivité ou autre pouvoir adjudicateur',
  utility: 'entité adjudicatrice',
};
const CODE_LISTS: Record<string, readonly EformsCode[]> = {
  strategicProcurement: STRATEGIC_PROCUREMENT,
  greenProcurement: GREEN_PROCUREMENT,
  socialProcurement: SOCIAL_PROCUREMENT,
  innovationProcurement: INNOVATION_PROCUREMENT,
};

/**
 * An amount as the history writes it.
 * @param value euros HT
 * @returns e.g. '150 000 € HT', '1 234,50 € HT'
 */
export function amountHt(value: number): string {
  return Number.isInteger(value) ? eurosHt(value) : `${formatEuros(value)} HT`;
}

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return 'non renseigné';
  }
  if (typeof value === 'boolean') {
    return value ? 'oui' : 'non';
  }
  const list = CODE_LISTS[field];
  if (list !== undefined && Array.isArray(value)) {
    return value.map((code: string) => entryOf(list, code)?.label ?? code).join(' ; ');
  }
  switch (field) {
    case 'estimatedValue':
    case 'budget':
      return amountHt(Number(value));
    case 'targetNotificationDate':
    case 'targetStartDate':
      return formatFrenchDate(String(value));
    case 'procedure':
      return PROCEDURES[value as ProcedureCode]?.label ?? String(value);
    case 'status':
      return STATUS_LABELS[value as ProjectStatus] ?? String(value);
    case 'nature':
      return NATURE_LABELS[String(value)] ?? String(value);
    case 'buyerType':
      return BUYER_LABELS[String(value)] ?? String(value);
    case 'place':
      return placeLabel(value as Place);
    case 'reserved':
      return `${(value as Reservation).code}, art. ${(value as Reservation).article}`;
    case 'variants':
      return entryOf(VARIANT_POLICIES, String(value))?.label ?? String(value);
    case 'awardCriteria':
      return Object.entries(value as AwardCriteria)
        .map(([key, weight]) => `${AWARD_CRITERIA_LABELS[key as keyof AwardCriteria]} ${weight} %`)
        .join(', ');
    case 'targetDate':
      return formatFrenchDateTime(DateTime.fromISO(String(value), { zone: PARIS_ZONE }));
    case 'document':
      return `version ${(value as { version: number }).version} (${(value as { fileName: string }).fileName})`;
    case 'cpvCodes':
      return (value as string[]).join(', ');
    default:
      return String(value);
  }
}

/**
 * One change in French.
 * @param path a diff path
 * @param change its values before and after
 * @returns e.g. 'valeur estimée : 120 000 € HT → 150 000 € HT', 'lot 3 ajouté : Maintenance',
 *   'étude « Diagnostic » : version 1 (a.pdf) → version 2 (b.pdf)'
 */
export function describeChange(path: string, change: FieldChange): string {
  const [head = '', second, third] = path.split('.');
  if (head === 'targetDates' && second !== undefined) {
    const label = MILESTONES[second as MilestoneCode]?.label ?? second;
    return `jalon « ${label} » : ${formatValue('targetDate', change.before)} → ${formatValue('targetDate', change.after)}`;
  }
  if (head === 'lots' && second !== undefined) {
    if (third === undefined) {
      return change.before === null
        ? `lot ${second} ajouté : ${String(change.after)}`
        : `lot ${second} retiré : ${String(change.before)}`;
    }
    return `lot ${second}, ${FIELD_LABELS[third] ?? third} : ${formatValue(third, change.before)} → ${formatValue(third, change.after)}`;
  }
  if (head === 'documents') {
    const title =
      (change.after as { title?: string } | null)?.title ??
      (change.before as { title?: string } | null)?.title ??
      '';
    if (third === 'visibility') {
      const visibility = (v: unknown) =>
        v === 'public' ? 'publique' : 'réservée aux fournisseurs connectés';
      return `étude « ${title} », accès : ${visibility((change.before as { visibility: string }).visibility)} → ${visibility((change.after as { visibility: string }).visibility)}`;
    }
    return change.before === null
      ? `étude « ${title} » ajoutée : ${formatValue('document', change.after)}`
      : `étude « ${title} » : ${formatValue('document', change.before)} → ${formatValue('document', change.after)}`;
  }
  return `${FIELD_LABELS[head] ?? head} : ${formatValue(head, change.before)} → ${formatValue(head, change.after)}`;
}
