import { createHash } from 'node:crypto';
import { decodeHtmlText, Flags, identifierOf, isObject, textOf, withoutNul } from './decp-values.ts';
import { unwrapList, type NormalisedContract } from './normalise-decp.ts';

/**
 * What makes two DECP records the same contract: the CPV 2008 list applied to the code, the canonical
 * JSON and content hash (idempotent re-imports), and the version signature (object + titulaires) that tells
 * a new version of a contract from a distinct contract published under the same id.
 */

/** What the CPV 2008 list says about the codes of a batch. */
export interface CpvReference {
  /** True when the list is not imported yet: codes are then stored after the shape check only. */
  empty: boolean;
  /** The list's check digit of a code, or undefined when the code is not in the list. */
  checkDigitOf(code: string): string | undefined;
}

/**
 * Applies the CPV 2008 list to a contract's code (DECP `codeCPV`):
 * - list not imported: the code is kept as read (shape already checked);
 * - code not in the list: null + `cpv_unknown` (the value stays in `raw`);
 * - check digit given and different from the list's: the code is kept + `cpv_check_digit_wrong`.
 * @param contract a normalised contract
 * @param reference the list lookup for this contract's code
 * @returns a copy with `cpvCode` set and the flags completed
 */
export function resolveCpv(contract: NormalisedContract, reference: CpvReference): NormalisedContract {
  const cpv = contract.cpv;
  if (cpv === null) {
    return { ...contract, cpvCode: null };
  }
  if (reference.empty) {
    return { ...contract, cpvCode: cpv.code };
  }
  const expected = reference.checkDigitOf(cpv.code);
  if (expected === undefined) {
    return { ...contract, cpvCode: null, flags: addFlag(contract.flags, 'cpv_unknown') };
  }
  if (cpv.checkDigit !== null && cpv.checkDigit !== expected) {
    return { ...contract, cpvCode: cpv.code, flags: addFlag(contract.flags, 'cpv_check_digit_wrong') };
  }
  return { ...contract, cpvCode: cpv.code };
}

function addFlag(flags: string[], flag: string): string[] {
  return flags.includes(flag) ? flags : [...flags, flag].sort();
}

/**
 * JSON with object keys sorted at every level, `undefined` dropped and NUL characters removed: two
 * values that mean the same give the same text, whatever the key order of the file.
 * @param value any JSON-compatible value
 * @param skipKey keys left out at every level (e.g. 'raw')
 */
export function canonicalJson(value: unknown, skipKey?: string): string {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' ? JSON.stringify(withoutNul(value)) : (JSON.stringify(value) ?? 'null');
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item, skipKey)).join(',')}]`;
  }
  const entries = Object.keys(value)
    .filter((key) => key !== skipKey && (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key], skipKey)}`,
    );
  return `{${entries.join(',')}}`;
}

/**
 * The content hash of a normalised contract: sha256 of its canonical JSON without the `raw` copies.
 * Equal hashes mean equal stored values (flags and a DECP `source` included), so re-importing a file writes
 * nothing. A `source` taken from the file name is left out: the same file under another name is the same
 * data. The group flag `decp_id_shared` is added by the importer after hashing.
 * @param contract after `resolveCpv`
 * @returns 64 hex characters
 */
export function contentHash(contract: NormalisedContract): string {
  const hashed = contract.sourceFromFile ? { ...contract, source: null } : contract;
  return createHash('sha256').update(canonicalJson(hashed, 'raw')).digest('hex');
}

/**
 * A text folded for comparison: HTML decoded, accents removed, lower case, every run of whitespace
 * collapsed to one space.
 */
function foldText(text: string): string {
  return decodeHtmlText(text)
    .text.normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What makes two records with one DECP key (buyer SIRET + `id`) versions of the same contract rather than
 * distinct contracts sharing the id (lots published under one id): the same object (`objet`, compared
 * after folding case, spaces, accents and HTML) and the same set of initial holder identifiers
 * (`titulaires[].id`, `concessionnaires[].id` for concessions, before any modification).
 * Computed from the record as read, so that a stored row (`contracts.raw`, `contracts.kind`) and an
 * incoming record are compared the same way.
 * @param raw the DECP record as read
 * @param kind 'marche' | 'concession' (which holders field to read)
 * @returns a string, equal for two versions of one contract
 */
export function versionSignature(raw: unknown, kind: 'marche' | 'concession'): string {
  if (!isObject(raw)) {
    return '';
  }
  const scratch = new Flags();
  const object = textOf(raw.objet, scratch);
  const holdersField = kind === 'concession' ? 'concessionnaires' : 'titulaires';
  const wrapper = kind === 'concession' ? 'concessionnaire' : 'titulaire';
  const ids = new Set<string>();
  for (const item of unwrapList(raw[holdersField], wrapper)) {
    const id = isObject(item) ? identifierOf(item.id, scratch) : null;
    if (id !== null) {
      ids.add(id.toUpperCase());
    }
  }
  return canonicalJson([object === null ? null : foldText(object), [...ids].sort()]);
}
