import { CpvCode } from '../../domain/shared/index.ts';
import type { LabelMatch, NeighbourContract } from './similar-texts.ts';

/**
 * Scores CPV codes from the evidence of a need (pure, no I/O).
 *
 * 1. Neighbour votes. Each neighbour contract votes for its own code with `similarity ^ votePower`
 *    (close objects count much more than loose ones); neighbours below `minRelativeSimilarity` × the best
 *    one do not vote; the k-th neighbour of a buyer already seen votes `sameBuyerDecay ^ k` as much (one
 *    buyer's many lots are one opinion, not ten). Votes go up the tree: a code's `support` is its own votes
 *    plus those of every code below it, so a group or a division accumulates its children's votes.
 * 2. Level-aware neighbour share: (own votes + `spreadShare` × descendants' votes) / all votes. A code with
 *    strong support of its own outranks its parent; when the votes are spread over several children,
 *    none of which has enough, their parent outranks them.
 * 3. Label evidence: `labelWeight × similarity²` of the code's CPV label, times (`labelBase` + the share of
 *    neighbour votes in the code's division): a label that matches by chance (« Feta » for « fête »)
 *    counts little unless the contracts point to its division; with no contract in the store, labels
 *    alone decide.
 * 4. Order: rank desc, then the more specific code (a group and its division with the same votes: the
 *    group), then code. The first place goes to the best code of the division that gathers the
 *    most evidence (sum of the ranks of its codes below the division), so that the domain of the first
 *    suggestion is the most supported one even when a lone code of another division ranks higher.
 *
 * The weights were chosen on the development fold of the evaluation (bench/cpv-suggest/,
 * docs/benchmarks.md « Suggestion CPV »), then checked on its test fold.
 */

/** The weights of the scoring. */
export interface VoteWeights {
  votePower: number;
  minRelativeSimilarity: number;
  sameBuyerDecay: number;
  spreadShare: number;
  labelWeight: number;
  labelBase: number;
}

/** The weights in use. */
export const VOTE_WEIGHTS: Readonly<VoteWeights> = {
  votePower: 2,
  minRelativeSimilarity: 0.3,
  sameBuyerDecay: 0.4,
  spreadShare: 0.2,
  labelWeight: 4,
  labelBase: 0.2,
};

/** The evidence behind one code. */
export interface CodeEvidence {
  /** 8 digits. */
  code: string;
  /** Neighbours whose code is this one, by similarity desc. */
  neighbours: NeighbourContract[];
  /** Neighbours whose code is below this one (not itself). */
  descendantNeighbours: NeighbourContract[];
  /** The label match of this code, if any. */
  label: LabelMatch | null;
  /** Own neighbour votes. */
  own: number;
  /** Own neighbour votes plus every descendant's. */
  support: number;
  /** Neighbour share (step 2) + label evidence (step 3). */
  rank: number;
  /** rank / the highest rank, 0 to 1. */
  score: number;
  /** Set on the first code when it leads the most supported division: that division's share of the evidence. */
  divisionShare: number | null;
}

const DIVISION_SUFFIX = '000000';
const divisionOf = (code: string) => `${code.slice(0, 2)}${DIVISION_SUFFIX}`;
const isDivision = (code: string) => code.endsWith(DIVISION_SUFFIX);

function emptyEvidence(code: string): CodeEvidence {
  return {
    code,
    neighbours: [],
    descendantNeighbours: [],
    label: null,
    own: 0,
    support: 0,
    rank: 0,
    score: 0,
    divisionShare: null,
  };
}

