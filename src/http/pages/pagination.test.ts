import { describe, expect, it } from 'vitest';
import { paginationView, urlWith } from './pagination.ts';

describe('paginationView', () => {
  const href = (p: number) => `/x?page=${p}`;

  it('shows nothing for a single page', () => {
    expect(paginationView(1, 1, href)).toBeNull();
  });

  it('labels links in French and puts ellipses around the current page', () => {
    const view = paginationView(5, 10, href)!;
    expect(view.summary).toBe('Page 5 sur 10');
    expect(view.previous).toEqual({ href: '/x?page=4', text: 'Précédent' });
    expect(view.next).toEqual({ href: '/x?page=6', text: 'Suivant' });
    expect(
      view.items.map((i) => ('ellipsis' in i ? '…' : i.current ? `[${i.number}]` : String(i.number))),
    ).toEqual(['1', '…', '4', '[5]', '6', '…', '10']);
    expect(view.items[0]).toMatchObject({ visuallyHiddenText: 'Page 1' });
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(paginationView(1, 3, href)).not.toHaveProperty('previous');
    expect(paginationView(3, 3, href)).not.toHaveProperty('next');
  });
});

describe('urlWith', () => {
  it('leaves out empty values and defaults', () => {
    expect(urlWith('/f', { q: '', sort: 'name', page: 1 }, { sort: 'name', page: 1 })).toBe('/f');
    expect(urlWith('/f', { q: 'société & co', page: 2 }, { page: 1 })).toBe(
      '/f?q=soci%C3%A9t%C3%A9+%26+co&page=2',
    );
  });
});
