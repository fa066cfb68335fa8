import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCpvCode, buildSupplier } from '../../test/factories/index.ts';
import { buildUser } from '../../test/factories/accounts.ts';
import {
  addMember,
  buildOrganisation,
  buildSolution,
  makePlatformAdmin,
} from '../../test/factories/showcase.ts';
import { InjectClient, loggedInClient } from '../../test/setup/inject-client.ts';
import { describeWithStore, openTestStore } from '../../test/setup/test-store.ts';
import { userActor } from '../domain/accounts/index.ts';
import { createApiToken } from '../domain/api-tokens/index.ts';
import type { Organisation } from '../domain/organisations/index.ts';
import type { Store } from '../store/database.ts';
import { buildApp } from './app.ts';

/**
 * The authorization matrix of the showcase (issue 4): every route of solutions, organisations, member
 * pages and moderation, called by each kind of actor with a real session (logged in through the login
 * form) and the request a well-behaved client sends (CSRF token for session writes), against the expected
 * status. A fresh draft and a fresh published solution are made for each cell, so that no call depends on
 * another.
 *
 * Reading the table: 401 anonymous write; 403 known but not allowed (including a platform admin, who
 * moderates but does not write for suppliers); 404 a draft of another organisation (as if it did not
 * exist); 303 an anonymous visit of a member page (sent to the login page) or a form that succeeded.
 * `token` is an API token of the supplier (API routes only): it acts as its creator, a member.
 */

type Actor = 'anonymous' | 'member' | 'otherSupplier' | 'buyer' | 'admin' | 'token';
type Target = { draft: number; published: number; supplier: Organisation };
type Row = {
  route: string;
  api: boolean;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: (t: Target) => string;
  body?: (t: Target) => Record<string, unknown>;
  expected: Partial<Record<Actor, number>>;
};

const ALL = (status: number) => ({
  anonymous: status,
  member: status,
  otherSupplier: status,
  buyer: status,
  admin: status,
});

