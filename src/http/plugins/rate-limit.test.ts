import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { buildApp } from '../app.ts';
import { statusOfCode } from './error-handler.ts';
import { NOT_FOUND_PER_MINUTE, rateLimited } from './rate-limit.ts';

describe('rateLimited', () => {
  it('tells in French when to try again, in whole minutes, and maps to 429', () => {
    expect(rateLimited(900).userMessage).toBe(
      'Trop de tentatives en peu de temps. Réessayez dans 15 minutes.',
    );
    expect(rateLimited(20).userMessage).toBe('Trop de tentatives en peu de temps. Réessayez dans 1 minute.');
    expect(rateLimited(61).details).toEqual({ retryAfter: 61 });
    expect(statusOfCode('auth.rate_limited')).toBe(429);
    expect(statusOfCode('auth.unauthenticated')).toBe(401);
    expect(statusOfCode('auth.csrf_rejected')).toBe(403);
    expect(statusOfCode('auth.forbidden')).toBe(403);
  });
});

describeWithStore('rate limit of unknown URLs', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it(`answers 429 after ${NOT_FOUND_PER_MINUTE} unknown URLs a minute from one IP, not for other IPs or pages`, async () => {
    const scan = (url: string, remoteAddress: string) => app.inject({ url, remoteAddress });
    for (let i = 0; i < NOT_FOUND_PER_MINUTE; i++) {
      expect((await scan(`/wp-admin-${i}.php`, '203.0.113.50')).statusCode).toBe(404);
    }
    const blocked = await scan('/.env', '203.0.113.50');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(blocked.body).toContain('Trop de tentatives');
    expect((await scan('/.env', '203.0.113.51')).statusCode).toBe(404);
    expect((await scan('/', '203.0.113.50')).statusCode).toBe(200);
  });

  it('keeps 404 (not 401 or 403) for a write to an unknown URL', async () => {
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/inconnue', remoteAddress: '203.0.113.60' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/inconnue', remoteAddress: '203.0.113.60' })).statusCode,
    ).toBe(404);
  });
});
