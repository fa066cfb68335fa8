import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { InjectClient, loggedInClient } from '../../../../test/setup/inject-client.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('API /api/v1/me', () => {
  let store: Store;
  let app: FastifyInstance;
  let ip = 0;
  const nextIp = () => `192.0.2.${++ip}`;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers 401 JSON to an anonymous caller, for reads and writes', async () => {
    const anonymous = new InjectClient(app, nextIp());
    for (const method of ['GET', 'POST'] as const) {
      const url = method === 'GET' ? '/api/v1/me' : '/api/v1/me/logout-everywhere';
      const res = await anonymous.request({ method, url });
      expect(res.statusCode, method).toBe(401);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json()).toEqual({
        error: {
          code: 'auth.unauthenticated',
          message: 'Vous devez être connecté pour faire cela : connectez-vous à votre compte Amont.',
          details: {},
        },
      });
    }
    // Even with a CSRF token: the write needs an account first.
    const res = await anonymous.request({
      method: 'POST',
      url: '/api/v1/me/logout-everywhere',
      headers: { 'x-csrf-token': 'quelque-chose' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('gives the logged-in user, and a CSRF token for the session’s writes', async () => {
    const user = await buildUser(store.db, { display_name: 'Api Utilisatrice', email_verified_at: null });
    const browser = await loggedInClient(app, { email: user.email!, password: user.password }, nextIp());
    const res = await browser.get('/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { csrfToken, ...me } = res.json();
    expect(me).toEqual({
      id: user.id,
      email: user.email,
      displayName: 'Api Utilisatrice',
      emailVerified: false,
      createdAt: user.created_at.toISOString(),
    });
    expect(csrfToken).toMatch(/^[A-Za-z0-9_-]+-[A-Za-z0-9_-]+-[A-Za-z0-9_-]+$/);
  });

  it('logs out everywhere with the X-CSRF-Token header only (403 without it)', async () => {
    const user = await buildUser(store.db);
    const credentials = { email: user.email!, password: user.password };
    const browser = await loggedInClient(app, credentials, nextIp());
    const phone = await loggedInClient(app, credentials, nextIp());
    const refused = await browser.request({ method: 'POST', url: '/api/v1/me/logout-everywhere' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.csrf_rejected');
    const wrong = await browser.request({
      method: 'POST',
      url: '/api/v1/me/logout-everywhere',
      headers: { 'x-csrf-token': 'pas-un-jeton-valide' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await phone.get('/api/v1/me')).statusCode).toBe(200);

    const { csrfToken } = (await browser.get('/api/v1/me')).json();
    const done = await browser.request({
      method: 'POST',
      url: '/api/v1/me/logout-everywhere',
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ closedSessions: 2 });
    expect((await browser.get('/api/v1/me')).statusCode).toBe(401);
    expect((await phone.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document with its session security and errors', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    expect(doc.components.securitySchemes.session).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
      name: 'amont_session',
    });
    const post = doc.paths['/api/v1/me/logout-everywhere'].post;
    expect(post.tags).toEqual(['compte']);
    expect(post.security).toEqual([{ session: [] }]);
    expect(Object.keys(post.responses).sort()).toEqual(['200', '401', '403', '500']);
    expect(Object.keys(doc.paths['/api/v1/me'].get.responses).sort()).toEqual(['200', '401', '500']);
  });
});
