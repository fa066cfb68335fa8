import type { SearchIndex } from '../../../search/index.ts';

/**
 * The suppliers shown under the CPV suggestions of « Décrire mon besoin »: the search engine asked for
 * the need's words within the suggested codes; when no supplier has all those words (a need is longer
 * than a search), the suppliers that won contracts within those codes.
 */

/** Suppliers listed. */
export const NEED_SUPPLIERS = 10;

/** One supplier of the list, with the search engine's reasons. */
export interface NeedSupplier {
  siren: string;
  name: string;
  href: string;
  /** The search engine's French reasons (`SearchResult.why[].label`). */
  why: string[];
}

/** The list and how it was found. */
export interface NeedSuppliers {
  /** True when the suppliers match the need's words; false when only the codes were used. */
  byText: boolean;
  /** Matching suppliers, all pages. */
  total: number;
  results: NeedSupplier[];
}

/**
 * Searches the suppliers of a need.
 * @param index the search engine
 * @param q the need, as typed
 * @param codes the suggested CPV codes (8 digits), best first
 * @returns at most `NEED_SUPPLIERS` suppliers, none when `codes` is empty
 */
export async function suppliersForNeed(
  index: SearchIndex,
  q: string,
  codes: string[],
): Promise<NeedSuppliers> {
  if (codes.length === 0) {
    return { byText: false, total: 0, results: [] };
  }
  let byText = true;
  let page = await index.search({ q, cpv: codes, perPage: NEED_SUPPLIERS });
  if (page.total === 0) {
    byText = false;
    page = await index.search({ cpv: codes, hasContracts: true, perPage: NEED_SUPPLIERS });
  }
  return {
    byText,
    total: page.total,
    results: page.results.map((result) => ({
      siren: result.siren,
      name: result.name,
      href: `/fournisseurs/${result.siren}`,
      why: result.why.map((item) => item.label),
    })),
  };
}
