import { DomainError, parseDateOnly, parseFrenchAmount, DepartementCode } from '../shared/index.ts';
import type { AdviceInput } from './advice.ts';
import type { PlanningOptions } from './planning.ts';
import { planningInputError } from './planning.errors.ts';
import type { PlanningAnchor } from './retro-planning.ts';
import { PROCEDURE_CODES, PROCEDURES, type ProcedureCode } from './rules.ts';
import { BUYER_TYPES, PURCHASE_NATURES, type BuyerType, type PurchaseNature } from './thresholds.ts';

/**
 * Reading a planning request from a query string or a form: every field checked, every error in French
 * with its field, all errors returned at once (a form shows them together; the API answers the first).
 */

/** A request as it arrives: strings from a form or query, booleans or numbers from a typed API. */
export interface RawPlanningRequest {
  procedure?: string;
  /** target notification day: `YYYY-MM-DD` or `JJ/MM/AAAA` */
  notificationDate?: string;
  /** start day (sending of the notice or quotation request), instead of `notificationDate` */
  startDate?: string;
  /** COG département code of the buyer */
  department?: string;
  electronic?: string | boolean;
  pin?: string | boolean;
  urgency?: string | boolean;
  /** estimated value, euros HT (French or machine writing) */
  estimatedValue?: string | number;
  buyerType?: string;
  nature?: string;
  innovative?: string | boolean;
}

/** A checked request. */
export interface PlanningRequest {
  options: PlanningOptions;
  anchor: PlanningAnchor;
  /** advice inputs when an estimated value was given */
  advice: Omit<AdviceInput, 'launchDate' | 'procedure'> | null;
}

/** Parse result: the request, or every field error (DomainError with `details.field`). */
export type PlanningRequestResult =
  { ok: true; request: PlanningRequest } | { ok: false; errors: DomainError[] };

/** First and last notification or start day accepted: the CCP applies since 1 April 2019. */
export const PLANNING_MIN_DATE = '2019-04-01';
export const PLANNING_MAX_DATE = '2100-12-31';

const TRUE = new Set(['true', '1', 'oui', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'non', 'off', 'no']);

function blank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function readBoolean(value: string | boolean | undefined, field: string, fallback: boolean): boolean {
  if (typeof value === 'boolean') {
    return value;
  }
  if (blank(value)) {
    return fallback;
  }
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) {
    return true;
  }
  if (FALSE.has(text)) {
    return false;
  }
  throw new DomainError(
    'request.invalid',
    `Le paramètre « ${field} » doit valoir oui ou non (true ou false).`,
    {
      details: { field, value: String(value) },
    },
  );
}

function readDate(raw: string, field: string): string {
  let day: string;
  try {
    day = parseDateOnly(raw);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError(error.code, error.userMessage, { details: { ...error.details, field } });
    }
    throw error;
  }
  if (day < PLANNING_MIN_DATE || day > PLANNING_MAX_DATE) {
    throw new DomainError(
      'date.out_of_range',
      `La date « ${raw.trim()} » est hors de la période acceptée : du 1er avril 2019 (entrée en vigueur du code ` +
        'de la commande publique) au 31 décembre 2100.',
      { details: { field, value: raw.trim() } },
    );
  }
  return day;
}

function readProcedure(raw: string | undefined): ProcedureCode {
  const code = (raw ?? '').trim().toUpperCase();
  if ((PROCEDURE_CODES as readonly string[]).includes(code)) {
    return code as ProcedureCode;
  }
  if (blank(raw)) {
    throw planningInputError('planning.invalid_procedure', 'procedure', 'Choisissez une procédure.');
  }
  const shown = String(raw).trim().slice(0, 40);
  const list = PROCEDURE_CODES.map((c) => `${c} (${PROCEDURES[c].label})`).join(', ');
  throw planningInputError(
    'planning.invalid_procedure',
    'procedure',
    `« ${shown} » n’est pas une procédure connue : ${list}.`,
    shown,
  );
}

