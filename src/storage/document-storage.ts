import { createHash, randomUUID } from 'node:crypto';

/**
 * Where uploaded documents live: a port with one adapter today, the disk (`DiskStorage`). An
 * S3-compatible adapter would implement the same three calls; it is not written yet (the disk under the
 * data folder suits the embedded profile, and a mounted volume the server profile).
 *
 * Keys are chosen by Amont, never typed by a user: `solutions/<solution id>/<uuid>`. `assertKey` refuses
 * anything else, so a key can never climb out of the storage root.
 */
export interface DocumentStorage {
  /** e.g. 'disque /var/amont/uploads', for start-up messages. */
  readonly description: string;
  /**
   * Stores bytes under a key (replacing any previous content).
   * @throws on I/O failure
   */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * The bytes stored under a key.
   * @throws StorageMissError when nothing is stored there
   */
  get(key: string): Promise<Buffer>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Nothing is stored under the key (the file was removed behind Amont's back). */
export class StorageMissError extends Error {
  constructor(readonly key: string) {
    super(`no document stored under ${key}`);
    this.name = 'StorageMissError';
  }
}

const KEY = /^[a-z]+(?:\/[A-Za-z0-9_-]+)+$/;

/**
 * Checks that a key has the shape Amont gives keys (lower-case prefix, then segments of letters, digits,
 * `_` and `-`): no dots, no absolute path, no `..`.
 * @param key e.g. 'solutions/12/3f0c…'
 * @throws Error for any other key (a bug, not a user error)
 */
export function assertKey(key: string): void {
  if (!KEY.test(key)) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
}

/** A file just stored: its key and the SHA-256 of its content (hex), for the row that will point at it. */
export interface StoredFile {
  key: string;
  sha256: string;
}

/**
 * Stores a file under a fresh key, then runs `record` (which writes the row pointing at it, in its own
 * transaction); when `record` fails the file is removed again, so that no row ever points at a missing file
 * and no file stays without a row.
 * @param storage where documents live
 * @param prefix the key's prefix, e.g. 'projects/42' (key: `<prefix>/<uuid>`)
 * @param bytes the content
 * @param record writes the row; its error is rethrown after the file is removed
 * @returns what `record` returns
 */
export async function storeThenRecord<T>(
  storage: DocumentStorage,
  prefix: string,
  bytes: Uint8Array,
  record: (file: StoredFile) => Promise<T>,
): Promise<T> {
  const key = `${prefix}/${randomUUID()}`;
  await storage.put(key, bytes);
  try {
    return await record({ key, sha256: createHash('sha256').update(bytes).digest('hex') });
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}
