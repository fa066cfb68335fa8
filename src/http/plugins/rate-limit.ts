import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/shared/index.ts';

/**
 * Rate limits (@fastify/rate-limit counters, in memory: one process; a Redis store is needed before
 * running several). Routes combine several rules — e.g. per IP and per e-mail address — with
 * `app.limiter([...])`, used as a `preHandler` (after the body is parsed, so a rule can key on a form
 * field). Over the limit, the answer is 429 (`auth.rate_limited`) with a French page or JSON and a
 * `Retry-After` header in seconds. Unknown URLs (404) share a limit per IP, so that scanning the site
 * is slowed down.
 */

/** One counter. */
export interface LimitRule {
  /** Names the counter, e.g. 'login-ip' (rules with distinct names never share counts). */
  name: string;
  /** Requests allowed per window. */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** The key counted (e.g. the IP, the normalised e-mail); undefined: this rule does not apply. */
  key: (request: FastifyRequest) => string | undefined;
}

/** A hook that counts the request against rules and throws when one is exceeded. */
export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A hook counting each request against every rule.
     * @throws DomainError `auth.rate_limited` (429) with `details.retryAfter` seconds
     */
    limiter(rules: LimitRule[]): LimitHook;
  }
}

/** Requests to unknown URLs allowed per IP and minute. */
export const NOT_FOUND_PER_MINUTE = 60;

/**
 * The French error of an exceeded limit.
 * @param retryAfterSeconds when to try again
 * @returns DomainError `auth.rate_limited`
 */
export function rateLimited(retryAfterSeconds: number): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new DomainError(
    'auth.rate_limited',
    `Trop de tentatives en peu de temps. Réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
    { message: 'rate limit exceeded', details: { retryAfter: retryAfterSeconds } },
  );
}

async function rateLimit(app: FastifyInstance): Promise<void> {
  await app.register(fastifyRateLimit, { global: false });

  app.decorate('limiter', (rules: LimitRule[]): LimitHook => {
    const counters = rules.map((rule) => ({
      rule,
      count: app.createRateLimit({
        max: rule.max,
        timeWindow: rule.windowMs,
        keyGenerator: (request) => `${rule.name}:${rule.key(request) ?? ''}`,
      }),
    }));
    return async (request, reply) => {
      for (const { rule, count } of counters) {
        if (rule.key(request) === undefined) {
          continue;
        }
        const result = await count(request);
        if (!result.isAllowed && result.isExceeded) {
          reply.header('retry-after', String(result.ttlInSeconds));
          throw rateLimited(result.ttlInSeconds);
        }
      }
    };
  });

  const notFound = app.limiter([
    { name: 'not-found-ip', max: NOT_FOUND_PER_MINUTE, windowMs: 60_000, key: (request) => request.ip },
  ]);
  app.addHook('onRequest', async (request, reply) => {
    if (request.is404) {
      await notFound(request, reply);
    }
  });
}

export default fp(rateLimit, { name: 'amont-rate-limit' });
