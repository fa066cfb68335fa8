import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/shared/index.ts';
import { MAX_TERMS } from '../query-parser.ts';
import { MAX_NEED_TERMS, readNeed } from './read-need.ts';

const displays = (need: string) => readNeed(need).map((term) => term.display);

describe('readNeed', () => {
  it('refuses an empty or blank need, naming the field q', () => {
    for (const blank of ['', '   ', '\n\t', ' - ; ']) {
      let caught: unknown;
      try {
        readNeed(blank);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(blank)).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe('cpv_suggest.invalid_query');
      expect((caught as DomainError).details).toEqual({ field: 'q' });
    }
  });

  it('reads a dash before a word as punctuation, never as an exclusion', () => {
    const terms = readNeed('Travaux de voirie - enrobés -trottoirs');
    expect(terms.map((t) => t.display)).toEqual(['travaux', 'de', 'voirie', 'enrobés', 'trottoirs']);
    expect(terms.every((t) => !t.negated)).toBe(true);
  });

  it('reads in lower case, drops numbers alone (lot numbers, years), keeps words mixing letters and digits', () => {
    expect(displays('Lot 09 : CHAUFFAGE 2019, RD820')).toEqual(['lot', 'chauffage', 'rd820']);
  });

  it('keeps every word of a need longer than a search query, each once', () => {
    const words = Array.from({ length: MAX_TERMS * 3 }, (_, i) => `mot${String.fromCharCode(97 + i)}`);
    const need = `${words.join(' ')} ${words[0] ?? ''}`;
    expect(displays(need)).toEqual(words);
    expect(words.length).toBeGreaterThan(MAX_TERMS);
  });

  it('stops at MAX_NEED_TERMS terms', () => {
    const words = Array.from({ length: MAX_NEED_TERMS + 10 }, (_, i) => `terme${i.toString(36)}x`);
    expect(readNeed(words.join(' '))).toHaveLength(MAX_NEED_TERMS);
  });

  it('reads synonyms, elisions and compounds as the search box does', () => {
    const terms = readNeed("Maintenance de l'éclairage et des bornes IRVE");
    expect(terms.map((t) => t.display)).toContain('éclairage');
    const irve = terms.find((t) => t.display === 'irve');
    expect(irve?.alternatives.map((a) => a.text)).toContain('borne de recharge');
  });
});
