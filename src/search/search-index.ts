/**
 * The search engine's contract: typed options in, a ranked, explained and faceted page out. One
 * implementation today (PostgreSQL full text + pg_trgm, `postgres/`), the same on PGlite and the server.
 *
 * Options arrive as the user typed them (query string values): the engine validates them and turns every
 * value it cannot use into a `warnings` entry in French, never into a silent empty list.
 */

/** Size classes: TPE (< 10 salariés, décret n° 2008-1354), then SIRENE `categorieEntreprise` PME, ETI, GE. */
export type SizeCategory = 'TPE' | 'PME' | 'ETI' | 'GE';

/** The facet value that selects documents without a value (région, département, size). */
export const NOT_PROVIDED = 'non-renseigne';

/** What a search asks for. Every field is optional; with none, the whole index is listed by name. */
export interface SearchOptions {
  /** Free text, French: words, "quoted phrases", -exclusions. At most 300 characters are read. */
  q?: string | undefined;
  /** CPV codes, with or without check digit ('45210000', '45210000-2'); a code includes its children. OR-ed. */
  cpv?: string[] | undefined;
  /** NAF rév. 2 sub-classes, with or without the dot ('62.01Z', '6201Z'). OR-ed. */
  naf?: string[] | undefined;
  /** COG région codes ('53'), or `NOT_PROVIDED`. OR-ed. */
  region?: string[] | undefined;
  /** COG département codes ('35', '2A', '974'), or `NOT_PROVIDED`. OR-ed. */
  dept?: string[] | undefined;
  /** Within `radiusKm` (default 30, at most 1000) of a commune's reference point, great-circle. */
  near?: { inseeCode: string; radiusKm?: number | undefined } | undefined;
  /** 'TPE' | 'PME' | 'ETI' | 'GE' (any case), or `NOT_PROVIDED`. OR-ed. */
  size?: string[] | undefined;
  /** Only ESS units (SIRENE `economieSocialeSolidaireUniteLegale` = O) when true. */
  ess?: boolean | undefined;
  /** Only suppliers that won at least one public contract (DECP) when true. */
  hasContracts?: boolean | undefined;
  /** Only suppliers that won a contract flagged innovative (DECP 2022 `marcheInnovant`) when true. */
  hasInnovativeContract?: boolean | undefined;
  /** Technology readiness levels '1'…'9' of the supplier's published solutions (Amont showcase). OR-ed. */
  trl?: string[] | undefined;
  /** Innovation signals of the supplier's profile: 'jei', 'french_tech', 'i_lab', 'bpifrance', 'patent', 'public_pilot'. OR-ed. */
  innovation?: string[] | undefined;
  /** 1-based page number (default 1). */
  page?: number | undefined;
  /** Results per page (default 20, at most 100). */
  perPage?: number | undefined;
}

/** Which part of a document a term was found in. */
export type MatchedField = 'name' | 'activity' | 'contracts';

/** A piece of highlighted text: the original spelling, `match` when it matched the query. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

/** Why a result is in the list: one entry per query term, active filter and the distance. */
export type WhyItem =
  | {
      kind: 'term';
      /** The term as typed. */
      term: string;
      /** Fields it was found in (empty when only the whole document matches, e.g. a phrase across fields). */
      fields: MatchedField[];
      /** True when the word itself was found, not only a word sharing its stem. */
      exact: boolean;
      /** Set when the match came through a variant: a synonym, an abbreviation, a plural, a correction. */
      via?: { kind: 'synonym' | 'abbreviation' | 'inflection' | 'correction'; text: string };
      /** French sentence, e.g. « capteur » dans le nom (mot exact). */
      label: string;
    }
  | { kind: 'filter'; facet: FacetName; value: string; label: string }
  | { kind: 'distance'; km: number; label: string };

