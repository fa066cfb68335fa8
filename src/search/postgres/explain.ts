import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  departementName,
  regionName,
  type DepartementCode,
  type RegionCode,
} from '../../domain/shared/index.ts';
import type { Database } from '../../store/schema.ts';
import type { HighlightSegment, MatchedField, SearchResult, SizeCategory, WhyItem } from '../search-index.ts';
import { nafLabel, sizeLabel } from './facets.ts';
import type { ResolvedFilters } from './search-filters.ts';
import type { PageRow } from './search-sql.ts';
import { objectFilterPattern } from './highlight-filter.ts';
import type { CompiledQuery, CompiledTerm } from './text-query.ts';

/**
 * Why each result of a page is there, and its highlights. Run on the page rows only (≤ 100):
 * - per term and alternative, which weighted parts of `tsv` match it (`ts_filter` keeps the lexemes of one
 *   weight: A name, B activity, C contract objects), and whether the exact form is in `tsv_exact`;
 * - `ts_headline` on the original text, so highlights keep the document's spelling (« Œuvre », « l’eau »);
 *   for the contracts, on the first objects likely to match (highlight-filter.ts): the list is long, and a
 *   headline parses all it is given.
 */

const START = '\u{E000}';
const STOP = '\u{E001}';
const WHOLE = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;
const FRAGMENTS = `StartSel=${START}, StopSel=${STOP}, MaxFragments=2, MaxWords=16, MinWords=6, FragmentDelimiter=" … "`;
const FIELD_BITS: [MatchedField, number][] = [
  ['name', 1],
  ['activity', 2],
  ['contracts', 4],
];
const FIELD_LABELS: Record<MatchedField, string> = {
  name: 'le nom',
  activity: "l'activité",
  contracts: 'les objets des marchés remportés',
};
const VIA_LABELS = {
  synonym: 'synonyme',
  abbreviation: 'abréviation',
  inflection: 'autre forme',
  correction: 'correction',
} as const;

interface ExplainRow {
  id: number;
  h_name: string | null;
  h_activity: string | null;
  h_contracts: string | null;
  masks: number[];
  exacts: boolean[];
}

/** The terms that select documents, with the alternatives that can be tested. */
function positiveTerms(query: CompiledQuery): CompiledTerm[] {
  return query.terms.filter((term) => !term.term.negated && term.tsquery !== '');
}

function segments(text: string | null): HighlightSegment[] | undefined {
  if (text === null || !text.includes(START)) {
    return undefined;
  }
  return text
    .split(/(\u{E000}[^\u{E001}]*\u{E001})/u)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith(START) ? { text: part.slice(1, -1), match: true } : { text: part, match: false },
    );
}

function listFr(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}

function termWhy(term: CompiledTerm, masks: number[], exact: boolean): WhyItem | null {
  const matched = term.alternatives
    .map((alternative, index) => ({ alternative, mask: masks[index] ?? 0 }))
    .filter(({ alternative, mask }) => alternative.tsquery !== '' && (mask & 8) !== 0);
  const first = matched[0];
  if (first === undefined) {
    return null;
  }
  const union = matched.reduce((bits, { mask }) => bits | mask, 0);
  const fields = FIELD_BITS.filter(([, bit]) => (union & bit) !== 0).map(([field]) => field);
  const typedMatched = matched.some(({ alternative }) => alternative.via === 'typed');
  const via =
    typedMatched || first.alternative.via === 'typed'
      ? undefined
      : { kind: first.alternative.via, text: first.alternative.text };
  const where = fields.length === 0 ? 'le document' : listFr(fields.map((field) => FIELD_LABELS[field]));
  const label =
    `« ${term.term.display} » dans ${where}` +
    (exact ? ' (mot exact)' : '') +
    (via === undefined ? '' : ` (${VIA_LABELS[via.kind]} : « ${via.text} »)`);
  return {
    kind: 'term',
    term: term.term.display,
    fields,
    exact,
    ...(via === undefined ? {} : { via }),
    label,
  };
}

