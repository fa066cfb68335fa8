/**
 * Procurement thresholds as data, in euros HT, each with its validity period and its source. A value
 * equal to or above a threshold is « above » it (the code says « inférieure à » for the lower band).
 *
 * Sources (checked in November 2026 against published copies of the texts):
 * - EU thresholds 2026–2027: Commission delegated regulations (EU) 2025/2152 (directive 2014/24/EU) and
 *   2025/2150 (directive 2014/25/EU) of 22 October 2025 (OJEU 23 October 2025), taken into French law by
 *   the « Avis relatif aux seuils de procédure » of 26 December 2025 (annexe 2 of the CCP), for
 *   consultations launched from 1 January 2026: works 5 404 000; supplies and services of central
 *   government authorities 140 000, of other contracting authorities 216 000, of contracting entities
 *   (utilities) 432 000.
 * - No-publicity thresholds (CCP art. R2122-8 as amended by décret n° 2025-1386 of 29 December 2025,
 *   applicable to consultations launched from its entry into force): works 100 000 from 1 January 2026;
 *   supplies and services 40 000 until 31 March 2026, 60 000 from 1 April 2026.
 * - Innovative purchases without publicity (R2122-9-1, décret n° 2021-1634): 100 000. The November 2025
 *   draft decree proposed 140 000; décrets 2025-1383 and 2025-1386 as published do not change R2122-9-1.
 *   To verify at each revision.
 * - MAPA publicity (R2131-12 2°): a notice in the BOAMP or a journal d'annonces légales from 90 000.
 * - Free consultation documents (R2132-2, as amended by décret 2025-1386): from 60 000 from 1 April 2026
 *   (40 000 before).
 */

/** Buyer types that the EU thresholds distinguish. */
export const BUYER_TYPES = ['central', 'local', 'utility'] as const;
/** `central`: État and autorités publiques centrales; `local`: collectivités and other pouvoirs
 * adjudicateurs; `utility`: entités adjudicatrices (water, energy, transport, postal services). */
export type BuyerType = (typeof BUYER_TYPES)[number];

/** Natures of purchase. */
export const PURCHASE_NATURES = ['works', 'supplies', 'services'] as const;
/** `works` (travaux), `supplies` (fournitures), `services`. */
export type PurchaseNature = (typeof PURCHASE_NATURES)[number];

/** A threshold in euros HT over a period. */
export interface Threshold {
  /** euros HT */
  amount: number;
  /** first day it applies, `YYYY-MM-DD` */
  validFrom: string;
  /** last day it applies, or null while in force */
  validUntil: string | null;
  /** the text that sets it */
  source: string;
  /** CCP article */
  article: string;
}

const EU_SOURCE =
  'Règlements délégués (UE) 2025/2152 et 2025/2150 ; avis relatif aux seuils de procédure du 26 décembre 2025 (annexe 2 du CCP)';

const eu = (amount: number): Threshold => ({
  amount,
  validFrom: '2026-01-01',
  validUntil: '2027-12-31',
  source: EU_SOURCE,
  article: 'R2124-1',
});

/** EU (formalised procedure) thresholds by nature family and buyer type. */
export const EU_THRESHOLDS: Readonly<
  Record<'works' | 'suppliesServices', Record<BuyerType, readonly Threshold[]>>
> = {
  works: { central: [eu(5_404_000)], local: [eu(5_404_000)], utility: [eu(5_404_000)] },
  suppliesServices: { central: [eu(140_000)], local: [eu(216_000)], utility: [eu(432_000)] },
};

/** No-publicity thresholds (R2122-8) by nature family. */
export const NO_PUBLICITY_THRESHOLDS: Readonly<Record<'works' | 'suppliesServices', readonly Threshold[]>> = {
  works: [
    {
      amount: 100_000,
      validFrom: '2026-01-01',
      validUntil: null,
      source: 'Décret n° 2025-1386 du 29 décembre 2025',
      article: 'R2122-8',
    },
  ],
  suppliesServices: [
    {
      amount: 40_000,
      validFrom: '2026-01-01',
      validUntil: '2026-03-31',
      source: 'Décret n° 2019-1344 du 12 décembre 2019',
      article: 'R2122-8',
    },
    {
      amount: 60_000,
      validFrom: '2026-04-01',
      validUntil: null,
      source: 'Décret n° 2025-1386 du 29 décembre 2025',
      article: 'R2122-8',
    },
  ],
};

/** Innovative purchase without publicity (R2122-9-1). */
export const INNOVATIVE_THRESHOLD: Threshold = {
  amount: 100_000,
  validFrom: '2021-12-16',
  validUntil: null,
  source: 'Décret n° 2021-1634 du 13 décembre 2021',
  article: 'R2122-9-1',
};

/** MAPA: a notice in the BOAMP or a JAL from this value (R2131-12 2°). */
export const MAPA_NOTICE_THRESHOLD: Threshold = {
  amount: 90_000,
  validFrom: '2019-04-01',
  validUntil: null,
  source: 'Code de la commande publique',
  article: 'R2131-12',
};

/** Free consultation documents from this value when a notice is published (R2132-2). */
export const FREE_DOCUMENTS_THRESHOLDS: readonly Threshold[] = [
  {
    amount: 40_000,
    validFrom: '2019-04-01',
    validUntil: '2026-03-31',
    source: 'Décret n° 2019-1344',
    article: 'R2132-2',
  },
  {
    amount: 60_000,
    validFrom: '2026-04-01',
    validUntil: null,
    source: 'Décret n° 2025-1386 du 29 décembre 2025',
    article: 'R2132-2',
  },
];

/**
 * The threshold in force on a day.
 * @param thresholds the periods of one threshold
 * @param day `YYYY-MM-DD`
 * @returns the threshold, or null when Amont has no value for that day
 */
export function thresholdOn(thresholds: readonly Threshold[], day: string): Threshold | null {
  return thresholds.find((t) => t.validFrom <= day && (t.validUntil === null || day <= t.validUntil)) ?? null;
}

/**
 * The family the thresholds use for a nature.
 * @param nature works, supplies or services
 * @returns `works` or `suppliesServices`
 */
export function familyOf(nature: PurchaseNature): 'works' | 'suppliesServices' {
  return nature === 'works' ? 'works' : 'suppliesServices';
}
