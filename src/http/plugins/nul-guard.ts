import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/shared/index.ts';

/**
 * Refuses the NUL character (U+0000) in any text a request brings (path parameters, query string, form or
 * JSON body), before validation and before any handler: PostgreSQL text cannot hold it (« invalid byte
 * sequence for encoding UTF8: 0x00 »), so without this guard a title or a search containing `%00` ended in a
 * 500 deep in a query. No French text, CPV code or identifier ever contains it; the answer is a 400 naming
 * the field (`request.invalid_character`, `details.field`, `details.in`). File contents of uploads are
 * bytes, not text, and are not checked.
 */

const NUL = '\u0000';

/** The path of the first string holding a NUL, or null. Buffers (uploaded files) are skipped. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') {
    return value.includes(NUL) ? path : null;
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 20) {
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes(NUL)) {
      return path === '' ? '(nom de champ)' : path;
    }
    const found = findNul(child, path === '' ? key : `${path}.${key}`, depth + 1);
    if (found !== null) {
      return found;
    }
  }
  return null;
}

async function nulGuard(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', async (request) => {
    const parts = [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const;
    for (const [where, value] of parts) {
      const field = findNul(value, '');
      if (field !== null) {
        throw new DomainError(
          'request.invalid_character',
          `Le champ « ${field.slice(0, 60)} » contient un caractère interdit (le caractère nul, code 0) : ` +
            'retirez-le et envoyez à nouveau.',
          { message: `NUL character in ${where} field ${field}`, details: { field, in: where } },
        );
      }
    }
  });
}

export default fp(nulGuard, { name: 'amont-nul-guard' });
