import type { CodeEvidence } from './cpv-votes.ts';
import type { NeedTerm } from './need-query.ts';
import type { NeighbourContract } from './similar-texts.ts';

/**
 * Why a CPV code is suggested, in French sentences a buyer can check:
 * - « 7 marchés aux objets proches : « Entretien des espaces verts… », « Tonte… » »;
 * - « 12 marchés aux objets proches sous ce code (45211000, 45212000…) »;
 * - « libellé CPV : mots « chauffage », « ventilation » »;
 * - « domaine le plus soutenu : 45000000 Travaux de construction (62 % des indices) », on the first
 *   suggestion when it was put first for its division.
 */

/** Objects quoted as examples. */
const EXAMPLES = 2;
/** Characters of an object quoted. */
const EXAMPLE_LENGTH = 80;
/** Child codes named. */
const CHILD_CODES = 3;

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `« ${flat.length > EXAMPLE_LENGTH ? `${flat.slice(0, EXAMPLE_LENGTH - 1).trimEnd()}…` : flat} »`;
}

function contracts(count: number): string {
  return count === 1 ? '1 marché à l’objet proche' : `${count} marchés aux objets proches`;
}

/** Distinct objects, most similar first. */
function examples(neighbours: NeighbourContract[]): string {
  const objects = [...new Set(neighbours.map((n) => n.object.replace(/\s+/g, ' ').trim()))];
  return objects.slice(0, EXAMPLES).map(quote).join(', ');
}

function termList(terms: NeedTerm[], indexes: number[]): string {
  return indexes
    .map((index) => terms[index])
    .filter((term): term is NeedTerm => term !== undefined)
    .map((term) => `« ${term.correctedTo ?? term.display} »`)
    .join(', ');
}

/**
 * The reasons of one suggestion.
 * @param evidence what supports the code
 * @param terms the need's terms (to name the words a label shares with it)
 * @param labelOf the CPV label of a code (to name the division)
 * @returns French sentences, strongest evidence first; never empty for a code with support
 */
export function explainCode(
  evidence: CodeEvidence,
  terms: NeedTerm[],
  labelOf: (code: string) => string | undefined,
): string[] {
  const reasons: string[] = [];
  if (evidence.neighbours.length > 0) {
    reasons.push(`${contracts(evidence.neighbours.length)} : ${examples(evidence.neighbours)}`);
  }
  if (evidence.descendantNeighbours.length > 0) {
    const children = [...new Set(evidence.descendantNeighbours.map((n) => n.cpvCode))].sort();
    const named = children.slice(0, CHILD_CODES).join(', ');
    reasons.push(
      `${contracts(evidence.descendantNeighbours.length)} sous ce code (${named}${children.length > CHILD_CODES ? '…' : ''})`,
    );
  }
  if (evidence.label !== null && evidence.label.matched.length > 0) {
    const words = termList(terms, evidence.label.matched);
    reasons.push(`libellé CPV : ${evidence.label.matched.length === 1 ? 'mot' : 'mots'} ${words}`);
  }
  if (evidence.divisionShare !== null) {
    const division = `${evidence.code.slice(0, 2)}000000`;
    const named = [division, labelOf(division)].filter((part) => part !== undefined).join(' ');
    const percent = Math.round(evidence.divisionShare * 100);
    reasons.push(`domaine le plus soutenu : ${named} (${percent} % des indices)`);
  }
  return reasons;
}
