import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Types and pure rules of the accounts context: what a user, a session and an e-mail link are, how an
 * e-mail address is compared, what makes an acceptable password. No I/O except reading the list of
 * common passwords once.
 */

/** A live account, as the domain sees it (never the password hash). */
export interface User {
  /** `users.id` (uuid). */
  id: string;
  /** Trimmed, NFC-normalised, lower-case. */
  email: string;
  displayName: string;
  /** When the owner followed the verification link; null until then. */
  emailVerifiedAt: Date | null;
  createdAt: Date;
}

/** A server-side session of a user (the secret itself is only in the user's cookie). */
export interface Session {
  /** SHA-256 (hex) of the cookie secret: safe to show, useless as a cookie. */
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** Why an e-mail link was sent. */
export type EmailTokenPurpose = 'verify' | 'reset';

/** Field name → French message, for forms (govuk error summary) and API `details.fields`. */
export type FieldErrors = Record<string, string>;

/** Shortest password accepted, in characters (ANSSI and OWASP: 12 at least without other factor). */
export const PASSWORD_MIN_LENGTH = 12;
/** Longest password accepted, in characters: hashing megabytes would only cost CPU time. */
export const PASSWORD_MAX_LENGTH = 256;
/** Longest e-mail address (RFC 5321 path limit, 254 characters). */
export const EMAIL_MAX_LENGTH = 254;
/** Longest display name, in characters. */
export const DISPLAY_NAME_MAX_LENGTH = 100;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A session ends after 7 days without any request. */
export const SESSION_IDLE_TIMEOUT_MS = 7 * DAY;
/** A session ends 30 days after the login, however active. */
export const SESSION_MAX_LIFETIME_MS = 30 * DAY;
/** `last_seen_at` is written at most once per 5 minutes per session (a write per request is waste). */
export const SESSION_TOUCH_INTERVAL_MS = 5 * MINUTE;
/** Validity of a verification link: 48 hours. */
export const VERIFY_TOKEN_LIFETIME_MS = 2 * DAY;
/** Validity of a password-reset link: 1 hour. */
export const RESET_TOKEN_LIFETIME_MS = 60 * MINUTE;

/**
 * The form of an e-mail address Amont stores and compares: spaces trimmed, Unicode NFC, lower case.
 * Two addresses differing only by case are the same account.
 * @param raw as typed
 * @returns e.g. 'marie.dupont@mairie-exemple.fr' for ' Marie.Dupont@Mairie-Exemple.FR '
 */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

// The HTML living standard's "valid e-mail address" (what <input type=email> accepts), with a dot
// required in the domain: an intranet host name cannot receive our mail.
const EMAIL_PATTERN =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * Checks an e-mail address.
 * @param email already normalised (`normalizeEmail`)
 * @returns a French message naming the problem, or null when the address is acceptable
 */
export function emailError(email: string): string | null {
  if (email === '') {
    return 'Saisissez votre adresse électronique.';
  }
  if (email.length > EMAIL_MAX_LENGTH) {
    return `L’adresse électronique ne doit pas dépasser ${EMAIL_MAX_LENGTH} caractères.`;
  }
  if (!EMAIL_PATTERN.test(email)) {
    return 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
  }
  return null;
}

/**
 * Checks a display name (shown in the header and, later, on the user's contributions).
 * @param name trimmed
 * @returns a French message, or null
 */
export function displayNameError(name: string): string | null {
  if (name === '') {
    return 'Saisissez votre nom.';
  }
  if ([...name].length > DISPLAY_NAME_MAX_LENGTH) {
    return `Votre nom ne doit pas dépasser ${DISPLAY_NAME_MAX_LENGTH} caractères.`;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return 'Votre nom contient des caractères non imprimables.';
  }
  return null;
}

let commonPasswords: Set<string> | undefined;

/**
 * The list of common passwords (`common-passwords.txt`, lower case), read once.
 * @returns the set of refused passwords
 */
export function loadCommonPasswords(): ReadonlySet<string> {
  commonPasswords ??= new Set(
    fs
      .readFileSync(fileURLToPath(new URL('./common-passwords.txt', import.meta.url)), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return commonPasswords;
}

/**
 * Checks a new password: 12 to 256 characters, not a common password, not the e-mail address, and not
 * one or two characters repeated. The password is never logged nor put in an error.
 * @param password as typed (not trimmed: spaces are characters of a passphrase)
 * @param context the e-mail address it must not repeat (normalised)
 * @returns a French message, or null when the password is acceptable
 */
export function passwordError(password: string, context: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length === 0) {
    return 'Saisissez un mot de passe.';
  }
  if (length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`;
  }
  const lower = password.toLowerCase();
  const email = context.email ?? '';
  const localPart = email.split('@')[0] ?? '';
  if (email !== '' && (lower === email || lower === localPart)) {
    return 'Le mot de passe ne doit pas être votre adresse électronique.';
  }
  if (new Set(lower).size <= 2 || loadCommonPasswords().has(lower)) {
    return 'Ce mot de passe est trop courant ou trop simple : choisissez-en un autre, par exemple une phrase de plusieurs mots.';
  }
  return null;
}

/**
 * When a session expires if it is used now: the idle timeout slides, the maximum lifetime does not.
 * @param createdAt the login
 * @param now the current activity
 * @returns min(now + 7 days, createdAt + 30 days)
 */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(
    Math.min(now.getTime() + SESSION_IDLE_TIMEOUT_MS, createdAt.getTime() + SESSION_MAX_LIFETIME_MS),
  );
}
