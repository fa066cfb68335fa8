import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../../domain/solutions/index.ts';
import { DiskStorage, type DocumentStorage } from '../../storage/index.ts';

/**
 * Where uploaded documents go and how large they may be: `app.uploads`. `serve` passes the configured
 * storage (`AMONT_UPLOADS_DIR`, default `AMONT_DATA_DIR/uploads`) and limit (`AMONT_UPLOAD_MAX_BYTES`);
 * without them (tests), a fresh folder under the system's temporary directory and 10 MiB. The multipart
 * parser itself is registered by the pages that accept files, with this limit.
 */

/** What `buildApp` takes for uploads. */
export interface UploadsOptions {
  storage: DocumentStorage;
  /** Largest document accepted, bytes. */
  maxBytes: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    uploads: UploadsOptions;
  }
}

async function uploads(app: FastifyInstance, options: Partial<UploadsOptions>): Promise<void> {
  app.decorate('uploads', {
    storage: options.storage ?? new DiskStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'amont-uploads-'))),
    maxBytes: options.maxBytes ?? DEFAULT_UPLOAD_MAX_BYTES,
  });
}

export default fp(uploads, { name: 'amont-uploads' });
