import type { ProcedureCode } from '../planning/index.ts';
import { VARIANT_POLICIES, type VariantPolicy } from './eforms-codes.ts';
import {
  FieldErrorBag,
  isBlank,
  readAmount,
  readBoolean,
  readCpvCodes,
  readRequiredText,
  readReservation,
  readText,
  type Raw,
} from './field-readers.ts';
import { invalidProject } from './project.errors.ts';
import {
  AWARD_CRITERIA_KEYS,
  AWARD_CRITERIA_LABELS,
  type AwardCriteria,
  type LotFields,
} from './purchase-project.ts';
import { defaultVariantPolicy } from './variants.ts';

/**
 * Reading a lot from a form or the API, like project-input.ts: every error in French under its field, all
 * thrown at once; on an update, absent fields keep their value.
 */

/** A lot as it arrives. */
export interface RawLotInput {
  number?: Raw;
  title?: Raw;
  cpvCodes?: Raw;
  estimatedValue?: Raw;
  /** 'allowed' | 'not-allowed' | 'required', or blank for the procedure's default */
  variants?: Raw;
  variantMinimumRequirements?: Raw;
  variantWithoutBaseOffer?: Raw;
  reservedParticipation?: Raw;
  reservedArticle?: Raw;
  /** weights in percent, e.g. { price: 40, technical: 40, environmental: 20 } */
  awardCriteria?: Readonly<Partial<Record<string, Raw>>>;
}

function readNumber(errors: FieldErrorBag, value: Raw, fallback: number): number {
  if (isBlank(value)) {
    return fallback;
  }
  const n = Number(String(value).trim());
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    errors.add('number', 'Le numéro du lot est un nombre entier de 1 à 999.');
    return fallback;
  }
  return n;
}

function readVariants(errors: FieldErrorBag, value: Raw): VariantPolicy | null {
  if (isBlank(value) || value === 'default') {
    return null;
  }
  const code = String(value).trim();
  const entry = VARIANT_POLICIES.find((e) => e.code === code);
  if (entry === undefined) {
    errors.add(
      'variants',
      'Choisissez pour les variantes : allowed (autorisées), not-allowed (interdites) ou required (exigées).',
    );
    return null;
  }
  return entry.code;
}

/**
 * Award criteria weights: whole percentages from 0 to 100 that add up to 100 when any is given (what the
 * buyer declares; later issues score the offers with them).
 */
function readAwardCriteria(
  errors: FieldErrorBag,
  raw: Readonly<Partial<Record<string, Raw>>>,
): AwardCriteria {
  const criteria: AwardCriteria = {};
  for (const key of Object.keys(raw)) {
    if (!(AWARD_CRITERIA_KEYS as readonly string[]).includes(key)) {
      errors.add(
        `awardCriteria.${key}`,
        `« ${key.slice(0, 40)} » n’est pas un critère connu : ${AWARD_CRITERIA_KEYS.join(', ')}.`,
      );
    }
  }
  for (const key of AWARD_CRITERIA_KEYS) {
    const value = raw[key];
    if (isBlank(value)) {
      continue;
    }
    const weight = Number(String(value).trim().replace(/\s*%$/, ''));
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      errors.add(
        `awardCriteria.${key}`,
        `${AWARD_CRITERIA_LABELS[key]} : la pondération est un pourcentage entier de 0 à 100.`,
      );
    } else if (weight > 0) {
      criteria[key] = weight;
    }
  }
  const total = Object.values(criteria).reduce((sum, w) => sum + w, 0);
  if (total !== 0 && total !== 100) {
    errors.add(
      'awardCriteria',
      `Les pondérations des critères doivent totaliser 100 % (total actuel : ${total} %).`,
    );
  }
  return criteria;
}

/**
 * Reads a lot's fields.
 * @param raw the fields as received
 * @param current the saved fields for an update, or null for a new lot
 * @param procedure the project's procedure (variants default)
 * @param nextNumber the number a new lot gets when none is given
 * @returns the complete, checked fields
 * @throws DomainError `project.invalid` with `details.fields`
 */
export function readLotFields(
  raw: RawLotInput,
  current: LotFields | null,
  procedure: ProcedureCode,
  nextNumber: number,
): LotFields {
  const errors = new FieldErrorBag();
  const keep = <K extends keyof LotFields & keyof RawLotInput>(key: K, read: () => LotFields[K]) =>
    current !== null && raw[key] === undefined ? current[key] : read();
  const fields: LotFields = {
    number: keep('number', () => readNumber(errors, raw.number, current?.number ?? nextNumber)),
    title: keep('title', () =>
      readRequiredText(errors, 'title', raw.title, 'Le titre du lot', 200, 'Donnez un titre au lot.'),
    ),
    cpvCodes: keep('cpvCodes', () => readCpvCodes(errors, 'cpvCodes', raw.cpvCodes)),
    estimatedValue: keep('estimatedValue', () =>
      readAmount(errors, 'estimatedValue', raw.estimatedValue, 'Le montant estimé du lot'),
    ),
    variants: keep('variants', () => readVariants(errors, raw.variants)),
    variantMinimumRequirements: keep('variantMinimumRequirements', () =>
      readText(
        errors,
        'variantMinimumRequirements',
        raw.variantMinimumRequirements,
        'Les exigences minimales',
        5000,
      ),
    ),
    variantWithoutBaseOffer: keep('variantWithoutBaseOffer', () =>
      readBoolean(errors, 'variantWithoutBaseOffer', raw.variantWithoutBaseOffer, false),
    ),
    reserved:
      current !== null && raw.reservedParticipation === undefined && raw.reservedArticle === undefined
        ? current.reserved
        : readReservation(errors, '', raw.reservedParticipation, raw.reservedArticle),
    awardCriteria: keep('awardCriteria', () => readAwardCriteria(errors, raw.awardCriteria ?? {})),
  };
  const policy = fields.variants ?? defaultVariantPolicy(procedure);
  if (policy === 'not-allowed') {
    if (fields.variantMinimumRequirements !== null) {
      errors.add(
        'variantMinimumRequirements',
        'Les variantes ne sont pas autorisées sur ce lot : il n’y a pas d’exigences minimales à indiquer.',
      );
    }
    if (fields.variantWithoutBaseOffer) {
      errors.add(
        'variantWithoutBaseOffer',
        'Les variantes ne sont pas autorisées sur ce lot : une variante sans offre de base ne peut pas être admise.',
      );
    }
  }
  if (!errors.empty) {
    throw invalidProject(errors.fields);
  }
  return fields;
}
