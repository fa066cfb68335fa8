/**
 * DECP importer: « données essentielles de la commande publique », the open data every French buyer
 * publishes on its awarded contracts (Code de la commande publique, art. R. 2196-1 and R. 3131-1).
 *
 * Formats read (detected from the file, per file and per record):
 * - 2019 format (arrêté du 22 mars 2019, schema 1.x): JSON `{"marches": [ {…}, … ]}`, concessions mixed in
 *   with `_type: "Contrat de concession"`; XML `<marches><marche>…`;
 * - 2022 format (arrêté du 22 décembre 2022, schema 2.0.x): JSON `{"marches": {"marche": [ … ],
 *   "contrat-concession": [ … ]}}` (or a plain `{"marches": [ … ]}` list), list items wrapped
 *   (`[{"titulaire": {…}}]`, `{"considerationSociale": [ … ]}`); XML with the same element names.
 * Files are streamed (read-decp-json.ts, read-decp-xml.ts): memory holds one batch whatever the file size,
 * plus about 100 bytes per distinct key for the duplicate rule; progress is bytes read / file size.
 *
 * Rules:
 * 1. Key = buyer SIRET (`acheteur.id`, `autoriteConcedante.id` for concessions) + DECP `id`, since an id is
 *    unique only per buyer. No buyer id or no id → the record is rejected with the reason and its position.
 *    A buyer id failing the SIRET key check is kept (`buyers.siret_valid = false`, flag `buyer_siret_invalid`).
 * 2. Dirty values are repaired only when they have one reading, else nulled with a flag in
 *    `contracts.quality_flags`, never guessed (normalise-decp.ts): 0218-10-29 → null + `notified_on_out_of_range`.
 * 3. CPV: checked against `cpv_codes` when that list is imported (`cpv_unknown`, `cpv_check_digit_wrong`),
 *    stored after the shape check alone when it is not.
 * 4. Holders with a valid SIRET create or refresh an establishment and a supplier (SIREN), never
 *    overwriting a SIRENE name; an invalid SIRET keeps its holder row without a supplier
 *    (`titulaire_id_invalid`); a valid 9-digit SIREN typed « SIRET » links the supplier alone
 *    (`titulaire_siret_is_siren`); other identifier types (TVA, HORS-UE…) are kept without a link.
 *    A buyer's name is refreshed from the latest written contract that gives one (2022 files give none).
 * 5. Modifications are stored in file order; the contract's amount, duration and holders are the latest
 *    values given, `initial_*` the notified ones.
 * 6. Idempotent: `content_hash` = sha256 of the canonical JSON of the normalised record. Outcome of a
 *    record whose key is already known (stored, or read earlier in this run):
 *    - same hash: `unchanged` the first time this run meets the stored version (re-import), `duplicate`
 *      when this run already inserted, updated or met it (the same record twice: merged);
 *    - different hash, same raw record as stored: the very record, normalised differently since (new
 *      rules, CPV list imported) → `updated`;
 *    - otherwise two versions of one contract: the one with the later `datePublicationDonnees` wins, then
 *      the one with more modifications (a missing date is the oldest); the incoming one must be strictly
 *      ahead to replace the stored one (`updated`), else the stored one is kept (`duplicate`). Being
 *      strict makes the result independent of how often files are re-imported.
 *    Only written contracts touch buyers, suppliers and establishments, so a re-import updates no row.
 * 7. Batches (default 500 records) are written in one transaction each with the run's counts, with
 *    multi-row statements. Every record read is counted once: inserted, updated, unchanged, duplicate or
 *    rejected; each quality flag is also counted as `flag.<name>`, each rejection as `rejected.<code>`.
 *    A failure that ends the reading (structure lost, truncated file) counts as one rejected item, keeps
 *    what was read before it, and closes the run with status `failed`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { DomainError } from '../../domain/shared/index.ts';
import type { Database } from '../../store/schema.ts';
import { ImportRun, type ImportReport, type RecordOutcome } from '../import-run.ts';
import { silentProgress, type Progress } from '../progress.ts';
import type { DecpReadItem } from './decp-read-item.ts';
import {
  contractKey,
  findStoredContracts,
  isCpvListEmpty,
  loadCpvReference,
  loadStoredRaw,
  writeContracts,
  type HashedContract,
} from './decp-writer.ts';
import {
  canonicalJson,
  contentHash,
  normaliseDecpRecord,
  resolveCpv,
  type NormalisedContract,
} from './normalise-decp.ts';
import { readDecpJson } from './read-decp-json.ts';
import { readDecpXml } from './read-decp-xml.ts';

/** Options of `importDecp`. */
export interface ImportDecpOptions {
  /** Progress display, in bytes of the file (default: silent). */
  progress?: Progress;
  /** Records per transaction (default 500). */
  batchSize?: number;
}