const ROWS: Row[] = [
  {
    route: 'GET /api/v1/solutions/:id (published)',
    api: true,
    method: 'GET',
    url: (t) => `/api/v1/solutions/${t.published}`,
    expected: { ...ALL(200), token: 200 },
  },
  {
    route: 'GET /api/v1/solutions/:id (draft)',
    api: true,
    method: 'GET',
    url: (t) => `/api/v1/solutions/${t.draft}`,
    expected: { anonymous: 404, member: 200, otherSupplier: 404, buyer: 404, admin: 200, token: 200 },
  },
  {
    route: 'POST /api/v1/solutions',
    api: true,
    method: 'POST',
    url: () => '/api/v1/solutions',
    body: (t) => ({ organisation: t.supplier.siret, title: 'Nouvelle' }),
    expected: { anonymous: 401, member: 201, otherSupplier: 403, buyer: 403, admin: 403, token: 201 },
  },
  {
    route: 'PATCH /api/v1/solutions/:id (published)',
    api: true,
    method: 'PATCH',
    url: (t) => `/api/v1/solutions/${t.published}`,
    body: () => ({ title: 'Renommée' }),
    expected: { anonymous: 401, member: 200, otherSupplier: 403, buyer: 403, admin: 403, token: 200 },
  },
  {
    route: 'PATCH /api/v1/solutions/:id (draft)',
    api: true,
    method: 'PATCH',
    url: (t) => `/api/v1/solutions/${t.draft}`,
    body: () => ({ title: 'Renommée' }),
    expected: { anonymous: 401, member: 200, otherSupplier: 404, buyer: 404, admin: 403, token: 200 },
  },
  {
    route: 'POST /api/v1/solutions/:id/publish (draft)',
    api: true,
    method: 'POST',
    url: (t) => `/api/v1/solutions/${t.draft}/publish`,
    expected: { anonymous: 401, member: 200, otherSupplier: 404, buyer: 404, admin: 403, token: 200 },
  },
  {
    route: 'POST /api/v1/solutions/:id/unpublish (published)',
    api: true,
    method: 'POST',
    url: (t) => `/api/v1/solutions/${t.published}/unpublish`,
    expected: { anonymous: 401, member: 200, otherSupplier: 403, buyer: 403, admin: 403, token: 200 },
  },
  {
    route: 'DELETE /api/v1/solutions/:id (draft)',
    api: true,
    method: 'DELETE',
    url: (t) => `/api/v1/solutions/${t.draft}`,
    expected: { anonymous: 401, member: 204, otherSupplier: 404, buyer: 404, admin: 403, token: 204 },
  },
  {
    route: 'GET /api/v1/organisations/:siret',
    api: true,
    method: 'GET',
    url: (t) => `/api/v1/organisations/${t.supplier.siret}`,
    expected: { ...ALL(200), token: 200 },
  },
  {
    route: 'GET /solutions/:id (published)',
    api: false,
    method: 'GET',
    url: (t) => `/solutions/${t.published}`,
    expected: ALL(200),
  },
  {
    route: 'GET /solutions/:id (draft)',
    api: false,
    method: 'GET',
    url: (t) => `/solutions/${t.draft}`,
    expected: { anonymous: 404, member: 200, otherSupplier: 404, buyer: 404, admin: 200 },
  },
  {
    route: 'GET /organisations/:siret',
    api: false,
    method: 'GET',
    url: (t) => `/organisations/${t.supplier.siret}`,
    expected: ALL(200),
  },
  {
    route: 'GET /mon-organisation/:siret',
    api: false,
    method: 'GET',
    url: (t) => `/mon-organisation/${t.supplier.siret}`,
    expected: { anonymous: 303, member: 200, otherSupplier: 403, buyer: 403, admin: 403 },
  },
  {
    route: 'GET /mon-organisation/:siret/solutions/nouvelle',
    api: false,
    method: 'GET',
    url: (t) => `/mon-organisation/${t.supplier.siret}/solutions/nouvelle`,
    expected: { anonymous: 303, member: 200, otherSupplier: 403, buyer: 403, admin: 403 },
  },
  {
    route: 'GET /mon-organisation/solutions/:id (draft)',
    api: false,
    method: 'GET',
    url: (t) => `/mon-organisation/solutions/${t.draft}`,
    expected: { anonymous: 303, member: 200, otherSupplier: 404, buyer: 404, admin: 403 },
  },
  {
    route: 'POST /mon-organisation/:siret/solutions/nouvelle',
    api: false,
    method: 'POST',
    url: (t) => `/mon-organisation/${t.supplier.siret}/solutions/nouvelle`,
    body: () => ({ title: 'Par formulaire' }),
    expected: { anonymous: 401, member: 303, otherSupplier: 403, buyer: 403, admin: 403 },
  },
  {
    route: 'POST /mon-organisation/solutions/:id (published)',
    api: false,
    method: 'POST',
    url: (t) => `/mon-organisation/solutions/${t.published}`,
    body: () => ({ title: 'Renommée', perimeterKind: 'national' }),
    expected: { anonymous: 401, member: 303, otherSupplier: 403, buyer: 403, admin: 403 },
  },
  {
    route: 'POST /mon-organisation/solutions/:id/publication (draft)',
    api: false,
    method: 'POST',
    url: (t) => `/mon-organisation/solutions/${t.draft}/publication`,
    expected: { anonymous: 401, member: 303, otherSupplier: 404, buyer: 404, admin: 403 },
  },
  {
    route: 'POST /mon-organisation/solutions/:id/suppression (draft)',
    api: false,
    method: 'POST',
    url: (t) => `/mon-organisation/solutions/${t.draft}/suppression`,
    expected: { anonymous: 401, member: 303, otherSupplier: 404, buyer: 404, admin: 403 },
  },
  {
    route: 'POST /mon-organisation/:siret/profil',
    api: false,
    method: 'POST',
    url: (t) => `/mon-organisation/${t.supplier.siret}/profil`,
    body: () => ({ description: 'Présentation' }),
    expected: { anonymous: 401, member: 303, otherSupplier: 403, buyer: 403, admin: 403 },
  },
  {
    route: 'GET /mon-organisation/:siret/jetons',
    api: false,
    method: 'GET',
    url: (t) => `/mon-organisation/${t.supplier.siret}/jetons`,
    expected: { anonymous: 303, member: 200, otherSupplier: 403, buyer: 403, admin: 403 },
  },
  {
    route: 'GET /admin/moderation',
    api: false,
    method: 'GET',
    url: () => '/admin/moderation',
    expected: { anonymous: 303, member: 403, otherSupplier: 403, buyer: 403, admin: 200 },
  },
  {
    route: 'POST /admin/moderation/solutions/:id/suspension',
    api: false,
    method: 'POST',
    url: (t) => `/admin/moderation/solutions/${t.published}/suspension`,
    expected: { anonymous: 401, member: 403, otherSupplier: 403, buyer: 403, admin: 303 },
  },
];

