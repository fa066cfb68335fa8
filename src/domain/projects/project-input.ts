import {
  BUYER_TYPES,
  PROCEDURE_CODES,
  PROCEDURES,
  PURCHASE_NATURES,
  type ProcedureCode,
} from '../planning/index.ts';
import { DomainError, parseDateOnly } from '../shared/index.ts';
import {
  GREEN_PROCUREMENT,
  INNOVATION_PROCUREMENT,
  SOCIAL_PROCUREMENT,
  STRATEGIC_PROCUREMENT,
  type StrategicProcurementCode,
} from './eforms-codes.ts';
import {
  FieldErrorBag,
  isBlank,
  readAmount,
  readBoolean,
  readCodes,
  readCpvCodes,
  readRequiredText,
  readReservation,
  readText,
  type Raw,
} from './field-readers.ts';
import { readPlace } from './place.ts';
import { invalidProject } from './project.errors.ts';
import { readTargetDates } from './project-planning.ts';
import { natureOfCpv, type ProjectFields } from './purchase-project.ts';

/**
 * Reading a project from a form or the API: every field checked, every error in French under its field,
 * all errors thrown at once. On an update, absent fields keep their current value.
 */

/** A project as it arrives (form strings, or typed JSON). */
export interface RawProjectInput {
  reference?: Raw;
  title?: Raw;
  need?: Raw;
  nature?: Raw;
  buyerType?: Raw;
  cpvCodes?: Raw;
  estimatedValue?: Raw;
  budget?: Raw;
  placeKind?: Raw;
  placeCode?: Raw;
  procedure?: Raw;
  innovativePurchase?: Raw;
  targetNotificationDate?: Raw;
  /** the launch day aimed at, used when no target notification day is given */
  targetStartDate?: Raw;
  /** milestone code → day and optional time */
  targetDates?: Readonly<Record<string, string | null | undefined>>;
  contactName?: Raw;
  contactEmail?: Raw;
  strategicProcurement?: Raw;
  greenProcurement?: Raw;
  socialProcurement?: Raw;
  innovationProcurement?: Raw;
  reservedParticipation?: Raw;
  reservedArticle?: Raw;
}

/** Longest texts accepted, characters. */
export const TITLE_MAX_LENGTH = 200;
export const NEED_MAX_LENGTH = 20_000;

const NATURE_MESSAGE =
  'Choisissez la nature du marché : travaux, fournitures ou services, ou indiquez un code CPV.';
const BUYER_MESSAGE =
  'Choisissez le type d’acheteur : État ou autorité centrale, collectivité ou autre pouvoir adjudicateur, ou entité adjudicatrice.';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readProcedure(errors: FieldErrorBag, value: Raw): ProcedureCode {
  const code = String(value ?? '')
    .trim()
    .toUpperCase();
  if ((PROCEDURE_CODES as readonly string[]).includes(code)) {
    return code as ProcedureCode;
  }
  errors.add(
    'procedure',
    isBlank(value)
      ? 'Choisissez la procédure envisagée.'
      : `Choisissez une procédure de la liste : ${PROCEDURE_CODES.map((c) => `${c} (${PROCEDURES[c].label})`).join(', ')}.`,
  );
  return 'MAPA';
}

function readDay(errors: FieldErrorBag, field: string, value: Raw): string | null {
  if (isBlank(value)) {
    return null;
  }
  try {
    return parseDateOnly(String(value));
  } catch (error) {
    if (error instanceof DomainError) {
      errors.add(field, error.userMessage);
      return null;
    }
    throw error;
  }
}

function readEnum<T extends string>(
  errors: FieldErrorBag,
  field: string,
  value: Raw,
  values: readonly T[],
  message: string,
): T | null {
  if (isBlank(value)) {
    return null;
  }
  const text = String(value).trim();
  if ((values as readonly string[]).includes(text)) {
    return text as T;
  }
  errors.add(field, message);
  return null;
}

/**
 * BT-06 follows the detailed lists: green codes imply `env-imp`, social codes `soc-obj`, innovation codes
 * or an innovative purchase `inn-pur` (eForms business rules: BT-774, BT-775 and BT-776 are filled only
 * under the matching BT-06 code). `none` cannot go with another code.
 */
function strategicOf(
  errors: FieldErrorBag,
  fields: ProjectFields,
  stated: StrategicProcurementCode[],
): StrategicProcurementCode[] {
  const wanted = new Set(stated);
  if (fields.greenProcurement.length > 0) {
    wanted.add('env-imp');
  }
  if (fields.socialProcurement.length > 0) {
    wanted.add('soc-obj');
  }
  if (fields.innovationProcurement.length > 0 || fields.innovativePurchase) {
    wanted.add('inn-pur');
  }
  if (wanted.has('none') && wanted.size > 1) {
    errors.add(
      'strategicProcurement',
      '« Pas de passation de marché stratégique » ne peut pas aller avec un objectif social, environnemental ou d’innovation.',
    );
  }
  return STRATEGIC_PROCUREMENT.map((e) => e.code).filter((code) => wanted.has(code));
}