/** Error codes thrown by `importDecp` before any record is read. */
export type ImportDecpErrorCode = 'decp.file_not_found' | 'decp.unknown_format';

const DEFAULT_BATCH_SIZE = 500;

/** The version of a contract the duplicate rule compares. */
export interface ContractVersion {
  contentHash: string;
  publishedOn: string | null;
  modificationCount: number;
}

/**
 * Whether an incoming version of a contract replaces the current one (rule 6): strictly later
 * `datePublicationDonnees` (a missing date is the oldest), or the same date and strictly more modifications.
 * @param incoming the record being imported
 * @param current the version stored or read earlier
 */
export function supersedes(incoming: ContractVersion, current: ContractVersion): boolean {
  const a = incoming.publishedOn ?? '';
  const b = current.publishedOn ?? '';
  if (a !== b) {
    return a > b;
  }
  return incoming.modificationCount > current.modificationCount;
}

/**
 * The outcome of one record (rule 6).
 * @param incoming the record being imported
 * @param current what is known for its key: undefined when nothing; `countedInRun` when this run already
 *   inserted, updated or found unchanged that version; `sameRaw` when the stored row was made from exactly
 *   this raw record in an earlier run
 * @returns inserted | updated | unchanged | duplicate
 */
export function decideOutcome(
  incoming: ContractVersion,
  current: (ContractVersion & { countedInRun: boolean; sameRaw: boolean }) | undefined,
): Exclude<RecordOutcome, 'rejected'> {
  if (current === undefined) {
    return 'inserted';
  }
  if (incoming.contentHash === current.contentHash) {
    return current.countedInRun ? 'duplicate' : 'unchanged';
  }
  if (current.sameRaw || supersedes(incoming, current)) {
    return 'updated';
  }
  return 'duplicate';
}

async function readHead(file: string, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** JSON or XML, from the first significant character (after a BOM and whitespace). */
async function detectSyntax(file: string): Promise<'json' | 'xml'> {
  const head = (await readHead(file, 1024))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const first = head[0];
  if (first === '<') {
    return 'xml';
  }
  if (first === '{' || first === '[') {
    return 'json';
  }
  throw new DomainError(
    'decp.unknown_format',
    `Le fichier ${path.basename(file)} n'est ni du JSON ni du XML : il ne peut pas contenir de DECP.`,
    { message: `Not a DECP file (starts with ${JSON.stringify(head.slice(0, 20))})`, details: { file } },
  );
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
  }
  return hash.digest('hex');
}

function versionOf(c: HashedContract): ContractVersion {
  return {
    contentHash: c.contentHash,
    publishedOn: c.publishedOn,
    modificationCount: c.modifications.length,
  };
}

/**
 * Imports a DECP file (2019 or 2022 format, JSON or XML) into the store, following the rules above.
 * @param db the store
 * @param file path of the file
 * @param options progress display and batch size
 * @returns the report: counts (read = inserted + updated + unchanged + duplicate + rejected), rejections
 *   with their position, and extra figures `flag.<name>` and `rejected.<code>`
 * @throws DomainError `decp.file_not_found`, `decp.unknown_format` (nothing is imported, no run is opened);
 *   a database error propagates after the run is closed as `failed` (committed batches stay)
 */