function filterWhy(row: PageRow, filters: ResolvedFilters, cpvLabels: Map<string, string>): WhyItem[] {
  const items: WhyItem[] = [];
  const matchedCpv = row.cpv_codes.filter((code) => filters.cpv.some((c) => code.startsWith(c.prefix)));
  for (const code of matchedCpv.slice(0, 3)) {
    const label = cpvLabels.get(code);
    items.push({
      kind: 'filter',
      facet: 'cpv',
      value: code,
      label: `Marché remporté en CPV ${code}${label === undefined ? '' : ` – ${label}`}`,
    });
  }
  if (filters.naf !== null) {
    const code = row.naf_code;
    items.push({
      kind: 'filter',
      facet: 'naf',
      value: code ?? '',
      label: code === null ? 'Activité non renseignée' : `Activité ${code} – ${nafLabel(code) ?? ''}`,
    });
  }
  if (filters.region !== null) {
    const code = row.region_code;
    items.push({
      kind: 'filter',
      facet: 'region',
      value: code ?? '',
      label: code === null ? 'Région non renseignée' : `Région ${regionName(code as RegionCode) || code}`,
    });
  }
  if (filters.dept !== null) {
    const code = row.department_code;
    items.push({
      kind: 'filter',
      facet: 'dept',
      value: code ?? '',
      label:
        code === null
          ? 'Département non renseigné'
          : `Département ${departementName(code as DepartementCode) || code} (${code})`,
    });
  }
  if (filters.size !== null) {
    const size = row.size_category as SizeCategory | null;
    items.push({
      kind: 'filter',
      facet: 'size',
      value: size ?? '',
      label: size === null ? 'Taille non renseignée' : `Taille : ${sizeLabel(size)}`,
    });
  }
  if (filters.ess) {
    items.push({
      kind: 'filter',
      facet: 'ess',
      value: 'true',
      label: "Entreprise de l'économie sociale et solidaire",
    });
  }
  if (filters.hasContracts) {
    const n = row.contract_count;
    const label = `${n} marché${n > 1 ? 's' : ''} public${n > 1 ? 's' : ''} remporté${n > 1 ? 's' : ''}`;
    items.push({ kind: 'filter', facet: 'hasContracts', value: 'true', label });
  }
  if (filters.hasInnovativeContract) {
    items.push({
      kind: 'filter',
      facet: 'hasInnovativeContract',
      value: 'true',
      label: 'A remporté un marché innovant',
    });
  }
  return items;
}

export function matchStatement(query: CompiledQuery, ids: number[]): RawBuilder<ExplainRow> {
  const terms = positiveTerms(query);
  const masks = terms.flatMap((term) =>
    term.alternatives.map((alternative) => {
      if (alternative.tsquery === '') {
        return sql`0`;
      }
      const q = sql`${alternative.tsquery}::tsquery`;
      return sql`(case when d.tsv @@ ${q} then 8 + (case when f.va @@ ${q} then 1 else 0 end)
        + (case when f.vb @@ ${q} then 2 else 0 end) + (case when f.vc @@ ${q} then 4 else 0 end) else 0 end)`;
    }),
  );
  const exacts = terms.map((term) =>
    term.exact === '' ? sql`false` : sql`d.tsv_exact @@ ${term.exact}::tsquery`,
  );
  const highlight = query.highlight;
  const headline = (text: RawBuilder<unknown>, options: string) =>
    highlight === null ? sql`null::text` : sql`ts_headline('fr', ${text}, ${highlight}::tsquery, ${options})`;
  // A field is highlighted only when its part of the vector matches: a headline parses and stems its text.
  const whenPart = (part: string, value: RawBuilder<unknown>) =>
    highlight === null
      ? value
      : sql`case when ${sql.ref(`f.${part}`)} @@ ${highlight}::tsquery then ${value} end`;
  // ts_headline parses and stems all it is given: for contract objects (up to 50), the first 2 objects with
  // a word starting like a query word (highlight-filter.ts), the whole text when they do not match.
  const pattern = objectFilterPattern(terms);
  const contracts =
    highlight === null
      ? sql`null::text`
      : pattern === null
        ? headline(sql.ref('d.contract_objects'), FRAGMENTS)
        : sql`case when f.vc @@ ${highlight}::tsquery then (
            select case when strpos(x.h, ${START}) > 0 then x.h else ${headline(sql.ref('d.contract_objects'), FRAGMENTS)} end
              from (select ${headline(sql`coalesce(string_agg(m.o, ' ; '), '')`, FRAGMENTS)} as h
                      from (select o from unnest(string_to_array(d.contract_objects, ' ; ')) o
                             where o ~* ${pattern} limit 2) m) x) end`;
  return sql<ExplainRow>`
    select d.id, ${whenPart('va', headline(sql.ref('d.name'), WHOLE))} as h_name,
           ${whenPart('vb', headline(sql.ref('d.naf_label'), WHOLE))} as h_activity,
           ${contracts} as h_contracts,
           ${masks.length === 0 ? sql`'{}'::int[]` : sql`array[${sql.join(masks)}]::int[]`} as masks,
           ${exacts.length === 0 ? sql`'{}'::boolean[]` : sql`array[${sql.join(exacts)}]::boolean[]`} as exacts
      from search_documents d
      cross join lateral (
        select ts_filter(d.tsv, '{a}') as va, ts_filter(d.tsv, '{b}') as vb, ts_filter(d.tsv, '{c}') as vc) f
     where d.id = any(${ids}::int[])`;
}

