import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { requireUser, type Actor } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { parseFrenchAmount, Siret, todayInParis, type DomainError } from '../shared/index.ts';
import { authorizeProfile } from './profile-access.ts';
import { deleteReference, findReference, insertReference } from './supplier-profile.repository.ts';
import {
  invalidProfile,
  PROFILE_LIMITS,
  referenceNotFound,
  type DeclaredReference,
} from './supplier-profile.ts';

/**
 * References a supplier declares itself: contracts with private buyers, contracts older than DECP, or
 * not published. They are shown apart from the DECP contracts, as « déclarées par le fournisseur ».
 */

/** A reference as typed. */
export interface ReferenceInput {
  buyerName?: string | undefined;
  /** 14 digits, spaces allowed; optional. */
  buyerSiret?: string | null | undefined;
  year?: string | number | undefined;
  title?: string | undefined;
  /** Euros HT, French or machine writing; optional. */
  amount?: string | number | null | undefined;
}

/** Earliest year a reference may have (DECP starts in 2019; older references are declared). */
const FIRST_YEAR = 1990;

/**
 * Adds a declared reference to a supplier organisation.
 * @param actor a member of the organisation
 * @param organisation its id or SIRET
 * @returns the saved reference
 * @throws DomainError `auth.unauthenticated`, `organisation.not_found`, `auth.forbidden`,
 *   `supplier_profile.invalid` (buyer or title missing, SIRET invalid, year outside 1990–this year,
 *   amount unreadable or negative)
 */
export async function addDeclaredReference(
  db: Kysely<Database>,
  actor: Actor,
  organisation: number | string,
  input: ReferenceInput,
  now = new Date(),
): Promise<DeclaredReference> {
  return db.transaction().execute(async (trx) => {
    const { organisation: owner } = await authorizeProfile(trx, actor, organisation, 'edit');
    const errors: Record<string, string> = {};
    const buyerName = (input.buyerName ?? '').trim();
    if (buyerName === '' || buyerName.length > PROFILE_LIMITS.buyerName) {
      errors.buyerName = `Indiquez l’acheteur (${PROFILE_LIMITS.buyerName} caractères au plus).`;
    }
    let buyerSiret: string | null = null;
    if ((input.buyerSiret ?? '').trim() !== '') {
      const parsed = Siret.tryParse(input.buyerSiret ?? '');
      if (parsed.ok) {
        buyerSiret = parsed.value;
      } else {
        errors.buyerSiret = parsed.error.userMessage;
      }
    }
    const lastYear = Number(todayInParis(now).slice(0, 4));
    const year = Number(String(input.year ?? '').trim());
    if (!Number.isInteger(year) || year < FIRST_YEAR || year > lastYear) {
      errors.year = `L’année est une année de ${FIRST_YEAR} à ${lastYear}.`;
    }
    const title = (input.title ?? '').trim();
    if (title === '' || title.length > PROFILE_LIMITS.title) {
      errors.title = `Décrivez l’objet du marché (${PROFILE_LIMITS.title} caractères au plus).`;
    }
    let amount: number | null = null;
    if (String(input.amount ?? '').trim() !== '') {
      try {
        amount = parseFrenchAmount(input.amount as string | number);
        if (amount < 0) {
          errors.amount = 'Le montant ne peut pas être négatif.';
        }
      } catch (error) {
        errors.amount = (error as DomainError).userMessage;
      }
    }
    if (Object.keys(errors).length > 0) {
      throw invalidProfile(errors);
    }
    const reference = await insertReference(trx, {
      organisation_id: owner.id,
      buyer_name: buyerName,
      buyer_siret: buyerSiret,
      year,
      title,
      amount,
      created_by: requireUser(actor),
    });
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'declared_reference.added',
      subjectType: 'supplier_profile',
      subjectId: String(owner.id),
      after: reference,
    });
    return reference;
  });
}

/**
 * Removes a declared reference.
 * @throws DomainError `auth.unauthenticated`, `organisation.not_found`, `auth.forbidden`,
 *   `declared_reference.not_found`
 */
export async function removeDeclaredReference(
  db: Kysely<Database>,
  actor: Actor,
  organisation: number | string,
  referenceId: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { organisation: owner } = await authorizeProfile(trx, actor, organisation, 'edit');
    const reference = await findReference(trx, owner.id, referenceId);
    if (reference === undefined) {
      throw referenceNotFound(referenceId);
    }
    await deleteReference(trx, referenceId);
    await recordAudit(trx, {
      actorUserId: requireUser(actor),
      action: 'declared_reference.removed',
      subjectType: 'supplier_profile',
      subjectId: String(owner.id),
      before: reference,
    });
  });
}
