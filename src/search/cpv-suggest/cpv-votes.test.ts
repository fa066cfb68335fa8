import { describe, expect, it } from 'vitest';
import { rankCodes, VOTE_WEIGHTS } from './cpv-votes.ts';
import type { LabelMatch, NeighbourContract } from './similar-texts.ts';

let nextId = 0;
function neighbour(cpvCode: string, similarity: number, buyerSiret = `buyer-${++nextId}`): NeighbourContract {
  return { id: ++nextId, buyerSiret, cpvCode, object: `objet ${cpvCode}`, similarity, matched: [0] };
}
const label = (code: string, similarity: number): LabelMatch => ({ code, similarity, matched: [0] });
const everyCode = () => true;
const codes = (ranked: { code: string }[]) => ranked.map((e) => e.code);

describe('rankCodes', () => {
  it('puts first the code that has enough votes of its own, before its parent', () => {
    const ranked = rankCodes(
      [neighbour('45410000', 0.8), neighbour('45410000', 0.8), neighbour('45420000', 0.8)],
      [],
      everyCode,
    );
    expect(ranked[0]?.code).toBe('45410000');
    // The parent gathers its children's votes: it is there, after the child.
    const parent = ranked.find((e) => e.code === '45400000');
    expect(parent?.support).toBeCloseTo(3 * 0.8 ** VOTE_WEIGHTS.votePower);
    expect(codes(ranked).indexOf('45400000')).toBeGreaterThan(0);
  });

  it('falls back to the parent when the votes are spread over children none of which has enough', () => {
    const children = ['45231000', '45232000', '45233000', '45234000', '45235000', '45236000'];
    const ranked = rankCodes(
      children.map((code) => neighbour(code, 0.6)),
      [],
      everyCode,
    );
    // Each child has 1/6 of the votes, the class 45230000 gets spreadShare (0.2) × all of them: more.
    expect(1 / children.length).toBeLessThan(VOTE_WEIGHTS.spreadShare);
    expect(ranked[0]?.code).toBe('45230000');
    // The group and the division have the same support as the class; the more specific code wins the tie.
    expect(codes(ranked).slice(1, 3)).toEqual(['45200000', '45000000']);
  });

  it('leads with the best code of the division that gathers the most votes', () => {
    const ranked = rankCodes(
      [
        neighbour('72500000', 0.9),
        neighbour('45233140', 0.7),
        neighbour('45233220', 0.7),
        neighbour('45111000', 0.7),
      ],
      [],
      everyCode,
    );
    const byRank = [...ranked].sort((a, b) => b.rank - a.rank);
    // 72500000 alone ranks highest, but division 45 has three votes: its best code comes first.
    expect(byRank[0]?.code).toBe('72500000');
    expect(ranked[0]?.code.slice(0, 2)).toBe('45');
    expect(ranked[0]?.divisionShare).toBeGreaterThan(0.5);
    expect(ranked[1]?.code).toBe('72500000');
  });

  it('counts the later contracts of one buyer less than other buyers’ contracts', () => {
    const same = rankCodes(
      [
        neighbour('77310000', 0.5, 'A'),
        neighbour('77310000', 0.5, 'A'),
        neighbour('77310000', 0.5, 'A'),
        neighbour('77340000', 0.5, 'B'),
        neighbour('77340000', 0.5, 'C'),
      ],
      [],
      everyCode,
    );
    expect(codes(same).indexOf('77340000')).toBeLessThan(codes(same).indexOf('77310000'));
  });

  it('orders equal evidence by code, whatever the input order', () => {
    const a = rankCodes([neighbour('90911200', 0.5), neighbour('90919200', 0.5)], [], everyCode);
    const b = rankCodes([neighbour('90919200', 0.5), neighbour('90911200', 0.5)], [], everyCode);
    expect(codes(a)).toEqual(codes(b));
    expect(codes(a).indexOf('90911200')).toBeLessThan(codes(a).indexOf('90919200'));
  });

  it('suggests from labels alone when the store has no contract, and skips codes outside the list', () => {
    const listed = new Set(['77310000', '77300000', '77000000']);
    const ranked = rankCodes([], [label('77310000', 0.6), label('99999999', 0.9)], (c) => listed.has(c));
    expect(codes(ranked)).toEqual(['77310000']);
    expect(ranked[0]?.score).toBe(1);
  });

  it('lets the contracts confirm a label: a label in the division the contracts point to counts more', () => {
    const ranked = rankCodes(
      [neighbour('77340000', 0.5)],
      [label('15542300', 0.5), label('77310000', 0.5)],
      everyCode,
    );
    expect(codes(ranked).indexOf('77310000')).toBeLessThan(codes(ranked).indexOf('15542300'));
  });
});
