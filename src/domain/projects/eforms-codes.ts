/**
 * The eForms code lists a purchase project uses, with their French labels and their OCDS and DECP
 * equivalents. Codes are spelled as the eForms SDK spells them (OP-TED/eForms-SDK 1.15, `codelists/*.gc`,
 * labels `fra`); the OCDS codes are those of the extension code lists (sustainability `sustainabilityGoal`,
 * otherRequirements `reservedParticipation`, submissionTerms `permission`), following the eForms → OCDS
 * mapping of open-contracting/european-union-support; the DECP values are those of the 2022 format
 * (arrêté du 22 décembre 2022, `considerationsSociales`, `considerationsEnvironnementales`).
 * `eforms-codes.test.ts` checks every code and label against the copies in ../shared/data.
 */

/** One code of a code list. */
export interface EformsCode<C extends string = string> {
  code: C;
  /** French label of the eForms SDK */
  label: string;
}

/** A code with its OCDS sustainability goal (sustainability extension, open `sustainabilityGoal` list). */
export interface GoalCode<C extends string = string> extends EformsCode<C> {
  ocdsGoal: string;
}

/** BT-06 Strategic Procurement (code list `strategic-procurement`). */
export const STRATEGIC_PROCUREMENT = [
  { code: 'env-imp', label: 'Réduction des incidences sur l’environnement', ocdsGoal: 'environmental' },
  { code: 'soc-obj', label: 'Réalisation d’objectifs sociaux', ocdsGoal: 'social' },
  { code: 'inn-pur', label: 'Achat innovant', ocdsGoal: 'economic.innovativePurchase' },
  { code: 'none', label: 'Pas de passation de marché stratégique', ocdsGoal: 'none' },
] as const satisfies readonly GoalCode[];

/** BT-774 Green Procurement (code list `environmental-impact`). */
export const GREEN_PROCUREMENT = [
  {
    code: 'clim-mitig',
    label: 'L’atténuation du changement climatique',
    ocdsGoal: 'environmental.climateChangeMitigation',
  },
  {
    code: 'clim-adapt',
    label: 'L’adaptation au changement climatique',
    ocdsGoal: 'environmental.climateChangeAdaptation',
  },
  {
    code: 'water-mar',
    label: 'L’utilisation durable et la protection des ressources aquatiques et marines',
    ocdsGoal: 'environmental.waterResourcesProtection',
  },
  {
    code: 'circ-econ',
    label: 'La transition vers une économie circulaire',
    ocdsGoal: 'environmental.circularEconomy',
  },
  {
    code: 'pollu-prev',
    label: 'La prévention et la réduction de la pollution',
    ocdsGoal: 'environmental.pollutionPrevention',
  },
  {
    code: 'biodiv-eco',
    label: 'La protection et la restauration de la biodiversité et des écosystèmes',
    ocdsGoal: 'environmental.biodiversityProtectionRestoration',
  },
  { code: 'other', label: 'Autre', ocdsGoal: 'environmental' },
] as const satisfies readonly GoalCode[];

/** BT-775 Social Procurement (code list `social-objective`). */
export const SOCIAL_PROCUREMENT = [
  {
    code: 'opp',
    label:
      'Possibilités d’emploi des chômeurs de longue durée, des personnes défavorisées et/ou des personnes handicapées',
    ocdsGoal: 'social.disadvantagedEmploymentOpportunities',
  },
  { code: 'work-cond', label: 'Conditions de travail équitables', ocdsGoal: 'social.laborRightsPromotion' },
  { code: 'acc-all', label: 'Accessibilité pour tous', ocdsGoal: 'social.accessibility' },
  { code: 'gen-eq', label: 'Égalité hommes-femmes', ocdsGoal: 'social.genderEquality' },
  { code: 'et-eq', label: 'Égalité des ethnies', ocdsGoal: 'social.ethnicEquality' },
  {
    code: 'hum-right',
    label:
      'Devoir de diligence en matière de droits de l’homme dans les chaînes d’approvisionnement mondiales',
    ocdsGoal: 'social.humanRightsInSupplyChains',
  },
  { code: 'other', label: 'Autre', ocdsGoal: 'social' },
] as const satisfies readonly GoalCode[];

