import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { listOf } from '../solutions/index.ts';
import { authorizeProfile } from './profile-access.ts';
import { findProfile, saveProfile } from './supplier-profile.repository.ts';
import {
  emptyProfile,
  INNOVATION_SIGNALS,
  invalidProfile,
  PROFILE_LIMITS,
  SUPPLIER_LABELS,
  type InnovationSignal,
  type SupplierLabel,
  type SupplierProfile,
} from './supplier-profile.ts';

/** A profile as typed. Lists may be one value (a single checked box) or an array. */
export interface ProfileInput {
  description?: string | null | undefined;
  website?: string | null | undefined;
  labels?: string | string[] | undefined;
  innovationSignals?: string | string[] | undefined;
  innovationDetails?: string | null | undefined;
}

type Errors = Record<string, string>;

function optionalText(value: string | null | undefined, field: string, max: number, errors: Errors) {
  const trimmed = (value ?? '').trim();
  if (trimmed.length > max) {
    errors[field] = `Ce champ ne doit pas dépasser ${max} caractères (${trimmed.length} saisis).`;
  }
  return trimmed === '' ? null : trimmed;
}

/**
 * An http(s) address, as typed (« exemple.fr » gets « https:// »).
 * @returns the normalised URL, or null when empty
 */
export function readWebsite(raw: string | null | undefined, errors: Errors): string | null {
  const typed = optionalText(raw, 'website', PROFILE_LIMITS.website, errors);
  if (typed === null) {
    return null;
  }
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`;
  try {
    const url = new URL(candidate);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.')) {
      return url.toString();
    }
  } catch {
    // reported below
  }
  errors.website = 'Le site web doit être une adresse http ou https, par exemple https://www.exemple.fr.';
  return null;
}

function slugs<T extends string>(
  raw: string | string[] | undefined,
  known: Readonly<Record<T, string>>,
  field: string,
  what: string,
  errors: Errors,
): T[] {
  const values = listOf(raw);
  const unknown = values.filter((value) => !(value in known));
  if (unknown.length > 0) {
    errors[field] = `${what} inconnu : ${unknown.map((u) => `« ${u.slice(0, 40)} »`).join(', ')}.`;
  }
  return values.filter((value): value is T => value in known);
}

/**
 * Writes the profile of a supplier organisation (every field replaced by what is given).
 * @param actor a member of the organisation (or one of its API tokens)
 * @param organisation its id or SIRET
 * @param input description, website, labels, innovation signals and their details
 * @returns the saved profile
 * @throws DomainError `auth.unauthenticated`, `organisation.not_found`, `auth.forbidden`,
 *   `supplier_profile.invalid` (text too long, website not http(s), unknown label or signal)
 */
export async function updateSupplierProfile(
  db: Kysely<Database>,
  actor: Actor,
  organisation: number | string,
  input: ProfileInput,
): Promise<SupplierProfile> {
  return db.transaction().execute(async (trx) => {
    const { organisation: owner } = await authorizeProfile(trx, actor, organisation, 'edit');
    const errors: Errors = {};
    const values = {
      organisation_id: owner.id,
      description: optionalText(input.description, 'description', PROFILE_LIMITS.description, errors),
      website: readWebsite(input.website, errors),
      labels: slugs<SupplierLabel>(input.labels, SUPPLIER_LABELS, 'labels', 'Label', errors),
      innovation_signals: slugs<InnovationSignal>(
        input.innovationSignals,
        INNOVATION_SIGNALS,
        'innovationSignals',
        'Signal d’innovation',
        errors,
      ),
      innovation_details: optionalText(
        input.innovationDetails,
        'innovationDetails',
        PROFILE_LIMITS.innovationDetails,
        errors,
      ),
    };
    if (Object.keys(errors).length > 0) {
      throw invalidProfile(errors);
    }
    const before = (await findProfile(trx, owner.id)) ?? emptyProfile(owner.id);
    const after = await saveProfile(trx, values);
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'supplier_profile.updated',
      subjectType: 'supplier_profile',
      subjectId: String(owner.id),
      before,
      after,
    });
    return after;
  });
}