/**
 * Computes `why` and `highlights` for the rows of a page.
 * @param db the store
 * @param rows the page rows
 * @param query the compiled text query
 * @param filters the filters applied
 * @returns per document id, its explanation and highlights
 */
export async function explainRows(
  db: Kysely<Database>,
  rows: PageRow[],
  query: CompiledQuery,
  filters: ResolvedFilters,
): Promise<Map<number, Pick<SearchResult, 'why' | 'highlights'>>> {
  const ids = rows.map((row) => row.id);
  const cpvCodes = [...new Set(rows.flatMap((row) => row.cpv_codes))];
  const needText = ids.length > 0 && (query.highlight !== null || positiveTerms(query).length > 0);
  const [matches, labels] = await Promise.all([
    needText ? matchStatement(query, ids).execute(db) : Promise.resolve({ rows: [] as ExplainRow[] }),
    filters.cpv.length > 0 && cpvCodes.length > 0
      ? db.selectFrom('cpv_codes').select(['code', 'label']).where('code', 'in', cpvCodes).execute()
      : Promise.resolve([]),
  ]);
  const cpvLabels = new Map(labels.map((label) => [label.code, label.label]));
  const byId = new Map(matches.rows.map((match) => [match.id, match]));
  const terms = positiveTerms(query);
  const explained = new Map<number, Pick<SearchResult, 'why' | 'highlights'>>();
  for (const row of rows) {
    const match = byId.get(row.id);
    const why: WhyItem[] = [];
    let offset = 0;
    terms.forEach((term, index) => {
      const masks = match?.masks.slice(offset, offset + term.alternatives.length) ?? [];
      offset += term.alternatives.length;
      const item = termWhy(term, masks, match?.exacts[index] ?? false);
      if (item !== null) {
        why.push(item);
      }
    });
    why.push(...filterWhy(row, filters, cpvLabels));
    if (filters.near !== null && row.km !== null) {
      const km = Math.round(row.km * 10) / 10;
      const shown = km.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
      why.push({ kind: 'distance', km, label: `À ${shown} km de ${filters.near.name}` });
    }
    const highlights: SearchResult['highlights'] = {};
    const name = segments(match?.h_name ?? null);
    const activity = segments(match?.h_activity ?? null);
    const contracts = segments(match?.h_contracts ?? null);
    if (name) {
      highlights.name = name;
    }
    if (activity) {
      highlights.activity = activity;
    }
    if (contracts) {
      highlights.contracts = contracts;
    }
    explained.set(row.id, { why, highlights });
  }
  return explained;
}
