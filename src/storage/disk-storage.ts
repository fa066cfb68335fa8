import fs from 'node:fs/promises';
import path from 'node:path';
import { assertKey, StorageMissError, type DocumentStorage } from './document-storage.ts';

/**
 * Documents as files under a root folder (default `AMONT_DATA_DIR/uploads`, or `AMONT_UPLOADS_DIR`):
 * the key is the relative path. A file is written to a temporary name and renamed, so a reader never sees
 * half a document.
 */
export class DiskStorage implements DocumentStorage {
  readonly description: string;

  /** @param root absolute folder, created on first write */
  constructor(private readonly root: string) {
    this.description = `disque ${root}`;
  }

  private pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.part`;
    await fs.writeFile(temporary, bytes, { flag: 'wx' });
    await fs.rename(temporary, file);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StorageMissError(key);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}
