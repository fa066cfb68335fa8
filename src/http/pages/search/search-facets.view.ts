import type { Commune } from '../../../domain/communes/index.ts';
import { communeLabel } from '../../../domain/communes/index.ts';
import { CpvCode } from '../../../domain/shared/index.ts';
import type { CpvFacetNode, FacetValue, SearchFacets } from '../../../search/index.ts';
import {
  DEFAULT_RADIUS_KM,
  EMPTY_SEARCH,
  filterValueKey,
  searchUrl,
  type FlagParam,
  type ListParam,
  type SearchParams,
} from '../../search-params.ts';

/**
 * The facet sidebar of `/recherche` as plain links: each value is a link that adds it to (or removes it
 * from) the search and keeps every other parameter; the selected filters are removable tags (MoJ filter
 * pattern). Works without JavaScript.
 */

/** A facet value as a link. */
export interface FacetLink {
  label: string;
  count: number;
  selected: boolean;
  href: string;
}

/** A node of the CPV tree, with its children when the tree is open below it. */
export interface CpvTreeNode extends FacetLink {
  code: string;
  children: CpvTreeNode[];
}

/** A facet of the sidebar. */
export interface FacetGroup {
  /** The parameter name, also the id of the section. */
  id: ListParam | 'flags';
  title: string;
  items: FacetLink[];
  /** Shown unfolded: short lists, and lists with a selected value. */
  open: boolean;
}

/** Longest list shown unfolded when none of its values is selected. */
const OPEN_UP_TO = 12;

/** The selected filters of one facet, each removable. */
export interface SelectedGroup {
  heading: string;
  tags: { label: string; href: string }[];
}

const LIST_TITLES: Record<Exclude<ListParam, 'cpv'>, string> = {
  naf: 'Activité principale (NAF)',
  region: 'Région',
  dept: 'Département',
  size: 'Taille',
  trl: 'Maturité des solutions (TRL)',
  innovation: 'Signaux d’innovation',
};
const FLAG_LABELS: Record<FlagParam, string> = {
  ess: 'Économie sociale et solidaire (ESS)',
  hasContracts: 'A remporté des marchés publics',
  hasInnovativeContract: 'A remporté un marché innovant',
};
const FLAGS = Object.keys(FLAG_LABELS) as FlagParam[];

function isSelected(params: SearchParams, field: ListParam, value: string): boolean {
  const key = filterValueKey(field, value);
  return params[field].some((given) => filterValueKey(field, given) === key);
}

/** The search with a list value added or removed, back on page 1. */
function toggled(params: SearchParams, field: ListParam, value: string): SearchParams {
  const key = filterValueKey(field, value);
  const next = isSelected(params, field, value)
    ? params[field].filter((given) => filterValueKey(field, given) !== key)
    : [...params[field], value];
  return { ...params, [field]: next, page: 1 };
}

/**
 * The search with a CPV code toggled. Choosing a code replaces the chosen codes above or below it in the
 * tree (choosing « 4521 » under « 45 » narrows the search, choosing « 45 » again widens it).
 */
function toggledCpv(params: SearchParams, code: string): SearchParams {
  if (isSelected(params, 'cpv', code)) {
    return toggled(params, 'cpv', code);
  }
  const chosen = code as CpvCode;
  const kept = params.cpv.filter((given) => {
    const parsed = CpvCode.tryParse(given);
    return (
      !parsed.ok ||
      !(CpvCode.isWithin(parsed.value.code, chosen) || CpvCode.isWithin(chosen, parsed.value.code))
    );
  });
  return { ...params, cpv: [...kept, code], page: 1 };
}

function link(path: string, value: FacetValue, next: SearchParams): FacetLink {
  return { label: value.label, count: value.count, selected: value.selected, href: searchUrl(path, next) };
}

/**
 * The CPV facet as a tree: divisions, and below each selected code (or code on the way to one) the nodes
 * the engine listed.
 * @param path the page path
 * @param params the current search
 * @param nodes the engine's CPV facet
 * @returns the roots (divisions), in code order
 */