export async function importDecp(
  db: Kysely<Database>,
  file: string,
  options: ImportDecpOptions = {},
): Promise<ImportReport> {
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) {
    throw new DomainError('decp.file_not_found', `Le fichier DECP ${file} est introuvable.`, {
      message: `DECP file not found: ${file}`,
      details: { file },
    });
  }
  const syntax = await detectSyntax(file);
  const run = await ImportRun.start(db, 'decp', file, await sha256OfFile(file));
  const progress = options.progress ?? silentProgress;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const fileSource = path.basename(file);
  const cpvListEmpty = await isCpvListEmpty(db);
  // Keys whose stored version this run inserted, updated or found unchanged: a record equal to it is then a
  // duplicate in the file rather than a re-import (about 100 bytes per key).
  const countedInRun = new Set<string>();
  let fatal = false;

  const processBatch = async (items: DecpReadItem[]): Promise<void> => {
    const contracts: NormalisedContract[] = [];
    for (const item of items) {
      if (!item.ok) {
        fatal ||= item.fatal;
        run.reject({ position: item.position, reason: item.reason, excerpt: item.excerpt });
        run.bump(`rejected.${item.code}`);
        continue;
      }
      const result = normaliseDecpRecord(item, { fileSource });
      if (!result.ok) {
        run.reject({ position: item.position, reason: result.reason, excerpt: item.excerpt });
        run.bump(`rejected.${result.code}`);
        continue;
      }
      contracts.push(result.contract);
    }
    await run.commitBatch(async (trx) => {
      const cpv = await loadCpvReference(
        trx,
        contracts.flatMap((c) => (c.cpv ? [c.cpv.code] : [])),
        cpvListEmpty,
      );
      const batch: HashedContract[] = contracts.map((c) => {
        const resolved = resolveCpv(c, cpv);
        return { ...resolved, contentHash: contentHash(resolved) };
      });
      const stored = await findStoredContracts(
        trx,
        batch.map((c) => ({ buyerSiret: c.buyer.siret, decpId: c.decpId })),
      );
      // The raw record is compared only where a stored row differs from an incoming record with its key.
      const differing = new Set<number>();
      for (const c of batch) {
        const row = stored.get(contractKey(c.buyer.siret, c.decpId));
        if (row && row.contentHash !== c.contentHash) {
          differing.add(row.id);
        }
      }
      const storedRaw = await loadStoredRaw(trx, [...differing]);

      type Current = ContractVersion & {
        countedInRun: boolean;
        storedId: number | null;
        rawJson: string | null;
      };
      const current = new Map<string, Current>();
      const toWrite = new Map<string, HashedContract>();
      for (const c of batch) {
        const key = contractKey(c.buyer.siret, c.decpId);
        const row = stored.get(key);
        const known: Current | undefined =
          current.get(key) ??
          (row && {
            contentHash: row.contentHash,
            publishedOn: row.publishedOn,
            modificationCount: row.modificationCount,
            countedInRun: countedInRun.has(key),
            storedId: row.id,
            rawJson: storedRaw.get(row.id) ?? null,
          });
        const sameRaw =
          known !== undefined &&
          !known.countedInRun &&
          known.rawJson !== null &&
          known.rawJson === canonicalJson(c.raw);
        const outcome = decideOutcome(versionOf(c), known && { ...known, sameRaw });
        run.record(outcome);
        for (const flag of c.flags) {
          run.bump(`flag.${flag}`);
        }
        if (outcome === 'inserted' || outcome === 'updated') {
          toWrite.set(key, c);
          current.set(key, {
            ...versionOf(c),
            countedInRun: true,
            storedId: known?.storedId ?? null,
            rawJson: null,
          });
        } else if (outcome === 'unchanged' && known) {
          current.set(key, { ...known, countedInRun: true });
        } else if (known) {
          current.set(key, known);
        }
        if (outcome !== 'duplicate') {
          countedInRun.add(key);
        }
      }
      const replacedIds = [...toWrite.keys()].flatMap((key) => {
        const id = stored.get(key)?.id;
        return id === undefined ? [] : [id];
      });
      await writeContracts(trx, [...toWrite.values()], replacedIds);
    });
  };

  progress.start(`DECP ${fileSource}`, stat.size);
  const reader = syntax === 'json' ? readDecpJson(file) : readDecpXml(file);
  let pending: DecpReadItem[] = [];
  try {
    for await (const item of reader) {
      pending.push(item);
      if (pending.length >= batchSize) {
        await processBatch(pending);
        pending = [];
        progress.update(item.bytesRead, run.recordsRead);
      }
    }
    if (pending.length > 0) {
      await processBatch(pending);
    }
  } catch (error) {
    progress.stop();
    await run.finish('failed').catch(() => undefined);
    throw error;
  }
  progress.update(stat.size, run.recordsRead);
  progress.stop();
  return run.finish(fatal ? 'failed' : 'done');
}
