import { PROCEDURES, type ProcedureCode } from '../planning/index.ts';
import { entryOf, VARIANT_POLICIES, type VariantPolicy } from './eforms-codes.ts';
import type { LotFields } from './purchase-project.ts';

/**
 * Variants of a lot (eForms BT-63, code list `permission`). When the buyer says nothing, the code decides
 * (CCP R2151-8): in a formalised procedure variants are not allowed unless the notice allows them; in a
 * procédure adaptée (and a contract without publicity) they are allowed unless the consultation documents
 * forbid them.
 */

/** A lot's variants policy as it applies. */
export interface EffectiveVariants {
  policy: VariantPolicy;
  /** French label of the policy, e.g. 'Autorisée' */
  label: string;
  /** true when the buyer stated it, false when it is the procedure's default */
  stated: boolean;
  /** the minimum requirements a variant must meet (only when variants are allowed or required) */
  minimumRequirements: string | null;
  /** a variant may be submitted without a base offer */
  withoutBaseOffer: boolean;
}

/**
 * The default variants policy of a procedure.
 * @param procedure a procedure code
 * @returns 'not-allowed' for a formalised procedure (AOO, AOR, PCN, DC, PI), 'allowed' otherwise (MAPA, PNSPMC)
 * @example defaultVariantPolicy('AOO') // 'not-allowed'
 */
export function defaultVariantPolicy(procedure: ProcedureCode): VariantPolicy {
  return PROCEDURES[procedure].formalised ? 'not-allowed' : 'allowed';
}

/**
 * A lot's variants as they apply under the project's procedure.
 * @param lot the lot's stated variants fields
 * @param procedure the project's procedure
 * @returns the policy, its label, whether it was stated, and its conditions
 */
export function effectiveVariants(
  lot: Pick<LotFields, 'variants' | 'variantMinimumRequirements' | 'variantWithoutBaseOffer'>,
  procedure: ProcedureCode,
): EffectiveVariants {
  const policy = lot.variants ?? defaultVariantPolicy(procedure);
  const open = policy !== 'not-allowed';
  return {
    policy,
    label: entryOf(VARIANT_POLICIES, policy)?.label ?? policy,
    stated: lot.variants !== null,
    minimumRequirements: open ? lot.variantMinimumRequirements : null,
    withoutBaseOffer: open && lot.variantWithoutBaseOffer,
  };
}
