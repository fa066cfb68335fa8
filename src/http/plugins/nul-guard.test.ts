import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildBuyerMember } from '../../../test/factories/projects.ts';
import { loggedInClient } from '../../../test/setup/inject-client.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { buildApp } from '../app.ts';

/** A NUL character anywhere in a request is a 400 naming the field, never a 500 from PostgreSQL. */
describeWithStore('NUL guard', () => {
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

  it('answers 400 with the field for a NUL in a query string, a JSON body or a form', async () => {
    for (const url of [
      '/projets?q=%00',
      '/projets/flux.atom?q=a%00b',
      '/recherche?q=%00',
      '/fournisseurs?q=%00',
    ]) {
      const res = await app.inject(url);
      expect([url, res.statusCode], res.body.slice(0, 300)).toEqual([url, 400]);
      expect(res.body).toContain('contient un caractère interdit');
    }
    const api = await app.inject('/api/v1/projects?q=x%00');
    expect([api.statusCode, api.json().error]).toEqual([
      400,
      {
        code: 'request.invalid_character',
        message:
          'Le champ « q » contient un caractère interdit (le caractère nul, code 0) : retirez-le et envoyez à nouveau.',
        details: { field: 'q', in: 'querystring' },
      },
    ]);

    const buyer = await buildBuyerMember(store.db);
    const client = await loggedInClient(
      app,
      { email: buyer.user.email!, password: buyer.user.password },
      '203.0.113.9',
    );
    const csrf = (await client.get('/api/v1/me')).json().csrfToken;
    const json = await client.request({
      method: 'POST',
      url: '/api/v1/projects',
      headers: { 'x-csrf-token': csrf },
      payload: {
        organisationId: buyer.organisation.id,
        title: 'Nul\u0000titre',
        need: 'Un besoin.',
        procedure: 'MAPA',
      },
    });
    expect([json.statusCode, json.json().error.details]).toEqual([400, { field: 'title', in: 'body' }]);
    const form = await client.submit(
      `/mon-organisation/${buyer.organisation.siret}/projets/nouveau`,
      `/mon-organisation/${buyer.organisation.siret}/projets/nouveau`,
      { title: 'Nul\u0000titre', need: 'Un besoin.', procedure: 'MAPA' },
    );
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('Le champ « title » contient un caractère interdit');
    // Nothing was created.
    const count = await store.db
      .selectFrom('purchase_projects')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
