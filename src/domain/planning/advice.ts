import { PROCEDURES, type ProcedureCode } from './rules.ts';
import {
  EU_THRESHOLDS,
  familyOf,
  FREE_DOCUMENTS_THRESHOLDS,
  INNOVATIVE_THRESHOLD,
  MAPA_NOTICE_THRESHOLD,
  NO_PUBLICITY_THRESHOLDS,
  thresholdOn,
  type BuyerType,
  type PurchaseNature,
  type Threshold,
} from './thresholds.ts';

/**
 * Procedure advice from the estimated value, the buyer type and the nature of the purchase, with the
 * article behind each piece of advice (thresholds in thresholds.ts). It is advice only: a procedure that
 * does not fit gets a warning, never a refusal, and the plan is computed all the same.
 */

/** What the advice needs. */
export interface AdviceInput {
  /** estimated value of the need, euros HT (all lots, whole duration with renewals) */
  estimatedValue: number;
  buyerType: BuyerType;
  nature: PurchaseNature;
  /** the purchase is innovative in the sense of L2172-3 */
  innovative: boolean;
  /** the procedure the buyer chose, if any */
  procedure?: ProcedureCode;
  /** launch day (`YYYY-MM-DD`): thresholds apply to consultations launched from their entry into force */
  launchDate: string;
}

/** One piece of advice. */
export interface AdviceItem {
  code:
    | 'no_publicity'
    | 'innovative_exemption'
    | 'mapa'
    | 'mapa_notice'
    | 'formalised'
    | 'free_documents'
    | 'thresholds_unknown'
    | 'procedure_above_threshold'
    | 'formalised_optional'
    | 'negotiation_conditions'
    | 'innovation_partnership';
  severity: 'info' | 'warning';
  /** French */
  message: string;
  /** CCP article */
  article: string | null;
}

/** The advice: procedures that fit, thresholds used, pieces of advice. */
export interface Advice {
  /** procedures that fit the value, most usual first */
  recommended: ProcedureCode[];
  /** the thresholds used (null where Amont has no value for the launch day) */
  euThreshold: Threshold | null;
  noPublicityThreshold: Threshold | null;
  items: AdviceItem[];
}

const euroFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/**
 * An amount as the advice writes it.
 * @param amount euros HT
 * @returns e.g. '216 000 € HT'
 */
export function eurosHt(amount: number): string {
  return `${euroFormat.format(amount)} € HT`;
}

const NATURE_LABEL: Record<PurchaseNature, string> = {
  works: 'de travaux',
  supplies: 'de fournitures',
  services: 'de services',
};

/**
 * Advises on the procedure.
 * @param input value (euros HT), buyer type, nature, innovation, chosen procedure, launch day
 * @returns the recommended procedures and the advice items, warnings for a chosen procedure that does not fit
 */
