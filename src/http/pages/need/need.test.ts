import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOLDER_SIRETS,
  HOLDERS,
  majorityCode,
  NEED_CONTRACTS,
} from '../../../../test/fixtures/cpv-suggest/need-contracts.ts';
import {
  cpvListAvailable,
  openNeedStore,
  type NeedStore,
} from '../../../../test/fixtures/cpv-suggest/need-store.ts';
import { describeWithStore } from '../../../../test/setup/test-store.ts';
import { reindexAll } from '../../../search/index.ts';
import { buildApp } from '../../app.ts';

/** Visible text of an HTML page: tags removed, spaces collapsed, the entities Nunjucks writes decoded. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describeWithStore('page /besoin', () => {
  let need: NeedStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    need = await openNeedStore();
    await reindexAll(need.store.db);
    app = await buildApp({ store: need.store });
  });
  afterAll(async () => {
    await app.close();
    await need.close();
  });

  describe('GET /besoin', () => {
    it('shows the form, sent by GET, and the entry of the main menu', async () => {
      const res = await app.inject('/besoin');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toMatch(/<form action="\/besoin" method="get"/);
      expect(res.body).toMatch(/<textarea[^>]*name="q"/);
      expect(res.body).toMatch(/<h1[^>]*>Décrire mon besoin<\/h1>/);
      expect(res.body).toMatch(
        /<a class="govuk-service-navigation__link" href="\/besoin" aria-current="true"/,
      );
      expect(textOf(res.body)).not.toContain('Codes CPV suggérés');
    });

    it.skipIf(!cpvListAvailable)(
      'lists the suggested codes with their reasons, each linking to the search within that code',
      async () => {
        const q = 'entretien des espaces verts';
        const res = await app.inject({ url: '/besoin', query: { q } });
        expect(res.statusCode).toBe(200);
        const expected = majorityCode(/espaces verts/i);
        const entry = await need.store.db
          .selectFrom('cpv_codes')
          .select(['check_digit', 'label'])
          .where('code', '=', expected)
          .executeTakeFirstOrThrow();
        const codes = [...res.body.matchAll(/data-code="(\d{8}-\d)"/g)].map((m) => m[1]);
        expect(codes).toHaveLength(5);
        expect(codes[0]).toBe(`${expected}-${entry.check_digit}`);
        const text = textOf(res.body);
        expect(text).toContain(`${expected}-${entry.check_digit} – ${entry.label}`);
        expect(text).toContain('libellé CPV : mots « entretien », « espaces », « verts »');
        const objects = NEED_CONTRACTS.filter((c) => c.cpv === expected);
        expect(text).toMatch(
          new RegExp(`\\d+ marchés aux objets proches : « (${objects.map((c) => c.object).join('|')})`),
        );
        // The need's words found suppliers, so the links keep them.
        expect(res.body).toContain(
          `href="/recherche?cpv=${expected}&amp;q=${new URLSearchParams({ q }).toString().slice(2)}"`,
        );
        expect(res.body).toMatch(/<textarea[^>]*>entretien des espaces verts<\/textarea>/);
      },
    );

    it.skipIf(!cpvListAvailable)(
      'lists the suppliers found within the suggested codes, with their reasons',
      async () => {
        const res = await app.inject({ url: '/besoin', query: { q: 'entretien des espaces verts' } });
        const gardener = NEED_CONTRACTS.find((c) => /espaces verts/i.test(c.object))!.holder;
        const siren = HOLDER_SIRETS[gardener]!.slice(0, 9);
        const item = new RegExp(
          `<li class="amont-need-supplier">\\s*<a class="govuk-link govuk-!-font-weight-bold" href="/fournisseurs/${siren}">([^<]+)</a>[\\s\\S]*?</li>\\s*</ul>`,
        ).exec(res.body);
        expect(item?.[1]).toBe(HOLDERS[gardener]);
        expect(textOf(item?.[0] ?? '')).toMatch(/« entretien »/);
        // A supplier with no contract in these codes is not listed.
        const cook = NEED_CONTRACTS.find((c) => /restauration/i.test(c.object))!.holder;
        expect(res.body).not.toContain(`/fournisseurs/${HOLDER_SIRETS[cook]!.slice(0, 9)}`);
      },
    );

    it('answers 400 with the error on the field for a blank need', async () => {
      const res = await app.inject({ url: '/besoin', query: { q: '   ' } });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain('href="#q"');
      expect(res.body).toMatch(/<textarea class="govuk-textarea govuk-textarea--error"/);
      expect(textOf(res.body)).toContain('Décrivez votre besoin en quelques mots');
      expect(res.body).toMatch(/<title>Erreur : Décrire mon besoin/);
    });

    it('says so when nothing resembles the need', async () => {
      const res = await app.inject({ url: '/besoin', query: { q: 'de la et des' } });
      expect(res.statusCode).toBe(200);
      expect(textOf(res.body)).toContain('Aucun code CPV ne ressemble à « de la et des »');
      expect(textOf(res.body)).not.toContain('Fournisseurs dont');
    });
  });
});
