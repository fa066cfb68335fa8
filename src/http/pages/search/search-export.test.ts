import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HTTP_SUPPLIERS,
  loadHttpSearchFixture,
} from '../../../../test/fixtures/search/http-search-fixture.ts';
import { S } from '../../../../test/fixtures/search/search-fixture.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { todayInParis, type IsoDate } from '../../../domain/shared/index.ts';
import { createPostgresSearchIndex } from '../../../search/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';
import { EMPTY_SEARCH } from '../../search-params.ts';
import { searchExtract } from '../../search-run.ts';
import { exportFileName } from './search-export.ts';

describe('exportFileName', () => {
  it('dates the file and says when the list was cut', () => {
    const day = '2026-12-01' as IsoDate;
    expect(exportFileName(day, 12, 12)).toBe('amont-recherche-2026-12-01.csv');
    expect(exportFileName(day, 12_345, 5000)).toBe('amont-recherche-2026-12-01-5000-premiers-sur-12345.csv');
    expect(exportFileName(day, 10_000, 5000, true)).toBe('amont-recherche-2026-12-01-5000-premiers.csv');
  });
});

describeWithStore('GET /recherche.csv', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    await loadHttpSearchFixture(store.db);
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('exports the results for Excel FR: BOM, « ; », CRLF, identifiers as text, formulas neutralised', async () => {
    const res = await app.inject({
      url: '/recherche.csv?q=capteurs&near=Rennes&radiusKm=20',
      headers: { host: 'amont.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="amont-recherche-${todayInParis()}.csv"`,
    );
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines[0]).toBe(
      'SIREN;Nom;Code NAF;Activité principale (NAF);Code commune INSEE;Commune;Code département;Département;' +
        'Région;Taille;ESS;Marchés publics remportés;A remporté un marché innovant;Distance (km);' +
        'Score de pertinence;Fiche Amont',
    );
    // Same rows, same order as the page (and the API): the 4 suppliers mentioning capteurs within 20 km.
    const api = (await app.inject('/api/v1/search?q=capteurs&near=35238&radiusKm=20')).json();
    const rows = parse(text, { delimiter: ';', record_delimiter: '\r\n', columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.SIREN)).toEqual(api.results.map((r: { siren: string }) => `="${r.siren}"`));

    const script = HTTP_SUPPLIERS.script.siren;
    expect(script.startsWith('0')).toBe(true);
    expect(lines.some((line) => line.startsWith(`"=""${script}""";`))).toBe(true);
    const formula = rows.find((r) => r.SIREN === `="${HTTP_SUPPLIERS.formula.siren}"`)!;
    expect(formula.Nom).toBe(`'${HTTP_SUPPLIERS.formula.name}`);
    expect(text).toContain(`"'=HYPERLINK(""http://exemple.invalid"";""capteurs"")"`);
    const aqua = rows.find((r) => r.SIREN === `="${S.aquaOuest}"`)!;
    expect(aqua).toMatchObject({
      'Code NAF': '="36.00Z"',
      'Code commune INSEE': '="35047"',
      Commune: 'Bruz',
      'Code département': '="35"',
      Département: 'Ille-et-Vilaine',
      Région: 'Bretagne',
      Taille: 'PME',
      ESS: 'non',
      'Marchés publics remportés': '2',
      'Distance (km)': String(
        api.results.find((r: { siren: string }) => r.siren === S.aquaOuest).distanceKm,
      ).replace('.', ','),
      'Fiche Amont': `http://amont.example/fournisseurs/${S.aquaOuest}`,
    });
  });

  it('leaves the distance out without a commune, and refuses what the page refuses', async () => {
    const res = await app.inject('/recherche.csv?ess=1');
    expect(res.body.split('\r\n')[0]).not.toContain('Distance');
    expect(res.body.split('\r\n')).toHaveLength(2 + 2); // header, 2 ESS suppliers, final CRLF
    const ambiguous = await app.inject('/recherche.csv?near=Saint-Denis');
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.body).toContain('Saint-Denis (93), Saint-Denis (974)');
    expect((await app.inject('/recherche.csv?radiusKm=-3')).statusCode).toBe(400);
  });

  it('collects the first N results over several engine pages, in ranking order', async () => {
    const index = createPostgresSearchIndex(store.db);
    const params = { ...EMPTY_SEARCH, hasContracts: true };
    const onePage = await index.search({ hasContracts: true, perPage: 10 });
    const extract = await searchExtract(store.db, index, params, null, 10, 3);
    expect(extract.total).toBe(onePage.total);
    expect(extract.results.map((r) => r.siren)).toEqual(onePage.results.map((r) => r.siren));
    const all = await searchExtract(store.db, index, params, null, 1000, 4);
    expect(all.results).toHaveLength(onePage.total);
  });
});
