import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import {
  displayNameError,
  emailError,
  normalizeEmail,
  passwordError,
  type FieldErrors,
  type User,
} from './account.ts';
import { invalidFields } from './account.errors.ts';
import * as accounts from './account.repository.ts';
import { issueEmailToken } from './email-token.ts';
import { hashPassword } from './password-hash.ts';

/** What the sign-up form gives. */
export interface RegistrationInput {
  email: string;
  password: string;
  displayName: string;
}

/**
 * The outcome of a sign-up. `existing`: the address already has an account; nothing was changed, and the
 * caller must answer exactly as for `created` (then mail the owner) so that the page does not reveal
 * which addresses have an account.
 */
export type Registration =
  { outcome: 'created'; user: User; verificationSecret: string } | { outcome: 'existing'; user: User };

/**
 * Checks the fields of a sign-up form, all at once.
 * @param input as typed
 * @returns the normalised e-mail and trimmed name, and the field errors (empty when all is well)
 */
export function checkRegistration(input: RegistrationInput): {
  email: string;
  displayName: string;
  errors: FieldErrors;
} {
  const email = normalizeEmail(input.email);
  const displayName = input.displayName.trim();
  const errors: FieldErrors = {};
  const nameProblem = displayNameError(displayName);
  if (nameProblem !== null) {
    errors.displayName = nameProblem;
  }
  const emailProblem = emailError(email);
  if (emailProblem !== null) {
    errors.email = emailProblem;
  }
  const passwordProblem = passwordError(input.password, { email });
  if (passwordProblem !== null) {
    errors.password = passwordProblem;
  }
  return { email, displayName, errors };
}

/**
 * Creates an account (e-mail not yet verified) and a verification link, or finds that the address is
 * taken (case does not matter). The password is hashed in both cases, so both take as long.
 * @param db the store
 * @param input display name, e-mail address, password (12 characters at least, not a common one)
 * @param options `now` (default: the current time)
 * @returns `created` with the link secret to mail, or `existing`
 * @throws DomainError `account.invalid` with `details.fields` (displayName, email, password)
 */
export async function registerAccount(
  db: Kysely<Database>,
  input: RegistrationInput,
  options: { now?: Date } = {},
): Promise<Registration> {
  const now = options.now ?? new Date();
  const { email, displayName, errors } = checkRegistration(input);
  if (Object.keys(errors).length > 0) {
    throw invalidFields(errors);
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const created = await accounts.insertUser(trx, { email, passwordHash, displayName, now });
    if (created === undefined) {
      const existing = await accounts.findUserByEmail(trx, email);
      if (existing === undefined) {
        throw new Error('unreachable: the e-mail conflicted with no live account');
      }
      return { outcome: 'existing', user: withoutSecret(existing) };
    }
    const verificationSecret = await issueEmailToken(trx, created.id, 'verify', now);
    return { outcome: 'created', user: withoutSecret(created), verificationSecret };
  });
}

/**
 * A user without the password hash (what leaves the domain).
 * @param user a repository user
 * @returns the same fields but `passwordHash`
 */
export function withoutSecret(user: accounts.UserWithSecret): User {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerifiedAt: user.emailVerifiedAt,
    createdAt: user.createdAt,
  };
}
