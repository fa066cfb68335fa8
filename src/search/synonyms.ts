/**
 * Domain vocabulary kept as data: synonym and acronym groups, abbreviations, irregular plurals. Edit
 * freely; every variant of a group finds the documents of every other. Variants are written as in a
 * document (accents, elisions): the query side folds them the same way as the user's words, and
 * PostgreSQL's parser counts the elided articles so that phrase distances match the documents.
 *
 * Keep acronyms unambiguous in public procurement: ERP (progiciel / établissement recevant du public),
 * PV (photovoltaïque / procès-verbal) or SI (« si ») are left out on purpose.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['IA', 'intelligence artificielle'],
  ['vélo', 'cycle', 'bicyclette'],
  ['VAE', 'vélo à assistance électrique'],
  ['EHPAD', "établissement d'hébergement pour personnes âgées dépendantes"],
  ['BTP', 'bâtiment et travaux publics'],
  ['ESN', 'entreprise de services du numérique', 'SSII'],
  ['SIG', "système d'information géographique"],
  ['GED', 'gestion électronique des documents'],
  ['IRVE', 'borne de recharge', 'infrastructure de recharge pour véhicules électriques'],
  ['CVC', 'chauffage ventilation climatisation'],
  ['AMO', "assistance à maîtrise d'ouvrage"],
  ['TIC', "technologies de l'information et de la communication"],
  ['SIAE', "structure d'insertion par l'activité économique"],
  ['ESAT', "établissement et service d'aide par le travail"],
  ['ESS', 'économie sociale et solidaire'],
  ['cybersécurité', 'sécurité informatique'],
  ['nettoyage', 'propreté'],
];

/**
 * Abbreviations of place and company names, both ways: « St-Malo » finds « Saint-Malo » and the reverse.
 * Keys and values are folded (lower case, no accents).
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  saint: 'st',
  st: 'saint',
  sainte: 'ste',
  ste: 'sainte',
  saints: 'sts',
  saintes: 'stes',
};

/**
 * Plurals in -aux of nouns in -ail (Grevisse § 511): PostgreSQL's French stemmer does not bring them
 * together (vitraux → « vitral », vitrail → « vitrail »). « travaux » is left out on purpose: in public
 * procurement « travaux » (works) and « travail » (labour, temporary work) are different purchases.
 */
export const AIL_PLURALS: Readonly<Record<string, string>> = {
  vitraux: 'vitrail',
  emaux: 'email',
  coraux: 'corail',
  baux: 'bail',
  soupiraux: 'soupirail',
  vantaux: 'vantail',
};

/**
 * Single letters and short words that are elided before a vowel or a mute h (l', d', qu'…), also when
 * typed with a space (« l eau »).
 */
export const ELIDED_WORDS: ReadonlySet<string> = new Set([
  'l',
  'd',
  'j',
  'm',
  'n',
  's',
  't',
  'c',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
]);
