import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from './domain/shared/domain-error.ts';
import { loadUploadSettings } from './storage/upload-settings.ts';

/** Runtime configuration, read once from the environment. All settings are documented in README.md. */
export interface Config {
  /** HTTP port (`PORT`, default 3000). */
  port: number;
  /** HTTP host (`HOST`, default 127.0.0.1; set 0.0.0.0 in a container). */
  host: string;
  /** PostgreSQL server URL (`DATABASE_URL`); when unset the embedded PGlite store is used. */
  databaseUrl: string | undefined;
  /** Embedded store folder (`AMONT_DATA_DIR`, default `./var`). */
  dataDir: string;
  /**
   * Open-data folder imported on the first start (`AMONT_SEED_DIR`; default `../shared/data` when it
   * exists; `AMONT_SEED_DIR=none` disables seeding).
   */
  seedDir: string | undefined;
  /** `NODE_ENV=production`: the session secret, an SMTP server and the public URL are then required. */
  production: boolean;
  /**
   * Public address of the site, used in the links Amont mails (`AMONT_PUBLIC_URL`, default
   * `http://localhost:PORT`). Cookies get the `Secure` flag when it is https.
   */
  publicUrl: string;
  /** Signs the session and CSRF cookies (`AMONT_SESSION_SECRET`, 32 characters at least). */
  sessionSecret: string | undefined;
  /** SMTP server (`AMONT_SMTP_URL`, `smtp://user:pass@host:587` or `smtps://…:465`); unset: mail is logged. */
  smtpUrl: string | undefined;
  /** Sender of the mails (`AMONT_MAIL_FROM`, default `Amont <ne-pas-repondre@HOST of the public URL>`). */
  mailFrom: string;
  /** Uploaded documents folder (`AMONT_UPLOADS_DIR`, default `<AMONT_DATA_DIR>/uploads`). */
  uploadsDir: string;
  /** Largest uploaded document, bytes (`AMONT_UPLOAD_MAX_BYTES`, default 10 MiB). */
  uploadMaxBytes: number;
}

/**
 * Reads the configuration from environment variables.
 * @param env usually `process.env`
 * @returns the resolved configuration; paths are absolute
 * @throws DomainError `config.invalid_port` when PORT is not an integer in 0..65535; `config.invalid_*` and
 *   `config.missing_production_setting` for the account settings (see `loadAccountSettings`)
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defaultSeed = path.resolve('../shared/data');
  let seedDir: string | undefined;
  if (env.AMONT_SEED_DIR === 'none') {
    seedDir = undefined;
  } else if (env.AMONT_SEED_DIR) {
    seedDir = path.resolve(env.AMONT_SEED_DIR);
  } else if (fs.existsSync(defaultSeed)) {
    seedDir = defaultSeed;
  }
  const port = parsePort(env.PORT);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.AMONT_DATA_DIR ?? './var'),
    seedDir,
    ...loadAccountSettings(env, port),
    ...loadUploadSettings(env, path.resolve(env.AMONT_DATA_DIR ?? './var')),
  };
}

function parsePort(raw: string | undefined): number {
  const value = (raw ?? '3000').trim();
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new DomainError(
      'config.invalid_port',
      `PORT doit être un numéro de port entre 0 et 65535 (reçu « ${value} »).`,
    );
  }
  return port;
}

type AccountSettings = Pick<Config, 'production' | 'publicUrl' | 'sessionSecret' | 'smtpUrl' | 'mailFrom'>;

/**
 * Reads the settings of accounts and mail. In production (`NODE_ENV=production`) `AMONT_SESSION_SECRET`,
 * `AMONT_SMTP_URL` and `AMONT_PUBLIC_URL` are required: without them sessions would not survive a
 * restart, mails would go to the log (with their links) and links would point to localhost.
 * @throws DomainError `config.invalid_public_url`, `config.invalid_smtp_url`, `config.invalid_session_secret`,
 *   `config.missing_production_setting`
 */
function loadAccountSettings(env: NodeJS.ProcessEnv, port: number): AccountSettings {
  const production = env.NODE_ENV === 'production';
  if (production) {
    const missing = ['AMONT_SESSION_SECRET', 'AMONT_SMTP_URL', 'AMONT_PUBLIC_URL'].filter(
      (name) => !env[name],
    );
    if (missing.length > 0) {
      throw new DomainError(
        'config.missing_production_setting',
        `En production (NODE_ENV=production), définissez ${missing.join(', ')} (voir le README, « Configuration »).`,
      );
    }
  }
  const publicUrl = (env.AMONT_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  let host: string;
  try {
    const url = new URL(publicUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(url.protocol);
    }
    host = url.hostname;
  } catch {
    throw new DomainError(
      'config.invalid_public_url',
      `AMONT_PUBLIC_URL doit être une adresse http(s), par exemple https://amont.exemple.fr (reçu « ${publicUrl} »).`,
    );
  }
  const smtpUrl = env.AMONT_SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) {
    throw new DomainError(
      'config.invalid_smtp_url',
      'AMONT_SMTP_URL doit ressembler à smtp://utilisateur:mot-de-passe@serveur:587 (ou smtps://…:465).',
    );
  }
  const sessionSecret = env.AMONT_SESSION_SECRET || undefined;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    throw new DomainError(
      'config.invalid_session_secret',
      'AMONT_SESSION_SECRET doit compter au moins 32 caractères (par exemple : openssl rand -base64 48).',
    );
  }
  return {
    production,
    publicUrl,
    sessionSecret,
    smtpUrl,
    mailFrom: env.AMONT_MAIL_FROM || `Amont <ne-pas-repondre@${host}>`,
  };
}

/**
 * The OCDS identifier prefix of the projects' exports (`AMONT_OCDS_PREFIX`). OCDS prefixes are registered
 * with the Open Contracting Partnership: `ocds-` and 6 letters or digits. Until Amont has registered one,
 * the placeholder `ocds-amont` is used (fine for tests and demos, not for publication).
 * @param env usually `process.env`
 * @returns e.g. 'ocds-amont', 'ocds-a1b2c3'
 * @throws DomainError `config.invalid_ocds_prefix` for another shape
 */
export function readOcdsPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.AMONT_OCDS_PREFIX || 'ocds-amont';
  if (prefix !== 'ocds-amont' && !/^ocds-[a-z0-9]{6}$/.test(prefix)) {
    throw new DomainError(
      'config.invalid_ocds_prefix',
      `AMONT_OCDS_PREFIX doit être un préfixe OCDS enregistré : « ocds- » suivi de 6 lettres ou chiffres (reçu « ${prefix} »).`,
    );
  }
  return prefix;
}