/** One result of a search. */
export interface SearchResult {
  kind: 'supplier';
  siren: string;
  name: string;
  /** score = text + synonyms + exact (each rounded to 4 decimals); 0 without a text query. */
  score: number;
  scoreParts: {
    /**
     * ts_rank of the stemmed, weighted vector (A name 1.0, B activity 0.4, C contract objects 0.2) for the
     * terms as typed (with their other number, abbreviation or correction).
     */
    text: number;
    /** Half the ts_rank of the same vector for the synonyms of the terms: a synonym counts less. */
    synonyms: number;
    /** ts_rank of the exact-token vector: rewards the words as typed over their stems. */
    exact: number;
  };
  /** Great-circle distance from the `near` commune, km, 1 decimal; only with `near`. */
  distanceKm?: number;
  nafCode: string | null;
  nafLabel: string | null;
  communeCode: string | null;
  departmentCode: string | null;
  regionCode: string | null;
  sizeCategory: SizeCategory | null;
  ess: boolean;
  contractCount: number;
  hasInnovativeContract: boolean;
  why: WhyItem[];
  /** Matched fields only, original spelling; contract objects as fragments joined by ' … '. */
  highlights: { name?: HighlightSegment[]; activity?: HighlightSegment[]; contracts?: HighlightSegment[] };
}

/** Names of the facets, also the option names, in the order facets are computed and shown. */
export const FACET_NAMES = [
  'cpv',
  'naf',
  'region',
  'dept',
  'size',
  'ess',
  'hasContracts',
  'hasInnovativeContract',
  'trl',
  'innovation',
] as const;
export type FacetName = (typeof FACET_NAMES)[number];

/** One value of a list facet, with the number of results it would give (other filters applied). */
export interface FacetValue {
  /** The option value selecting it; `NOT_PROVIDED` for « Non renseigné ». */
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

/** A node of the CPV tree facet: divisions, plus the path to and the children of each selected code. */
export interface CpvFacetNode extends FacetValue {
  /** 8 digits, e.g. '45210000'. */
  value: string;
  /** 1 division … 7 (CpvCode.level). */
  level: number;
  /** The parent node's code, null for a division. */
  parent: string | null;
}

/** A yes/no facet: how many results have it (other filters applied). */
export interface BooleanFacet {
  count: number;
  selected: boolean;
}

/**
 * Facet counts. A facet's counts apply every other filter but not its own (multi-select: choosing a
 * second NAF code widens the list, so its count must not be cut by the first).
 */
export interface SearchFacets {
  cpv: CpvFacetNode[];
  naf: FacetValue[];
  region: FacetValue[];
  dept: FacetValue[];
  size: FacetValue[];
  ess: BooleanFacet;
  hasContracts: BooleanFacet;
  hasInnovativeContract: BooleanFacet;
  /** TRL of the published solutions, 1 to 9 in order (suppliers on Amont only). */
  trl: FacetValue[];
  /** Innovation signals of the supplier profiles, by count. */
  innovation: FacetValue[];
}

/** A problem with the request that did not stop the search, in French. */
export interface SearchWarning {
  /** e.g. 'cpv.invalid_format', 'cpv.wrong_check_digit', 'query.corrected', 'ranking.capped'. */
  code: string;
  message: string;
  /** The option concerned and the value as given. */
  details?: Record<string, unknown>;
}

/** A page of results with its facets. */
export interface SearchResponse {
  /** Number of matching documents, all pages (a lower bound when `partial.total` is set). */
  total: number;
  page: number;
  perPage: number;
  /** The text actually searched when a typo was corrected (« Résultats pour … »), else null. */
  correctedQuery: string | null;
  results: SearchResult[];
  facets: SearchFacets;
  warnings: SearchWarning[];
  /**
   * Set when the search stopped reading matches to answer in bounded time (a broad query: more matches
   * than `scanned`); absent when every count is exact. Warnings `total.partial` and `facets.partial` say
   * the same in French.
   */
  partial?: {
    /** Documents read at most per scan, in the index's table order. */
    scanned: number;
    /** `total` is a lower bound (« au moins … »): matches past the first `scanned` were not counted. */
    total: boolean;
    /** Some facet counts were counted over the first `scanned` documents only, not all. */
    facets: boolean;
  };
}

/**
 * A search engine over suppliers (and, later, their solutions).
 *
 * Order: score desc, then (with `near`) distance asc, then name in French collation (`und-x-icu`), then
 * SIREN: never random, never insertion order, so pages are stable and equal suppliers are listed
 * alphabetically.
 */
export interface SearchIndex {
  /**
   * Runs a search.
   * @param options the request, as typed (invalid values become warnings)
   * @returns the page, facets and warnings
   */
  search(options: SearchOptions): Promise<SearchResponse>;
}
