import type { CpvSuggestion } from './suggest-cpv.ts';

/**
 * The public shape of a suggestion (API `GET /api/v1/cpv/suggest` and the page « Décrire mon besoin »):
 * the code written as in the CPV 2008 list, with its check digit (`45210000-2`), the French label, the
 * score and the reasons. `cpv_codes` stores the 8 digits (`code`) and the check digit (`check_digit`)
 * apart; they are joined here.
 */
export interface CpvSuggestionView {
  /** 8 digits, a hyphen and the check digit, e.g. '45210000-2'. */
  code: string;
  label: string;
  /** 0 to 1, 1 for the strongest evidence. */
  score: number;
  /** French sentences. */
  why: string[];
}

/**
 * Presents a suggestion.
 * @param suggestion a suggestion of `suggestCpv`
 * @returns its public shape
 * @example presentCpvSuggestion({ code: '45210000', checkDigit: '2', … }).code // '45210000-2'
 */
export function presentCpvSuggestion(suggestion: CpvSuggestion): CpvSuggestionView {
  return {
    code: `${suggestion.code}-${suggestion.checkDigit}`,
    label: suggestion.label,
    score: suggestion.score,
    why: suggestion.why,
  };
}