/**
 * Reads a project's fields.
 * @param raw the fields as received
 * @param current the saved fields for an update (absent fields keep them), or null for a creation
 * @returns the complete, checked fields
 * @throws DomainError `project.invalid` with `details.fields` (field → French message) and `details.field`
 */
export function readProjectFields(raw: RawProjectInput, current: ProjectFields | null): ProjectFields {
  const errors = new FieldErrorBag();
  // On an update, a field absent from the request keeps its saved value.
  const keep = <K extends keyof ProjectFields & keyof RawProjectInput>(
    key: K,
    read: () => ProjectFields[K],
  ) => (current !== null && raw[key] === undefined ? current[key] : read());

  const title = keep('title', () =>
    readRequiredText(errors, 'title', raw.title, 'Le titre', TITLE_MAX_LENGTH, 'Donnez un titre au projet.'),
  );
  const need = keep('need', () =>
    readRequiredText(
      errors,
      'need',
      raw.need,
      'Le besoin',
      NEED_MAX_LENGTH,
      'Décrivez le besoin, sous la forme d’un problème à résoudre.',
    ),
  );
  const cpvCodes = keep('cpvCodes', () => readCpvCodes(errors, 'cpvCodes', raw.cpvCodes));
  const procedure = keep('procedure', () => readProcedure(errors, raw.procedure));
  const nature = keep('nature', () => {
    const stated = readEnum(errors, 'nature', raw.nature, PURCHASE_NATURES, NATURE_MESSAGE);
    const firstCpv = cpvCodes[0];
    if (stated === null && firstCpv === undefined) {
      errors.add('nature', NATURE_MESSAGE);
    }
    return stated ?? (firstCpv === undefined ? 'services' : natureOfCpv(firstCpv));
  });
  const placeGiven = raw.placeKind !== undefined || raw.placeCode !== undefined;
  const fields: ProjectFields = {
    reference: keep('reference', () => readText(errors, 'reference', raw.reference, 'La référence', 60)),
    title,
    need,
    nature,
    buyerType: keep(
      'buyerType',
      () => readEnum(errors, 'buyerType', raw.buyerType, BUYER_TYPES, BUYER_MESSAGE) ?? 'local',
    ),
    cpvCodes,
    estimatedValue: keep('estimatedValue', () =>
      readAmount(errors, 'estimatedValue', raw.estimatedValue, 'Le montant estimé'),
    ),
    budget: keep('budget', () => readAmount(errors, 'budget', raw.budget, 'Le budget')),
    place: current !== null && !placeGiven ? current.place : readPlace(errors, raw.placeKind, raw.placeCode),
    procedure,
    innovativePurchase: keep('innovativePurchase', () =>
      readBoolean(errors, 'innovativePurchase', raw.innovativePurchase, false),
    ),
    targetNotificationDate: keep('targetNotificationDate', () =>
      readDay(errors, 'targetNotificationDate', raw.targetNotificationDate),
    ),
    targetStartDate: keep('targetStartDate', () => readDay(errors, 'targetStartDate', raw.targetStartDate)),
    targetDates: keep('targetDates', () => readTargetDates(errors, raw.targetDates ?? {}, procedure)),
    contactName: keep('contactName', () =>
      readText(errors, 'contactName', raw.contactName, 'Le nom du contact', 200),
    ),
    contactEmail: keep(
      'contactEmail',
      () =>
        readText(errors, 'contactEmail', raw.contactEmail, 'L’adresse du contact', 254)?.toLowerCase() ??
        null,
    ),
    strategicProcurement: [],
    greenProcurement: keep('greenProcurement', () =>
      readCodes(errors, 'greenProcurement', raw.greenProcurement, GREEN_PROCUREMENT, 'BT-774'),
    ),
    socialProcurement: keep('socialProcurement', () =>
      readCodes(errors, 'socialProcurement', raw.socialProcurement, SOCIAL_PROCUREMENT, 'BT-775'),
    ),
    innovationProcurement: keep('innovationProcurement', () =>
      readCodes(errors, 'innovationProcurement', raw.innovationProcurement, INNOVATION_PROCUREMENT, 'BT-776'),
    ),
    reserved:
      current !== null && raw.reservedParticipation === undefined && raw.reservedArticle === undefined
        ? current.reserved
        : readReservation(errors, '', raw.reservedParticipation, raw.reservedArticle),
  };
  if (fields.contactEmail !== null && !EMAIL.test(fields.contactEmail)) {
    errors.add(
      'contactEmail',
      'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.',
    );
  }
  if (
    current !== null &&
    raw.procedure !== undefined &&
    raw.targetDates === undefined &&
    procedure !== current.procedure
  ) {
    // Milestones differ from one procedure to another: dates set for the old one are dropped.
    fields.targetDates = {};
  }
  const stated = keep('strategicProcurement', () =>
    readCodes(errors, 'strategicProcurement', raw.strategicProcurement, STRATEGIC_PROCUREMENT, 'BT-06'),
  );
  fields.strategicProcurement = strategicOf(errors, fields, stated);
  if (!errors.empty) {
    throw invalidProject(errors.fields);
  }
  return fields;
}