export function adviseProcedure(input: AdviceInput): Advice {
  const family = familyOf(input.nature);
  const euThreshold = thresholdOn(EU_THRESHOLDS[family][input.buyerType], input.launchDate);
  const noPublicityThreshold = thresholdOn(NO_PUBLICITY_THRESHOLDS[family], input.launchDate);
  const value = input.estimatedValue;
  const items: AdviceItem[] = [];
  const recommended = new Set<ProcedureCode>();
  const what = `un marché ${NATURE_LABEL[input.nature]}`;

  if (euThreshold === null || noPublicityThreshold === null) {
    items.push({
      code: 'thresholds_unknown',
      severity: 'info',
      message:
        'Amont ne connaît les seuils que pour les consultations lancées du 1er janvier 2026 au 31 décembre 2027 : ' +
        'vérifiez les seuils en vigueur à la date de lancement.',
      article: null,
    });
  }
  const innovativeExempt = input.innovative && value < INNOVATIVE_THRESHOLD.amount;
  const belowNoPublicity = noPublicityThreshold !== null && value < noPublicityThreshold.amount;
  if (belowNoPublicity) {
    recommended.add('PNSPMC');
    items.push({
      code: 'no_publicity',
      severity: 'info',
      message:
        `Sous ${eurosHt(noPublicityThreshold.amount)} pour ${what}, vous pouvez le passer sans publicité ni mise en ` +
        'concurrence préalables : choisissez une offre pertinente, faites une bonne utilisation des deniers ' +
        'publics et ne contractez pas systématiquement avec le même opérateur.',
      article: noPublicityThreshold.article,
    });
  }
  if (innovativeExempt) {
    recommended.add('PNSPMC');
    items.push({
      code: 'innovative_exemption',
      severity: 'info',
      message:
        `Achat innovant de moins de ${eurosHt(INNOVATIVE_THRESHOLD.amount)} : il peut être passé sans publicité ni ` +
        'mise en concurrence préalables (travaux, fournitures ou services nouveaux ou sensiblement améliorés).',
      article: INNOVATIVE_THRESHOLD.article,
    });
  }
  if (euThreshold !== null && value < euThreshold.amount) {
    recommended.add('MAPA');
    items.push({
      code: 'mapa',
      severity: 'info',
      message: `Sous le seuil européen de ${eurosHt(euThreshold.amount)} pour ${what}, une procédure adaptée suffit.`,
      article: 'R2123-1 1°',
    });
    if (value >= MAPA_NOTICE_THRESHOLD.amount) {
      items.push({
        code: 'mapa_notice',
        severity: 'info',
        message: `À partir de ${eurosHt(MAPA_NOTICE_THRESHOLD.amount)}, publiez un avis au BOAMP ou dans un journal d’annonces légales.`,
        article: MAPA_NOTICE_THRESHOLD.article,
      });
    }
  }
  if (euThreshold !== null && value >= euThreshold.amount) {
    for (const code of ['AOO', 'AOR', 'PCN', 'DC'] as const) {
      recommended.add(code);
    }
    items.push({
      code: 'formalised',
      severity: 'info',
      message:
        `À partir du seuil européen de ${eurosHt(euThreshold.amount)} pour ${what}, une procédure formalisée est ` +
        'requise : appel d’offres ouvert ou restreint, ou, dans les cas prévus, procédure avec négociation ou dialogue compétitif.',
      article: euThreshold.article,
    });
  }
  if (input.innovative) {
    recommended.add('PI');
  }
  const free = thresholdOn(FREE_DOCUMENTS_THRESHOLDS, input.launchDate);
  if (
    free !== null &&
    value >= free.amount &&
    input.procedure !== undefined &&
    input.procedure !== 'PNSPMC'
  ) {
    items.push({
      code: 'free_documents',
      severity: 'info',
      message: `À partir de ${eurosHt(free.amount)}, les documents de la consultation sont mis gratuitement à disposition sur le profil d’acheteur.`,
      article: free.article,
    });
  }
  if (input.procedure !== undefined) {
    items.push(...procedureFit(input, euThreshold, noPublicityThreshold, innovativeExempt));
  }
  return { recommended: [...recommended], euThreshold, noPublicityThreshold, items };
}

function procedureFit(
  input: AdviceInput,
  euThreshold: Threshold | null,
  noPublicity: Threshold | null,
  innovativeExempt: boolean,
): AdviceItem[] {
  const procedure = input.procedure!;
  const value = input.estimatedValue;
  const label = PROCEDURES[procedure].label;
  const items: AdviceItem[] = [];
  if (procedure === 'PNSPMC' && noPublicity !== null && value >= noPublicity.amount && !innovativeExempt) {
    items.push({
      code: 'procedure_above_threshold',
      severity: 'warning',
      message:
        `${eurosHt(value)} atteint le seuil de dispense de ${eurosHt(noPublicity.amount)} : sans motif propre ` +
        '(urgence impérieuse, opérateur unique, achat innovant de moins de 100 000 € HT…), une publicité et une mise en concurrence sont requises.',
      article: noPublicity.article,
    });
  }
  if (procedure === 'MAPA' && euThreshold !== null && value >= euThreshold.amount) {
    items.push({
      code: 'procedure_above_threshold',
      severity: 'warning',
      message: `${eurosHt(value)} atteint le seuil européen de ${eurosHt(euThreshold.amount)} : une procédure formalisée est requise.`,
      article: euThreshold.article,
    });
  }
  if (PROCEDURES[procedure].formalised && euThreshold !== null && value < euThreshold.amount) {
    items.push({
      code: 'formalised_optional',
      severity: 'info',
      message: `${label} sous le seuil européen : c’est possible, ses délais minimaux s’appliquent alors.`,
      article: null,
    });
  }
  if (procedure === 'PCN' || procedure === 'DC') {
    items.push({
      code: 'negotiation_conditions',
      severity: 'info',
      message: `${label} : réservée aux cas prévus (besoin exigeant d’adapter des solutions, solution innovante, conception, complexité…).`,
      article: procedure === 'PCN' ? 'R2124-3' : 'R2124-5',
    });
  }
  if (procedure === 'PI' && !input.innovative) {
    items.push({
      code: 'innovation_partnership',
      severity: 'warning',
      message:
        'Le partenariat d’innovation suppose un besoin qui ne peut être satisfait par des produits, services ou ' +
        'travaux déjà disponibles sur le marché.',
      article: 'L2172-3',
    });
  }
  return items;
}
