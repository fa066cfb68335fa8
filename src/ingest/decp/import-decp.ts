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
 * plus about 200 bytes per contract row met for the duplicate rule; progress is bytes read / file size.
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
 * 6. Idempotent: `content_hash` = sha256 of the canonical JSON of the normalised record (a `source` taken
 *    from the file name, when the record has no DECP `source`, is left out: a renamed copy of a file is the
 *    same data). Records sharing a key (stored, or read earlier in this run) are:
 *    - identical (same hash): `unchanged` the first time this run meets the stored row (re-import),
 *      `duplicate` when this run already inserted, updated or met it (the same record twice: merged);
 *    - versions of one contract when they have the same object (`objet`, compared with case, spaces,
 *      accents and HTML folded) and the same set of initial holder ids (`titulaires[].id`,
 *      `concessionnaires[].id`): `versionSignature` in normalise-decp.ts. If the incoming record is the very
 *      raw record stored, normalised differently since (new rules, CPV list imported) → `updated`; else the
 *      one with the later `datePublicationDonnees` wins, then the one with more modifications (a missing
 *      date is the oldest); the incoming one must be strictly ahead to replace the stored one (`updated`),
 *      else the stored one is kept (`duplicate`). Being strict makes the result independent of how often
 *      files are re-imported;
 *    - otherwise distinct contracts that share a DECP id (typically the lots of one consultation published
 *      under one id): each is its own row, `contracts.homonym_rank` 0 for the first record of the key, then
 *      1, 2… in order of first appearance, counted `inserted`. Every row of such a group carries the flag
 *      `decp_id_shared` (added after hashing, so a stored row gains it without changing its hash), counted
 *      once per row and run as `flag.decp_id_shared`.
 *    An incoming record is matched to the rows of its key first by content hash, then by version signature,
 *    else it takes a new rank: re-importing files gives the same rows.
 *    Only written contracts touch buyers, suppliers and establishments, so a re-import updates no row.
 * 7. Batches (default 500 records) are written in one transaction each with the run's counts, with
 *    multi-row statements. Every record read is counted once: inserted, updated, unchanged, duplicate or
 *    rejected; each quality flag is also counted as `flag.<name>`, each rejection as `rejected.<code>`.
 *    A failure that ends the reading (structure lost, truncated file) counts as one rejected item, keeps
 *    what was read before it (its reason says how many records were imported before it), and closes the
 *    run with status `failed` (`ImportReport.status`, for the CLI's exit code).
 * 8. Free texts (object, buyer and holder names, place name, modification object) have their HTML
 *    decoded: character references and `<br>` (→ newline), flag `html_decoded`; other tags are kept.
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
  flagSharedDecpId,
  isCpvListEmpty,
  loadCpvReference,
  loadStoredRaw,
  rowKey,
  SHARED_FLAG,
  writeContracts,
  type HashedContract,
  type RankedContract,
} from './decp-writer.ts';
import { normaliseDecpRecord, type NormalisedContract } from './normalise-decp.ts';
import { canonicalJson, contentHash, resolveCpv, versionSignature } from './decp-identity.ts';
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

/** One contract row of a key (buyer SIRET + DECP id), stored or written by this run. */
interface Row extends ContractVersion {
  /** `rowKey`: key + homonym rank. */
  rowKey: string;
  rank: number;
  storedId: number | null;
  storedFlags: string[];
  /** Canonical JSON of the stored raw record, when loaded and not replaced in this run. */
  rawJson: string | null;
  /** `versionSignature` of the row's record, when known. */
  signature: string | null;
}

/**
 * The row of its key an incoming record belongs to (rule 6): the one with its content hash, else the one
 * with its version signature (same object and holders: another version of that contract), else none (a
 * distinct contract sharing the key, or the first of its key).
 */
function matchRow(c: HashedContract, group: Row[]): { row: Row; by: 'hash' | 'signature' } | undefined {
  const byHash = group.find((r) => r.contentHash === c.contentHash);
  if (byHash) {
    return { row: byHash, by: 'hash' };
  }
  if (group.length === 0) {
    return undefined;
  }
  const signature = versionSignature(c.raw, c.kind);
  const bySignature = group.find((r) => r.signature === signature);
  return bySignature && { row: bySignature, by: 'signature' };
}