export function cpvTree(path: string, params: SearchParams, nodes: CpvFacetNode[]): CpvTreeNode[] {
  const byParent = new Map<string | null, CpvTreeNode[]>();
  for (const node of nodes) {
    const view: CpvTreeNode = {
      ...link(path, node, toggledCpv(params, node.value)),
      label: `${node.value} – ${node.label}`,
      code: node.value,
      children: [],
    };
    const siblings = byParent.get(node.parent) ?? [];
    siblings.push(view);
    byParent.set(node.parent, siblings);
  }
  const attach = (view: CpvTreeNode): CpvTreeNode => ({
    ...view,
    children: (byParent.get(view.code) ?? []).map(attach),
  });
  return (byParent.get(null) ?? []).map(attach);
}

/**
 * The list facets (NAF, région, département, taille) and the yes/no facets, as links.
 * @param path the page path
 * @param params the current search
 * @param facets the engine's facets
 * @returns one group per facet; « Non renseigné » stays where the engine put it (last)
 */
export function facetGroups(path: string, params: SearchParams, facets: SearchFacets): FacetGroup[] {
  const lists = (Object.keys(LIST_TITLES) as (keyof typeof LIST_TITLES)[]).map((field) => ({
    id: field,
    title: LIST_TITLES[field],
    items: facets[field].map((value) => link(path, value, toggled(params, field, value.value))),
    open: facets[field].length <= OPEN_UP_TO || facets[field].some((value) => value.selected),
  }));
  const flags: FacetGroup = {
    id: 'flags',
    title: 'Références',
    open: true,
    items: FLAGS.map((field) => ({
      label: FLAG_LABELS[field],
      count: facets[field].count,
      selected: params[field],
      href: searchUrl(path, { ...params, [field]: !params[field], page: 1 }),
    })),
  };
  return [...lists, flags];
}

/**
 * The selected filters as removable tags, and the link that removes them all (text and commune kept).
 * @param path the page path
 * @param params the current search (commune resolved: `near` is its INSEE code)
 * @param facets the engine's facets, for the labels
 * @param commune the commune of the search, or null
 * @returns the groups of tags (empty when nothing is selected) and the « clear » link
 */
export function selectedFilters(
  path: string,
  params: SearchParams,
  facets: SearchFacets | null,
  commune: Commune | null,
): { groups: SelectedGroup[]; clearHref: string } {
  const groups: SelectedGroup[] = [];
  if (commune !== null) {
    groups.push({
      heading: 'Commune',
      tags: [
        {
          label: `À ${params.radiusKm ?? DEFAULT_RADIUS_KM} km de ${communeLabel(commune)}`,
          href: searchUrl(path, { ...params, near: '', radiusKm: null, page: 1 }),
        },
      ],
    });
  }
  const labelOf = (field: ListParam, value: string): string => {
    const key = filterValueKey(field, value);
    const listed: FacetValue[] = facets?.[field] ?? [];
    return listed.find((v) => filterValueKey(field, v.value) === key)?.label ?? value;
  };
  const titles: Record<ListParam, string> = { cpv: 'Code CPV', ...LIST_TITLES };
  for (const field of Object.keys(titles) as ListParam[]) {
    if (params[field].length > 0) {
      groups.push({
        heading: titles[field],
        tags: params[field].map((value) => ({
          label: labelOf(field, value),
          href: searchUrl(path, toggled(params, field, value)),
        })),
      });
    }
  }
  const flags = FLAGS.filter((field) => params[field]);
  if (flags.length > 0) {
    groups.push({
      heading: 'Références',
      tags: flags.map((field) => ({
        label: FLAG_LABELS[field],
        href: searchUrl(path, { ...params, [field]: false, page: 1 }),
      })),
    });
  }
  // Every filter off; the text and the paging size stay.
  const cleared: SearchParams = { ...EMPTY_SEARCH, q: params.q, perPage: params.perPage };
  return { groups, clearHref: searchUrl(path, cleared) };
}
