import type { FastifyReply } from 'fastify';
import type { FieldErrors } from '../../../domain/accounts/index.ts';
import { DomainError } from '../../../domain/shared/index.ts';

/**
 * Helpers of the account forms: read a urlencoded field, turn a DomainError's field errors into what the
 * govuk error summary and inputs expect, keep a « return to » path on the site, write dates in French.
 */

/** What the templates get: the summary list (links to the fields) and each field's message. */
export interface FormErrors {
  list: { text: string; href: string }[];
  byField: Record<string, { text: string; visuallyHiddenText: string }>;
}

/** A form without errors. */
export const NO_ERRORS: FormErrors = Object.freeze({ list: [], byField: {} }) as FormErrors;

/**
 * Template shape of field errors.
 * @param fields field name (also the input's id) → French message
 * @returns the summary list and the per-field messages
 */
export function formErrors(fields: FieldErrors): FormErrors {
  const list = Object.entries(fields).map(([name, text]) => ({ text, href: `#${name}` }));
  const byField = Object.fromEntries(
    Object.entries(fields).map(([name, text]) => [name, { text, visuallyHiddenText: 'Erreur\u00a0' }]),
  );
  return { list, byField };
}

/**
 * The field errors a DomainError carries (`details.fields`), if it is a form error.
 * @param error anything thrown
 * @returns the fields, or undefined: the error is not about the form and must be rethrown
 */
export function fieldErrorsOf(error: unknown): FieldErrors | undefined {
  if (!(error instanceof DomainError)) {
    return undefined;
  }
  const fields = error.details?.fields;
  return fields !== null && typeof fields === 'object' ? (fields as FieldErrors) : undefined;
}

/**
 * A text field of a urlencoded form (the first value if repeated; '' when missing).
 * @param body `request.body`
 * @param name the field
 * @returns its value, not trimmed
 */
export function field(body: unknown, name: string): string {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : '';
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/**
 * A path of this site to go back to after the login: absolute path only, never another site
 * (`//evil.example`, `/\\evil.example`, `https://…` are refused).
 * @param raw the `retour` parameter
 * @returns the path, or undefined
 */
export function safeReturnPath(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || !/^\/(?![/\\])[^\s]*$/.test(raw) || raw.length > 2000) {
    return undefined;
  }
  return raw;
}

let frenchDateTime: Intl.DateTimeFormat | undefined;

/**
 * A moment written in French, Paris time.
 * @param date the moment
 * @returns e.g. '3 décembre 2026 à 14:05'
 */
export function formatDateTime(date: Date): string {
  frenchDateTime ??= new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });
  return frenchDateTime.format(date);
}

/**
 * Answers 400 with the form again, its errors and what was typed.
 * @param reply the reply
 * @param template the form's template
 * @param data the template data (values, …)
 * @param fields the field errors
 * @returns the reply
 */
export function formWithErrors(
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown>,
  fields: FieldErrors,
): FastifyReply {
  return reply.code(400).view(template, { ...data, errors: formErrors(fields) });
}

/**
 * Pages with secrets in their URL (e-mail links) must not leak them to other sites through `Referer`,
 * and pages with personal data must not be cached.
 * @param reply the reply
 */
export function privatePage(reply: FastifyReply): void {
  reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
}

/**
 * Answers 400 with a page explaining why an e-mail link does not work, and how to get a new one.
 * @param reply the reply
 * @param error the DomainError `account.invalid_token`
 * @param retry where to ask for a new link
 * @returns the reply
 */
export function invalidLinkPage(
  reply: FastifyReply,
  error: DomainError,
  retry: { href: string; text: string },
): FastifyReply {
  return reply.code(400).view('accounts/message.njk', {
    nav: 'account',
    heading: 'Ce lien ne fonctionne pas',
    paragraphs: [error.userMessage],
    links: [retry],
  });
}

/**
 * Whether an error is an unusable e-mail link.
 * @param error anything thrown
 * @returns true for DomainError `account.invalid_token`
 */
export function isInvalidLink(error: unknown): error is DomainError {
  return error instanceof DomainError && error.code === 'account.invalid_token';
}

/**
 * Sends an anonymous visitor to the login page, to come back here afterwards.
 * @param reply the reply
 * @param returnTo the path to come back to
 * @returns the reply (303)
 */
export function redirectToLogin(reply: FastifyReply, returnTo: string): FastifyReply {
  return reply.redirect(`/compte/connexion?retour=${encodeURIComponent(returnTo)}`, 303);
}

/**
 * Log serializer of routes with a secret in their last path segment (e-mail links): the access log
 * keeps the route, not the secret.
 * @param request the request
 * @returns what the log records of it
 */
export function requestWithoutSecret(request: { method: string; url: string; ip?: string }) {
  return {
    method: request.method,
    url: request.url.replace(/[^/?]+(\?.*)?$/, '…'),
    remoteAddress: request.ip,
  };
}
