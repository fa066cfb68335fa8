/**
 * Public surface of the CPV suggestion (« Décrire mon besoin », issue 3 point 6): from a need written in
 * French, the CPV 2008 codes that fit, each with its reasons. Pages and API import from here.
 */
export {
  suggestCpv,
  DEFAULT_SUGGESTIONS,
  MAX_SUGGESTIONS,
  type CpvSuggestion,
  type CpvSuggestions,
} from './suggest-cpv.ts';
export { MAX_NEED_LENGTH, type CpvSuggestErrorCode } from './read-need.ts';
export { presentCpvSuggestion, type CpvSuggestionView } from './cpv-suggestion.presenter.ts';
