import { createRequire } from 'node:module';
import { DomainError, tryParse, type ParseResult } from './domain-error.ts';

/**
 * NAF rév. 2 (INSEE's « Nomenclature d'activités française », in force since 1 January 2008, décret
 * n° 2007-1888), the main activity (APE) that SIRENE gives every company and establishment in
 * `activitePrincipaleUniteLegale` / `activitePrincipaleEtablissement`.
 *
 * Only sub-classes (« sous-classes », NN.NNL such as 62.01Z) describe an activity; the sections, divisions
 * (62), groups (62.0) and classes (62.01) are the levels above. The list comes from `@socialgouv/codes-naf`.
 *
 * SIRENE still carries older nomenclatures for units closed before 2008: its
 * `nomenclatureActivitePrincipaleUniteLegale` field says which one (NAFRev1, NAF1993, NAP). Their codes
 * (e.g. 45.2R, 74.8B in NAF rév. 1) are not NAF rév. 2 codes and are rejected as unknown with a message
 * saying so; they are not translated, because the correspondence is not one-to-one.
 */

/** Error codes of this module. */
export type NafErrorCode = 'naf.invalid_format' | 'naf.unknown_code';

/** A NAF rév. 2 sub-class in its canonical form, e.g. '62.01Z'. */
export type NafCode = string & { readonly __brand: 'NafCode' };

type NafEntry = { id: string; label: string };

const require = createRequire(import.meta.url);
let labels: Map<string, string> | undefined;

/** Loads the list on first use: most requests never need it, and it is kept for the process's lifetime. */
function nafLabels(): Map<string, string> {
  if (labels === undefined) {
    const entries = require('@socialgouv/codes-naf/index.json') as NafEntry[];
    labels = new Map(entries.map((entry) => [entry.id, entry.label]));
  }
  return labels;
}

// NAF rév. 2 sub-class, with or without the dot INSEE prints: 62.01Z or 6201Z.
const SUBCLASS = /^(\d{2})\.?(\d{2})([A-Z])$/;
// NAF rév. 1 (2003) and NAF 1993 codes: 4 characters, 3 digits and a letter (45.2R, 742C).
const LEGACY_NAF = /^\d{2}\.?\d[A-Z]$/;
const MAX_SHOWN = 40;

function shown(raw: string): string {
  const trimmed = raw.trim();
  return trimmed.length > MAX_SHOWN ? `${trimmed.slice(0, MAX_SHOWN)}…` : trimmed;
}

/** NAF rév. 2 value object: `NafCode.parse('6201Z')`. */
export const NafCode = {
  /**
   * Normalises a NAF rév. 2 activity code (dot added, upper case) and checks that it exists.
   * @param raw e.g. '62.01Z', '6201Z', ' 62.01z '
   * @returns the canonical sub-class, e.g. '62.01Z'
   * @throws DomainError `naf.invalid_format` (not 4 digits and a letter), `naf.unknown_code` (not a
   *   NAF rév. 2 sub-class, including codes of the older nomenclatures)
   * @example NafCode.parse('6201z') // '62.01Z'
   */
  parse(raw: string): NafCode {
    const compact = raw.trim().toUpperCase();
    const match = SUBCLASS.exec(compact);
    if (!match) {
      if (LEGACY_NAF.test(compact)) {
        throw new DomainError(
          'naf.unknown_code',
          `Le code d'activité « ${shown(raw)} » relève d'une ancienne nomenclature (NAF rév. 1 ou antérieure) : ` +
            'seuls les codes NAF rév. 2, en vigueur depuis 2008, sont acceptés (par exemple 62.01Z).',
          { message: `Legacy NAF code ${JSON.stringify(shown(raw))}`, details: { value: shown(raw) } },
        );
      }
      throw new DomainError(
        'naf.invalid_format',
        `« ${shown(raw)} » n'est pas un code NAF : un code d'activité comporte 4 chiffres et une lettre ` +
          '(par exemple 62.01Z ou 6201Z).',
        { message: `Malformed NAF code ${JSON.stringify(shown(raw))}`, details: { value: shown(raw) } },
      );
    }
    const canonical = `${match[1]}.${match[2]}${match[3]}`;
    if (!nafLabels().has(canonical)) {
      throw new DomainError(
        'naf.unknown_code',
        `Le code d'activité ${canonical} n'existe pas dans la nomenclature NAF rév. 2.`,
        { message: `NAF code ${canonical} is not in NAF rev. 2`, details: { value: canonical } },
      );
    }
    return canonical as NafCode;
  },

  /**
   * Non-throwing `parse`.
   * @param raw the value to read
   * @returns `{ ok: true, value }` or `{ ok: false, error }` with the codes of `parse`
   */
  tryParse(raw: string): ParseResult<NafCode> {
    return tryParse(() => NafCode.parse(raw));
  },

  /**
   * French label of the activity.
   * @param code a parsed NAF code
   * @returns e.g. 'Programmation informatique' for 62.01Z
   */
  label(code: NafCode): string {
    // parse() only returns listed codes, so the lookup cannot miss.
    return nafLabels().get(code) ?? '';
  },

  /**
   * The division (2 digits), the level used to group sectors.
   * @param code a parsed NAF code
   * @returns e.g. '62' for 62.01Z
   */
  division(code: NafCode): string {
    return code.slice(0, 2);
  },

  /**
   * French label of the division the code belongs to.
   * @param code a parsed NAF code
   * @returns e.g. 'Programmation, conseil et autres activités informatiques' for 62.01Z
   */
  divisionLabel(code: NafCode): string {
    return nafLabels().get(code.slice(0, 2)) ?? '';
  },
};