/** Step 1: neighbour votes, up the tree. Returns the total of the votes. */
function voteNeighbours(
  neighbours: NeighbourContract[],
  entry: (code: string) => CodeEvidence | null,
  weights: Readonly<VoteWeights>,
): number {
  const best = neighbours[0]?.similarity ?? 0;
  const seenBuyers = new Map<string, number>();
  let total = 0;
  for (const neighbour of neighbours) {
    if (neighbour.similarity <= 0 || neighbour.similarity < weights.minRelativeSimilarity * best) {
      continue;
    }
    const seen = seenBuyers.get(neighbour.buyerSiret) ?? 0;
    seenBuyers.set(neighbour.buyerSiret, seen + 1);
    const vote = neighbour.similarity ** weights.votePower * weights.sameBuyerDecay ** seen;
    total += vote;
    [neighbour.cpvCode, ...CpvCode.ancestors(neighbour.cpvCode as CpvCode)].forEach((code, depth) => {
      const e = entry(code);
      if (e !== null) {
        e.support += vote;
        e.own += depth === 0 ? vote : 0;
        (depth === 0 ? e.neighbours : e.descendantNeighbours).push(neighbour);
      }
    });
  }
  return total;
}

/** Step 4: moves the best code of the most supported division to the first place. */
function leadWithBestDivision(ranked: CodeEvidence[]): CodeEvidence[] {
  const mass = new Map<string, number>();
  let all = 0;
  for (const e of ranked) {
    if (!isDivision(e.code)) {
      mass.set(divisionOf(e.code), (mass.get(divisionOf(e.code)) ?? 0) + e.rank);
      all += e.rank;
    }
  }
  const [division, divisionMass] = [...mass].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  const index = ranked.findIndex((e) => division !== undefined && divisionOf(e.code) === division);
  const leader = ranked[index];
  if (leader === undefined || divisionMass === undefined) {
    return ranked;
  }
  leader.divisionShare = all === 0 ? null : divisionMass / all;
  return [leader, ...ranked.filter((_, i) => i !== index)];
}

/**
 * Combines the evidence into ranked codes.
 * @param neighbours contracts by similarity desc
 * @param labels label matches by similarity desc
 * @param listed whether a code is in the CPV list (ancestors missing from the list are skipped)
 * @param weights the weights (default `VOTE_WEIGHTS`)
 * @returns every code with evidence, best first (see step 4)
 */
export function rankCodes(
  neighbours: NeighbourContract[],
  labels: LabelMatch[],
  listed: (code: string) => boolean,
  weights: Readonly<VoteWeights> = VOTE_WEIGHTS,
): CodeEvidence[] {
  const byCode = new Map<string, CodeEvidence>();
  const entry = (code: string): CodeEvidence | null => {
    if (!listed(code)) {
      return null;
    }
    const found = byCode.get(code) ?? emptyEvidence(code);
    byCode.set(code, found);
    return found;
  };
  const total = voteNeighbours(neighbours, entry, weights);
  for (const label of labels) {
    const e = entry(label.code);
    if (e !== null && label.similarity > 0) {
      e.label = label;
      for (const ancestor of CpvCode.ancestors(label.code as CpvCode)) {
        entry(ancestor);
      }
    }
  }
  const codes = [...byCode.values()];
  for (const e of codes) {
    const share = total === 0 ? 0 : (e.own + weights.spreadShare * (e.support - e.own)) / total;
    const divisionVotes = byCode.get(divisionOf(e.code))?.support ?? 0;
    const labelEvidence =
      e.label === null
        ? 0
        : weights.labelWeight *
          e.label.similarity ** 2 *
          (weights.labelBase + (total === 0 ? 0 : divisionVotes / total));
    e.rank = share + labelEvidence;
  }
  const ranked = codes
    .filter((e) => e.rank > 0)
    .sort(
      (a, b) =>
        b.rank - a.rank ||
        CpvCode.level(b.code as CpvCode) - CpvCode.level(a.code as CpvCode) ||
        a.code.localeCompare(b.code),
    );
  const top = ranked[0]?.rank ?? 0;
  for (const e of ranked) {
    e.score = top === 0 ? 0 : e.rank / top;
  }
  return leadWithBestDivision(ranked);
}