/** The end of the reason of a failure that stops the reading: what was imported before it (French). */
function importedBefore(count: number): string {
  if (count === 0) {
    return "Aucun enregistrement n'a été importé avant l'arrêt.";
  }
  const n = new Intl.NumberFormat('fr-FR').format(count);
  return count === 1
    ? "L'enregistrement lu avant l'arrêt est importé."
    : `Les ${n} enregistrements lus avant l'arrêt sont importés.`;
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
  // Rows (key + homonym rank) this run inserted, updated or found unchanged: a record equal to one is then a
  // duplicate in the file rather than a re-import; and rows already counted as `flag.decp_id_shared`
  // (about 100 bytes per row each).
  const countedInRun = new Set<string>();
  const sharedCounted = new Set<string>();
  // Records read and not rejected so far (committed with their batch): quoted when the reading stops.
  let imported = 0;
  let fatal = false;

  const processBatch = async (items: DecpReadItem[]): Promise<void> => {
    const contracts: NormalisedContract[] = [];
    const failures: Extract<DecpReadItem, { ok: false }>[] = [];
    for (const item of items) {
      if (!item.ok) {
        if (item.fatal) {
          // Rejected after the records of the batch, so that the reason can say how many were imported.
          fatal = true;
          failures.push(item);
        } else {
          run.reject({ position: item.position, reason: item.reason, excerpt: item.excerpt });
          run.bump(`rejected.${item.code}`);
        }
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
      // The raw records are read only for keys where an incoming record matches no stored row by hash.
      const differing = new Set<number>();
      for (const c of batch) {
        const rows = stored.get(contractKey(c.buyer.siret, c.decpId)) ?? [];
        if (!rows.some((r) => r.contentHash === c.contentHash)) {
          rows.forEach((r) => differing.add(r.id));
        }
      }
      const storedRaw = await loadStoredRaw(trx, [...differing]);

      const groups = new Map<string, Row[]>();
      const groupOf = (c: HashedContract): Row[] => {
        const key = contractKey(c.buyer.siret, c.decpId);
        let group = groups.get(key);
        if (group === undefined) {
          group = (stored.get(key) ?? []).map((r) => ({
            rowKey: rowKey(c.buyer.siret, c.decpId, r.homonymRank),
            rank: r.homonymRank,
            contentHash: r.contentHash,
            publishedOn: r.publishedOn,
            modificationCount: r.modificationCount,
            storedId: r.id,
            storedFlags: r.flags,
            rawJson: storedRaw.get(r.id)?.canonical ?? null,
            signature: storedRaw.get(r.id)?.signature ?? null,
          }));
          groups.set(key, group);
        }
        return group;
      };
      const toWrite = new Map<string, RankedContract>();
      const touched = new Set<Row[]>();
      for (const c of batch) {
        const group = groupOf(c);
        const match = matchRow(c, group);
        const outcome = decideOutcome(
          versionOf(c),
          match && {
            ...match.row,
            countedInRun: countedInRun.has(match.row.rowKey),
            sameRaw:
              match.by === 'signature' &&
              !countedInRun.has(match.row.rowKey) &&
              match.row.rawJson !== null &&
              match.row.rawJson === canonicalJson(c.raw),
          },
        );
        run.record(outcome);
        imported += 1;
        for (const flag of c.flags) {
          run.bump(`flag.${flag}`);
        }
        if (outcome === 'duplicate') {
          continue;
        }
        touched.add(group);
        let row = match?.row;
        if (row === undefined) {
          const rank = group.reduce((max, r) => Math.max(max, r.rank + 1), 0);
          row = {
            rowKey: rowKey(c.buyer.siret, c.decpId, rank),
            rank,
            storedId: null,
            storedFlags: [],
            ...versionOf(c),
            rawJson: null,
            signature: versionSignature(c.raw, c.kind),
          };
          group.push(row);
        }
        if (outcome === 'inserted' || outcome === 'updated') {
          Object.assign(row, versionOf(c), { rawJson: null });
          toWrite.set(row.rowKey, { ...c, homonymRank: row.rank });
        }
        countedInRun.add(row.rowKey);
      }
      // Distinct contracts sharing a key: every row of the group carries `decp_id_shared`, counted once per
      // row and run (when it gets the flag, or when the run meets it).
      const flagUpdates: { id: number; flags: string[] }[] = [];
      for (const group of touched) {
        if (group.length < 2) {
          continue;
        }
        for (const row of group) {
          const write = toWrite.get(row.rowKey);
          if (write) {
            write.flags = write.flags.includes(SHARED_FLAG)
              ? write.flags
              : [...write.flags, SHARED_FLAG].sort();
          } else if (row.storedId !== null && !row.storedFlags.includes(SHARED_FLAG)) {
            flagUpdates.push({ id: row.storedId, flags: row.storedFlags });
          } else if (!countedInRun.has(row.rowKey)) {
            continue;
          }
          if (!sharedCounted.has(row.rowKey)) {
            sharedCounted.add(row.rowKey);
            run.bump(`flag.${SHARED_FLAG}`);
          }
        }
      }
      const replacedIds = [...groups.values()].flatMap((group) =>
        group.flatMap((row) => (row.storedId !== null && toWrite.has(row.rowKey) ? [row.storedId] : [])),
      );
      await writeContracts(trx, [...toWrite.values()], replacedIds);
      await flagSharedDecpId(trx, flagUpdates);
      for (const item of failures) {
        run.reject({
          position: item.position,
          reason: `${item.reason} ${importedBefore(imported)}`,
          excerpt: item.excerpt,
        });
        run.bump(`rejected.${item.code}`);
      }
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