/** BT-776 Procurement of Innovation (code list `innovative-acquisition`). */
export const INNOVATION_PROCUREMENT = [
  {
    code: 'mar-nov',
    label:
      'Les travaux, fournitures ou services faisant l’objet du marché sont nouveaux ou sensiblement améliorés par rapport à d’autres travaux, fournitures ou services déjà présents sur le marché.',
    ocdsGoal: 'economic.marketInnovationPromotion',
  },
  {
    code: 'proc-innov',
    label:
      'Les travaux, fournitures ou services faisant l’objet du marché impliquent une innovation en matière de processus.',
    ocdsGoal: 'economic.processInnovationPromotion',
  },
  {
    code: 'prod-innov',
    label:
      'Les travaux, fournitures ou services faisant l’objet du marché impliquent une innovation en matière de produits.',
    ocdsGoal: 'economic.productInnovationPromotion',
  },
  {
    code: 'rd-act',
    label:
      'Les travaux, fournitures ou services acquis impliquent des activités de recherche et de développement.',
    ocdsGoal: 'economic.researchDevelopmentActivities',
  },
] as const satisfies readonly GoalCode[];

/**
 * BT-71 Reserved Participation (code list `reserved-procurement`) and the CCP article the reservation rests
 * on: `res-ws` for entreprises adaptées and ESAT (L2113-12) or structures d'insertion par l'activité
 * économique (L2113-13), at least 50 % of their workers handicapped or disadvantaged (R2113-7); `res-pub-ser`
 * for entreprises de l'économie sociale et solidaire, health, social and cultural services only, three years
 * at most (L2113-15, L2113-16).
 */
export const RESERVED_PARTICIPATION = [
  { code: 'none', label: 'La participation n’est pas réservée.', ocds: null, articles: [] },
  {
    code: 'res-ws',
    label:
      'La participation est réservée à des ateliers protégés et à des opérateurs économiques dont l’objet principal est l’intégration sociale et professionnelle de personnes handicapées ou défavorisées.',
    ocds: 'shelteredWorkshop',
    articles: ['L2113-12', 'L2113-13'],
  },
  {
    code: 'res-pub-ser',
    label:
      'La participation est réservée à des organisations qui poursuivent une mission de service public et respectent d’autres conditions pertinentes énoncées dans la législation.',
    ocds: 'publicServiceMissionOrganization',
    articles: ['L2113-15'],
  },
] as const satisfies readonly (EformsCode & { ocds: string | null; articles: readonly string[] })[];

/** French short names of the reservation articles, for pages. */
export const RESERVED_ARTICLE_LABELS: Readonly<Record<ReservedArticle, string>> = {
  'L2113-12': 'entreprises adaptées, ESAT et structures équivalentes (art. L2113-12)',
  'L2113-13': 'structures d’insertion par l’activité économique (art. L2113-13)',
  'L2113-15':
    'entreprises de l’économie sociale et solidaire, services de santé, sociaux ou culturels (art. L2113-15)',
};

/** BT-63 Variants (code list `permission`) and the OCDS `variantPolicy` (submissionTerms extension). */
export const VARIANT_POLICIES = [
  { code: 'not-allowed', label: 'Non autorisée', ocds: 'notAllowed' },
  { code: 'allowed', label: 'Autorisée', ocds: 'allowed' },
  { code: 'required', label: 'Requise', ocds: 'required' },
] as const satisfies readonly (EformsCode & { ocds: string })[];

export type StrategicProcurementCode = (typeof STRATEGIC_PROCUREMENT)[number]['code'];
export type GreenProcurementCode = (typeof GREEN_PROCUREMENT)[number]['code'];
export type SocialProcurementCode = (typeof SOCIAL_PROCUREMENT)[number]['code'];
export type InnovationProcurementCode = (typeof INNOVATION_PROCUREMENT)[number]['code'];
export type ReservedParticipationCode = (typeof RESERVED_PARTICIPATION)[number]['code'];
export type ReservedArticle = 'L2113-12' | 'L2113-13' | 'L2113-15';
export type VariantPolicy = (typeof VARIANT_POLICIES)[number]['code'];

/**
 * The entry of a code in a list.
 * @param list one of the lists above
 * @param code a code
 * @returns the entry, or undefined for a code the list does not hold
 * @example entryOf(GREEN_PROCUREMENT, 'clim-mitig')?.label // 'L’atténuation du changement climatique'
 */
export function entryOf<E extends EformsCode>(list: readonly E[], code: string): E | undefined {
  return list.find((entry) => entry.code === code);
}

/**
 * The codes of a list.
 * @param list one of the lists above
 * @returns its codes, in the list's order
 */
export function codesOf<E extends EformsCode>(list: readonly E[]): E['code'][] {
  return list.map((entry) => entry.code);
}
