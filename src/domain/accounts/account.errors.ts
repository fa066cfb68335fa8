import { DomainError } from '../shared/index.ts';
import type { FieldErrors } from './account.ts';

/**
 * Error codes of the accounts context (and of authentication, which every context relies on). Their HTTP
 * statuses are in `http/plugins/error-handler.ts`: `*.invalid*` 400, `auth.unauthenticated` 401,
 * `auth.forbidden` and `auth.csrf_rejected` 403, `auth.rate_limited` 429.
 */
export type AccountErrorCode =
  | 'account.invalid'
  | 'account.invalid_credentials'
  | 'account.invalid_token'
  | 'auth.unauthenticated'
  | 'auth.forbidden';

/**
 * A form or request with one or more bad fields.
 * @param fields field → French message (at least one)
 * @returns DomainError `account.invalid` with `details.fields` and `details.field` (the first one)
 */
export function invalidFields(fields: FieldErrors): DomainError {
  const [first] = Object.keys(fields);
  return new DomainError('account.invalid', Object.values(fields).join(' '), {
    message: `invalid fields: ${Object.keys(fields).join(', ')}`,
    details: { field: first, fields },
  });
}

/**
 * A failed login. The same message whether the e-mail is unknown, the account deleted or the password
 * wrong: the answer must not tell whether an address has an account.
 * @returns DomainError `account.invalid_credentials`
 */
export function invalidCredentials(): DomainError {
  return new DomainError('account.invalid_credentials', 'Adresse électronique ou mot de passe incorrect.', {
    message: 'login failed',
    details: { fields: { email: 'Adresse électronique ou mot de passe incorrect.' } },
  });
}

/** Why an e-mail link cannot be used. */
export type TokenRejection = 'unknown' | 'used' | 'expired';

const TOKEN_MESSAGES: Record<TokenRejection, string> = {
  unknown: 'Ce lien n’est pas valable : vérifiez qu’il a été copié en entier, ou demandez-en un nouveau.',
  used: 'Ce lien a déjà servi : chaque lien envoyé par courriel ne fonctionne qu’une fois.',
  expired: 'Ce lien a expiré : demandez-en un nouveau.',
};

/**
 * An e-mail link (verification or reset) that cannot be used.
 * @param reason unknown, already used, or expired
 * @returns DomainError `account.invalid_token` with `details.reason`
 */
export function invalidToken(reason: TokenRejection): DomainError {
  return new DomainError('account.invalid_token', TOKEN_MESSAGES[reason], {
    message: `e-mail token rejected: ${reason}`,
    details: { reason },
  });
}

/**
 * A command that needs a logged-in user was called by an anonymous actor.
 * @returns DomainError `auth.unauthenticated`
 */
export function unauthenticated(): DomainError {
  return new DomainError(
    'auth.unauthenticated',
    'Vous devez être connecté pour faire cela : connectez-vous à votre compte Amont.',
    { message: 'anonymous actor' },
  );
}

/**
 * The actor is known but not allowed to do this.
 * @returns DomainError `auth.forbidden`
 */
export function forbidden(): DomainError {
  return new DomainError('auth.forbidden', 'Vous n’avez pas le droit de faire cela.', {
    message: 'forbidden by policy',
  });
}
