/**
 * Parameters of the `govukPagination` macro, in French: « Précédent » / « Suivant », numbered links with
 * « Page n » for screen readers, and ellipses between the first page, the pages around the current one
 * and the last page.
 */

/** One entry of `govukPagination`'s `items`. */
export type PaginationItem =
  { number: number; href: string; current: boolean; visuallyHiddenText: string } | { ellipsis: true };

/** The `govukPagination` parameters, plus the « Page X sur Y » text shown beside them. */
export interface PaginationView {
  landmarkLabel: string;
  previous?: { href: string; text: string };
  next?: { href: string; text: string };
  items: PaginationItem[];
  /** e.g. « Page 2 sur 14 ». */
  summary: string;
}

/**
 * Builds the pagination of a list.
 * @param page the current page, 1-based
 * @param pageCount number of pages
 * @param hrefFor URL of a page
 * @returns the macro parameters, or null when there is a single page (no pagination shown)
 * @example paginationView(3, 10, (p) => `/fournisseurs?page=${p}`).items // 1 … 2 3 4 … 10
 */
export function paginationView(
  page: number,
  pageCount: number,
  hrefFor: (page: number) => string,
): PaginationView | null {
  if (pageCount <= 1) {
    return null;
  }
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const numbers = [...shown].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  let previousNumber = 0;
  for (const n of numbers) {
    if (n - previousNumber > 1) {
      items.push({ ellipsis: true });
    }
    items.push({ number: n, href: hrefFor(n), current: n === page, visuallyHiddenText: `Page ${n}` });
    previousNumber = n;
  }
  return {
    landmarkLabel: 'Pagination des résultats',
    ...(page > 1 ? { previous: { href: hrefFor(Math.min(page - 1, pageCount)), text: 'Précédent' } } : {}),
    ...(page < pageCount ? { next: { href: hrefFor(page + 1), text: 'Suivant' } } : {}),
    items,
    summary: `Page ${Math.min(page, pageCount)} sur ${pageCount}`,
  };
}

/**
 * A URL with query parameters, leaving out empty values and defaults.
 * @param path e.g. '/fournisseurs'
 * @param params parameters; undefined, empty and `defaults` values are omitted
 * @param defaults values not written in the URL (e.g. `{ page: 1, sort: 'name' }`)
 * @returns e.g. '/fournisseurs?q=soci%C3%A9t%C3%A9&page=2'
 */
export function urlWith(
  path: string,
  params: Record<string, string | number | undefined>,
  defaults: Record<string, string | number> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || defaults[key] === value) {
      continue;
    }
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs === '' ? path : `${path}?${qs}`;
}