describeWithStore('authorization matrix: solutions, organisations, member pages, moderation', () => {
  let store: Store;
  let app: FastifyInstance;
  let supplier: Organisation;
  const clients = new Map<Actor, InjectClient>();
  let bearer = '';

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
    await buildCpvCode(store.db, { code: '72000000', check_digit: '5' });
    const unit = await buildSupplier(store.db, { name: 'FOURNISSEUR DE LA MATRICE' });
    supplier = await buildOrganisation(store.db, { siret: unit.head_office_siret!, name: unit.name });
    const other = await buildOrganisation(store.db);
    const buyer = await buildOrganisation(store.db, { kind: 'buyer' });
    let ip = 0;
    for (const [actor, organisation] of [
      ['member', supplier],
      ['otherSupplier', other],
      ['buyer', buyer],
      ['admin', null],
    ] as const) {
      const user = await buildUser(store.db);
      if (organisation === null) {
        await makePlatformAdmin(store.db, user.id);
      } else {
        await addMember(store.db, organisation.id, user.id, 'admin');
      }
      if (actor === 'member') {
        bearer = (await createApiToken(store.db, userActor(user.id), supplier.id, 'Matrice')).secret;
      }
      clients.set(
        actor,
        await loggedInClient(app, { email: user.email!, password: user.password }, `203.0.113.${++ip}`),
      );
    }
    clients.set('anonymous', new InjectClient(app, '203.0.113.99'));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  /** The CSRF token a well-behaved client would send with this write. */
  async function csrfFor(actor: Actor, api: boolean): Promise<string | undefined> {
    const client = clients.get(actor)!;
    if (api) {
      return actor === 'anonymous' ? undefined : (await client.get('/api/v1/me')).json().csrfToken;
    }
    const page = actor === 'anonymous' ? '/compte/connexion' : '/organisations/rattachement';
    return /name="_csrf" value="([^"]+)"/.exec((await client.get(page)).body)?.[1];
  }

  async function call(row: Row, actor: Actor, target: Target): Promise<LightMyRequestResponse> {
    const url = row.url(target);
    const body = row.body?.(target) ?? {};
    if (actor === 'token') {
      return app.inject({
        method: row.method,
        url,
        headers: { authorization: `Bearer ${bearer}` },
        ...(row.method === 'GET' ? {} : { payload: body }),
      });
    }
    const client = clients.get(actor)!;
    if (row.method === 'GET') {
      return client.get(url);
    }
    const token = await csrfFor(actor, row.api);
    if (row.api) {
      return client.request({
        method: row.method,
        url,
        headers: token === undefined ? {} : { 'x-csrf-token': token },
        ...(row.method === 'DELETE' ? {} : { payload: body }),
      });
    }
    return client.post(url, {
      ...(body as Record<string, string>),
      ...(token === undefined ? {} : { _csrf: token }),
    });
  }

  it('answers every route × actor as the policy says', async () => {
    const actual: Record<string, Partial<Record<Actor, number>>> = {};
    const expected: Record<string, Partial<Record<Actor, number>>> = {};
    for (const row of ROWS) {
      expected[row.route] = row.expected;
      actual[row.route] = {};
      for (const actor of Object.keys(row.expected) as Actor[]) {
        const target = {
          supplier,
          draft: (await buildSolution(store.db, supplier)).id,
          published: (await buildSolution(store.db, supplier, { status: 'published' })).id,
        };
        actual[row.route]![actor] = (await call(row, actor, target)).statusCode;
      }
    }
    expect(actual).toEqual(expected);
  });

  it('refuses a form post without its CSRF token (403) and a session API write without X-CSRF-Token (403)', async () => {
    const member = clients.get('member')!;
    const draft = await buildSolution(store.db, supplier);
    const form = await member.post(`/mon-organisation/solutions/${draft.id}/publication`, {});
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('Ce formulaire a expiré ou ne vient pas d’Amont');
    const api = await member.request({ method: 'POST', url: `/api/v1/solutions/${draft.id}/publish` });
    expect(api.statusCode).toBe(403);
    expect(api.json().error.code).toBe('auth.csrf_rejected');
    expect(api.json().error.message).toContain('X-CSRF-Token, donné par GET /api/v1/me');
    const status = await store.db
      .selectFrom('solutions')
      .select('status')
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('draft');
  });

  it('refuses an unknown or revoked API token with 401, even on a read', async () => {
    const res = await app.inject({
      url: `/api/v1/organisations/${supplier.siret}`,
      headers: { authorization: 'Bearer amont_inconnu' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.unauthenticated');
  });
});
