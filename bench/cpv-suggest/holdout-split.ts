import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readDecpJson } from '../../src/ingest/decp/read-decp-json.ts';
import { normaliseDecpRecord } from '../../src/ingest/decp/normalise-decp.ts';

/**
 * The held-out split of the CPV suggestion evaluation, deterministic and independent of file order:
 * a DECP record is held out when the first 32 bits of sha256(« buyer SIRET / DECP id ») modulo 100 fall
 * below `HELD_OUT_PERCENT` (rule `contract`), or those of sha256(« buyer SIRET ») (rule `buyer`). Keying
 * on the contract (buyer + id), not on the record, keeps every version and every lot published under one
 * id on the same side: the store never saw any record of a held-out contract.
 *
 * Training files are written with the held-out records removed (same JSON shape), then imported with the
 * ordinary DECP importer; the held-out objects become the test needs.
 */

/** Share of contracts (or buyers) held out, in percent. */
export const HELD_OUT_PERCENT = 15;

/**
 * What is held out: `contract` (15 % of the contracts: the store knows the buyer's other contracts, as
 * when a buyer that already publishes describes a new need) or `buyer` (every contract of 15 % of the
 * buyers: a buyer the store has never seen, the harder case).
 */
export type SplitRule = 'contract' | 'buyer';

/** One test need: a held-out contract object and the CPV code its buyer chose. */
export interface HeldOutNeed {
  /** « buyer SIRET / DECP id ». */
  key: string;
  /** DECP `objet`, HTML decoded as the importer stores it. */
  object: string;
  /** DECP `codeCPV`, 8 digits (check digit dropped); checked against the CPV list by the caller. */
  cpvCode: string;
}

/** What `splitDecpFiles` wrote and kept aside. */
export interface HeldOutSplit {
  /** Training files to import (held-out records removed). */
  trainFiles: string[];
  /** Held-out needs, deduplicated by (key, object, CPV), in file order. */
  needs: HeldOutNeed[];
  /** Records read, kept for training, held out (all, before the CPV and object checks). */
  counts: { read: number; train: number; heldOut: number };
}

/**
 * Whether a contract (or a buyer) is held out.
 * @param key « buyer SIRET / DECP id », or the buyer SIRET
 * @returns true for about `HELD_OUT_PERCENT` % of the keys
 */
export function isHeldOut(key: string): boolean {
  const digest = createHash('sha256').update(key).digest();
  return digest.readUInt32BE(0) % 100 < HELD_OUT_PERCENT;
}

/**
 * Splits DECP JSON files of the 2019 shape (`{"marches": [ … ]}`) into training files and held-out needs.
 * @param files DECP JSON files (2019 format)
 * @param outDir folder for the training files (created)
 * @param rule what is held out: whole contracts (default) or whole buyers
 * @returns the training files, the held-out needs and the counts
 */
export async function splitDecpFiles(
  files: string[],
  outDir: string,
  rule: SplitRule = 'contract',
): Promise<HeldOutSplit> {
  fs.mkdirSync(outDir, { recursive: true });
  const needs = new Map<string, HeldOutNeed>();
  const counts = { read: 0, train: 0, heldOut: 0 };
  const trainFiles: string[] = [];
  for (const file of files) {
    const train: unknown[] = [];
    for await (const item of readDecpJson(file)) {
      if (!item.ok) {
        continue;
      }
      counts.read++;
      const normalised = normaliseDecpRecord(item, { fileSource: path.basename(file) });
      if (!normalised.ok) {
        train.push(item.value);
        continue;
      }
      const { contract } = normalised;
      const key = `${contract.buyer.siret}/${contract.decpId}`;
      if (!isHeldOut(rule === 'contract' ? key : contract.buyer.siret)) {
        counts.train++;
        train.push(item.value);
        continue;
      }
      counts.heldOut++;
      const object = contract.object?.trim() ?? '';
      const cpvCode = contract.cpv?.code ?? null;
      if (object !== '' && cpvCode !== null) {
        needs.set(`${key}\u0000${object}\u0000${cpvCode}`, { key, object, cpvCode });
      }
    }
    const out = path.join(outDir, path.basename(file));
    fs.writeFileSync(out, JSON.stringify({ marches: train }));
    trainFiles.push(out);
  }
  return { trainFiles, needs: [...needs.values()], counts };
}
