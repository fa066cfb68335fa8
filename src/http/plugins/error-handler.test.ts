import { Writable } from 'node:stream';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../store/schema.ts';
import { buildApp } from '../app.ts';
import { statusOfCode } from './error-handler.ts';

describe('statusOfCode', () => {
  it('maps DomainError codes to HTTP statuses with one table', () => {
    expect(statusOfCode('siren.invalid_format')).toBe(400);
    expect(statusOfCode('siret.invalid_key')).toBe(400);
    expect(statusOfCode('amount.invalid')).toBe(400);
    expect(statusOfCode('date.out_of_range')).toBe(400);
    expect(statusOfCode('cog.invalid_commune_code')).toBe(400);
    expect(statusOfCode('cpv.wrong_check_digit')).toBe(400);
    expect(statusOfCode('supplier.not_found')).toBe(404);
    expect(statusOfCode('buyer.not_found')).toBe(404);
    expect(statusOfCode('store.locked')).toBe(503);
    expect(statusOfCode('import.something_unmapped')).toBe(500);
  });
});

describe('error handler on unexpected failures', () => {
  it('answers 500 with a generic French message, in HTML and JSON, and logs the error', async () => {
    // A database that cannot be reached (nothing listens on port 1): every query fails with a
    // connection error, not a DomainError.
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ host: '127.0.0.1', port: 1, user: 'nobody', connectionTimeoutMillis: 2000 }),
      }),
    });
    const store = { db, backend: 'postgres' as const, location: 'nowhere', close: () => db.destroy() };
    const logs: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    const app = await buildApp({ store, logger: { level: 'error', stream } });
    try {
      const page = await app.inject('/fournisseurs');
      expect(page.statusCode).toBe(500);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Une erreur inattendue est survenue de notre côté.');
      const api = await app.inject('/api/v1/suppliers');
      expect(api.statusCode).toBe(500);
      expect(api.json().error).toMatchObject({ code: 'internal' });
      expect(api.json().error.message).toContain('Une erreur inattendue');
      expect(logs.join('')).toContain('"url":"/api/v1/suppliers"');
      expect(logs.join('')).toContain('request failed');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
