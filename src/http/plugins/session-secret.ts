import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The secret that signs the session and CSRF cookies. In production it comes from
 * `AMONT_SESSION_SECRET` (required there, see `src/config.ts`). In development, so that `npm start` just
 * works and logins survive a restart, a random one is generated on the first start and kept in the data
 * folder (`<AMONT_DATA_DIR>/session-secret`, readable by its owner only), which is never committed
 * (`var/` is git-ignored).
 */

/** Name of the generated secret's file in the data folder. */
export const SESSION_SECRET_FILE = 'session-secret';

/** Where the secret came from. */
export interface ResolvedSessionSecret {
  secret: string;
  /** 'env' (AMONT_SESSION_SECRET), 'generated' (just written) or 'file' (written by an earlier start). */
  source: 'env' | 'generated' | 'file';
  /** The file, when not from the environment. */
  file?: string;
}

/**
 * The configured secret, or the data folder's own.
 * @param settings `sessionSecret` (from the environment, may be undefined) and `dataDir`
 * @returns the secret (64 base64url characters when generated) and its origin
 * @example resolveSessionSecret({ sessionSecret: undefined, dataDir: '/srv/amont/var' })
 */
export function resolveSessionSecret(settings: {
  sessionSecret: string | undefined;
  dataDir: string;
}): ResolvedSessionSecret {
  if (settings.sessionSecret !== undefined) {
    return { secret: settings.sessionSecret, source: 'env' };
  }
  const file = path.join(settings.dataDir, SESSION_SECRET_FILE);
  fs.mkdirSync(settings.dataDir, { recursive: true });
  try {
    // `wx`: never overwrite one another process has just written.
    fs.writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    return { secret: fs.readFileSync(file, 'utf8').trim(), source: 'generated', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new Error(`${file} holds no usable secret: delete it to have a new one generated`);
  }
  return { secret, source: 'file', file };
}
