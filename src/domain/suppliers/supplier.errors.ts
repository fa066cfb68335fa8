import { DomainError } from '../shared/index.ts';

/** Error codes of the suppliers context. */
export type SupplierErrorCode = 'supplier.not_found';

/**
 * The error thrown when the directory has no supplier with this SIREN.
 * @param formattedSiren the SIREN as people read it, '356 000 000'
 * @returns a DomainError `supplier.not_found` with `details.field = 'siren'`
 */
export function supplierNotFound(formattedSiren: string): DomainError {
  return new DomainError(
    'supplier.not_found',
    `Aucun fournisseur de SIREN ${formattedSiren} ne figure dans l'annuaire : Amont référence les ` +
      'entreprises titulaires de marchés publics publiés (DECP) et celles importées du répertoire SIRENE.',
    {
      message: `supplier ${formattedSiren} not found`,
      details: { field: 'siren', value: formattedSiren.replace(/ /g, '') },
    },
  );
}
