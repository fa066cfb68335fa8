import path from 'node:path';
import { DEFAULT_UPLOAD_MAX_BYTES } from '../domain/solutions/index.ts';
import { DomainError } from '../domain/shared/domain-error.ts';

/** Where uploaded documents are stored and how large one may be. */
export interface UploadSettings {
  /** `AMONT_UPLOADS_DIR`, default `<AMONT_DATA_DIR>/uploads`; absolute. */
  uploadsDir: string;
  /** `AMONT_UPLOAD_MAX_BYTES`, default 10 MiB (10485760). */
  uploadMaxBytes: number;
}

/**
 * Reads the upload settings.
 * @param env usually `process.env`
 * @param dataDir the resolved data folder
 * @throws DomainError `config.invalid_upload_max_bytes` when the limit is not a whole number of bytes
 *   between 1 kio and 100 Mio
 */
export function loadUploadSettings(env: NodeJS.ProcessEnv, dataDir: string): UploadSettings {
  const raw = (env.AMONT_UPLOAD_MAX_BYTES ?? '').trim();
  const max = raw === '' ? DEFAULT_UPLOAD_MAX_BYTES : Number(raw);
  if (!Number.isInteger(max) || max < 1024 || max > 100 * 1024 * 1024) {
    throw new DomainError(
      'config.invalid_upload_max_bytes',
      `AMONT_UPLOAD_MAX_BYTES doit être un nombre d’octets entre 1024 et 104857600 (reçu « ${raw} »).`,
    );
  }
  return {
    uploadsDir: path.resolve(env.AMONT_UPLOADS_DIR || path.join(dataDir, 'uploads')),
    uploadMaxBytes: max,
  };
}