function readAnchor(raw: RawPlanningRequest): PlanningAnchor {
  const hasNotification = !blank(raw.notificationDate);
  const hasStart = !blank(raw.startDate);
  if (hasNotification === hasStart) {
    throw planningInputError(
      'planning.invalid_anchor',
      'notificationDate',
      hasStart
        ? 'Donnez soit la date de notification visée, soit la date de lancement, pas les deux.'
        : 'Indiquez la date de notification visée (ou la date de lancement).',
    );
  }
  return hasNotification
    ? { from: 'notification', date: readDate(raw.notificationDate!, 'notificationDate') }
    : { from: 'start', date: readDate(raw.startDate!, 'startDate') };
}

function readDepartement(raw: string | undefined): string | null {
  if (blank(raw)) {
    return null;
  }
  try {
    return DepartementCode.parse(raw!);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError(error.code, error.userMessage, {
        details: { ...error.details, field: 'department' },
      });
    }
    throw error;
  }
}

function readAdvice(raw: RawPlanningRequest, errors: DomainError[]): PlanningRequest['advice'] {
  if (blank(raw.estimatedValue)) {
    return null;
  }
  let value = Number.NaN;
  collect(errors, () => {
    try {
      value = parseFrenchAmount(raw.estimatedValue!);
    } catch (error) {
      throw error instanceof DomainError
        ? new DomainError(error.code, error.userMessage, {
            details: { ...error.details, field: 'estimatedValue' },
          })
        : error;
    }
    if (!(value > 0)) {
      throw planningInputError(
        'planning.invalid_value',
        'estimatedValue',
        'La valeur estimée doit être positive (euros HT).',
      );
    }
  });
  const buyerType = (raw.buyerType ?? '').trim();
  if (!(BUYER_TYPES as readonly string[]).includes(buyerType)) {
    errors.push(
      planningInputError(
        'planning.invalid_buyer_type',
        'buyerType',
        'Choisissez le type d’acheteur : central (État ou autorité centrale), local (collectivité ou autre pouvoir adjudicateur) ou utility (entité adjudicatrice).',
        buyerType || undefined,
      ),
    );
  }
  const nature = (raw.nature ?? '').trim();
  if (!(PURCHASE_NATURES as readonly string[]).includes(nature)) {
    errors.push(
      planningInputError(
        'planning.invalid_nature',
        'nature',
        'Choisissez la nature du marché (works : travaux, supplies : fournitures, services : services).',
        nature || undefined,
      ),
    );
  }
  let innovative = false;
  collect(errors, () => {
    innovative = readBoolean(raw.innovative, 'innovative', false);
  });
  return {
    estimatedValue: value,
    buyerType: buyerType as BuyerType,
    nature: nature as PurchaseNature,
    innovative,
  };
}

function collect(errors: DomainError[], read: () => void): void {
  try {
    read();
  } catch (error) {
    if (error instanceof DomainError) {
      errors.push(error);
      return;
    }
    throw error;
  }
}

/**
 * Reads and checks a planning request.
 * @param raw the fields as received
 * @returns the request, or all the field errors (codes `planning.invalid_*`, `date.invalid`,
 *   `date.out_of_range`, `cog.invalid_departement_code`, `amount.invalid`, `request.invalid`), each with
 *   `details.field`
 */
export function parsePlanningRequest(raw: RawPlanningRequest): PlanningRequestResult {
  const errors: DomainError[] = [];
  let procedure: ProcedureCode = 'AOO';
  let anchor: PlanningAnchor = { from: 'notification', date: PLANNING_MIN_DATE };
  let departement: string | null = null;
  const flags = { electronic: true, pin: false, urgency: false };
  collect(errors, () => (procedure = readProcedure(raw.procedure)));
  collect(errors, () => (anchor = readAnchor(raw)));
  collect(errors, () => (departement = readDepartement(raw.department)));
  collect(errors, () => (flags.electronic = readBoolean(raw.electronic, 'electronic', true)));
  collect(errors, () => (flags.pin = readBoolean(raw.pin, 'pin', false)));
  collect(errors, () => (flags.urgency = readBoolean(raw.urgency, 'urgency', false)));
  const advice = readAdvice(raw, errors);
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, request: { options: { procedure, departement, ...flags }, anchor, advice } };
}
