import { DomainError } from '../shared/index.ts';

/** Error codes of the buyers context. */
export type BuyerErrorCode = 'buyer.not_found';

/**
 * The error thrown when no buyer has this SIRET in the directory.
 * @param siret the SIRET that was looked up (14 digits)
 * @returns a DomainError `buyer.not_found` with `details.field = 'siret'`
 */
export function buyerNotFound(siret: string): DomainError {
  return new DomainError('buyer.not_found', `Aucun acheteur public de SIRET ${siret} n'est connu d'Amont.`, {
    message: `buyer ${siret} not found`,
    details: { field: 'siret', value: siret },
  });
}
