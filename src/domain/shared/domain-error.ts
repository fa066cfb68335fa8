/**
 * The one error type the domain throws. It never carries an HTTP status: `http/plugins/error-handler.ts`
 * maps `code` to a status with a single table.
 *
 * - `code`: a stable dotted slug, e.g. `'siret.invalid_key'`, `'cpv.unknown_code'`.
 * - `userMessage`: French, safe to show to any user.
 * - `message`: English, for logs only.
 * - `details`: optional machine-readable context (field path, offending value…).
 *
 * @example
 * throw new DomainError('siret.invalid_key', 'Le SIRET 12345678900000 a une clé de contrôle invalide.', {
 *   message: 'Luhn check failed', details: { field: 'siret' } });
 */
export class DomainError extends Error {
  readonly code: string;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    userMessage: string,
    options: { message?: string; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(options.message ?? userMessage, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.userMessage = userMessage;
    this.details = options.details;
  }
}

/** Result of a `tryParse`: never throws, carries the DomainError on failure. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/**
 * Runs a throwing parser and captures its DomainError.
 * @param parse a function that throws DomainError on bad input
 * @returns `{ ok: true, value }` or `{ ok: false, error }`; non-domain errors are rethrown
 */
export function tryParse<T>(parse: () => T): ParseResult<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, error };
    }
    throw error;
  }
}
