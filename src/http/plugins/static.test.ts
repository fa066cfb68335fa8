import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { buildApp } from '../app.ts';
import { rebrandCss, SYSTEM_FONT_STACK } from './static.ts';

describe('rebrandCss', () => {
  it('removes the GDS Transport typeface and uses the system fonts', () => {
    const css =
      '@font-face{font-family:GDS Transport;src:url(/assets/fonts/light.woff2)}' +
      '.govuk-body{font-family:GDS Transport,arial,sans-serif;color:red}';
    expect(rebrandCss(css)).toBe(`.govuk-body{font-family:${SYSTEM_FONT_STACK};color:red}`);
  });
});

describeWithStore('static assets', () => {
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

  it('serves the design-system CSS without the GDS Transport typeface', async () => {
    for (const url of ['/assets/govuk-frontend.min.css', '/assets/moj-frontend.min.css']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/css');
      expect(res.body.length).toBeGreaterThan(50_000);
      expect(res.body).not.toContain('GDS Transport');
      expect(res.body).not.toContain('@font-face');
      expect(res.body).toContain(SYSTEM_FONT_STACK);
    }
  });

  it('answers 304 when the CSS did not change', async () => {
    const first = await app.inject('/assets/govuk-frontend.min.css');
    const again = await app.inject({
      url: '/assets/govuk-frontend.min.css',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });

  it('serves our own CSS, favicon and script, the design-system JS, but no GOV.UK image or font', async () => {
    expect((await app.inject('/assets/amont.css')).body).toContain('--amont-brand');
    expect((await app.inject('/assets/favicon.svg')).statusCode).toBe(200);
    expect((await app.inject('/assets/init.js')).body).toContain('initAll');
    const js = await app.inject('/assets/govuk-frontend.min.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    for (const url of [
      '/assets/images/govuk-crest.svg',
      '/assets/images/favicon.ico',
      '/assets/fonts/bold-b542beb274-v2.woff2',
    ]) {
      expect((await app.inject(url)).statusCode, url).toBe(404);
    }
  });

  it('serves accessible-autocomplete and the commune enhancement of the search page, without source maps', async () => {
    const js = await app.inject('/assets/accessible-autocomplete.min.js');
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toContain('accessibleAutocomplete');
    const css = await app.inject('/assets/accessible-autocomplete.min.css');
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('.autocomplete__input');
    for (const body of [js.body, css.body]) {
      expect(body).not.toContain('sourceMappingURL');
    }
    expect((await app.inject('/assets/commune-autocomplete.js')).body).toContain('/api/v1/communes');
    expect((await app.inject('/assets/search.css')).statusCode).toBe(200);
  });
});
