/**
 * The closed lists (enumerations) of the DECP formats, and how a value as published is mapped onto them.
 *
 * Sources, both versions kept since files of both formats are imported into the same tables:
 * - arrêté du 22 mars 2019, schema 1.x (`decp.json` of etalab/format-commande-publique, also repeated in
 *   ColinMaudry/decp-table-schema 2.0.0): procedure, nature, formePrix of the 2019 format;
 * - arrêté du 22 décembre 2022, schema 2.0.x (`schema_decp_v2.0.4.json`, `schema_decp_v2.0.2.xsd`):
 *   procedure, nature, formePrix, ccag, considerations, typeIdentifiant, lieuExecution.typeCode;
 * - concessions (both versions): procedure and nature of `contrat-concession`.
 *
 * Publishers write these labels with lost accents (« Procedure adaptee »), another case, typographic
 * apostrophes or a hyphen for a space. Those spellings map to one label without any doubt, so they are
 * repaired; anything else is unknown and the importer stores null with a flag instead of guessing.
 */

/** Canonical procedure labels (`procedure`), 2019 and 2022 marchés, then concessions. */
export const PROCEDURES = [
  'Procédure adaptée',
  "Appel d'offres ouvert",
  "Appel d'offres restreint",
  'Procédure concurrentielle avec négociation',
  'Procédure négociée avec mise en concurrence préalable',
  'Marché négocié sans publicité ni mise en concurrence préalable',
  'Dialogue compétitif',
  "Partenariat d'innovation",
  'Procédure avec négociation',
  'Marché passé sans publicité ni mise en concurrence préalable',
  'Procédure négociée ouverte',
  'Procédure non négociée ouverte',
  'Procédure négociée restreinte',
  'Procédure non négociée restreinte',
] as const;

/**
 * Abbreviations every French buyer uses for a procedure (Code de la commande publique vocabulary). They
 * name exactly one label, so reading them is not a guess.
 */
const PROCEDURE_ABBREVIATIONS: Record<string, (typeof PROCEDURES)[number]> = {
  mapa: 'Procédure adaptée',
  aoo: "Appel d'offres ouvert",
  aor: "Appel d'offres restreint",
};

/** Canonical contract natures (`nature`), marchés (2019 and 2022) then concessions. */
export const NATURES = [
  'Marché',
  'Marché de partenariat',
  'Accord-cadre',
  'Marché subséquent',
  'Marché de défense ou de sécurité',
  'Concession de travaux',
  'Concession de service',
  'Concession de service public',
  'Délégation de service public',
] as const;

/** Canonical price forms (`formePrix`): 2019 values then 2022 values. */
export const PRICE_FORMS = [
  'Ferme',
  'Ferme et actualisable',
  'Révisable',
  'Unitaire',
  'Forfaitaire',
  'Mixte',
] as const;

/** Canonical CCAG references (`ccag`, 2022 only). */
export const CCAGS = [
  'Travaux',
  "Maitrise d'œuvre",
  'Fournitures courantes et services',
  'Marchés industriels',
  'Prestations intellectuelles',
  "Techniques de l'information et de la communication",
  'Pas de CCAG',
] as const;

/** Social considerations (`considerationsSociales.considerationSociale`, 2022), marchés and concessions. */
export const SOCIAL_CONSIDERATIONS = [
  'Clause sociale',
  'Critère social',
  'Marché réservé',
  'Concession réservée',
  'Pas de considération sociale',
] as const;

/** Environmental considerations (`considerationsEnvironnementales.considerationEnvironnementale`, 2022). */
export const ENVIRONMENTAL_CONSIDERATIONS = [
  'Clause environnementale',
  'Critère environnemental',
  'Pas de considération environnementale',
] as const;

/** The label meaning "none": a list holding only it says false, not unknown. */
export const NO_SOCIAL_CONSIDERATION = 'Pas de considération sociale';
/** The label meaning "none" for environmental considerations. */
export const NO_ENVIRONMENTAL_CONSIDERATION = 'Pas de considération environnementale';

/** Holder identifier types (`typeIdentifiant`), identical in both versions. */
export const IDENTIFIER_TYPES = ['SIRET', 'TVA', 'TAHITI', 'RIDET', 'FRWF', 'IREP', 'HORS-UE'] as const;

/** Place types (`lieuExecution.typeCode`), identical in both versions. */
export const PLACE_TYPES = [
  'Code postal',
  'Code commune',
  'Code arrondissement',
  'Code canton',
  'Code département',
  'Code région',
  'Code pays',
] as const;

/**
 * The comparison key of a label: accents, case, typographic apostrophes, hyphens and repeated spaces do
 * not count. « Procedure  adaptee », « PROCÉDURE ADAPTÉE » and « procédure-adaptée » give the same key.
 * @param raw a label as published
 * @returns the folded key, e.g. 'procedure adaptee'
 * @example labelKey("Appel d’offres OUVERT") // "appel d'offres ouvert"
 */
export function labelKey(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s*'\s*/g, "'")
    .replace(/[\s\-_]+/g, ' ')
    .trim();
}

function indexOf<T extends string>(labels: readonly T[], extra: Record<string, T> = {}): Map<string, T> {
  const index = new Map<string, T>();
  for (const label of labels) {
    index.set(labelKey(label), label);
  }
  for (const [key, label] of Object.entries(extra)) {
    index.set(key, label);
  }
  return index;
}

const INDEXES = {
  procedure: indexOf(PROCEDURES, PROCEDURE_ABBREVIATIONS),
  nature: indexOf(NATURES),
  priceForm: indexOf(PRICE_FORMS),
  ccag: indexOf(CCAGS),
  social: indexOf(SOCIAL_CONSIDERATIONS),
  environmental: indexOf(ENVIRONMENTAL_CONSIDERATIONS),
  identifierType: indexOf(IDENTIFIER_TYPES),
  placeType: indexOf(PLACE_TYPES),
};

/** The enumerations `canonicalLabel` knows. */
export type LabelList = keyof typeof INDEXES;

/**
 * Maps a published value onto its canonical DECP label.
 * @param list which enumeration, e.g. 'procedure'
 * @param raw the value as published (any spelling of accents, case, apostrophes, hyphens)
 * @returns the canonical label, or null when the value is not one of the list (unknown: never guessed)
 * @example canonicalLabel('procedure', 'Procedure adaptee') // 'Procédure adaptée'
 */
export function canonicalLabel(list: LabelList, raw: string): string | null {
  return INDEXES[list].get(labelKey(raw)) ?? null;
}
