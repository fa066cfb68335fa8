import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { importDecp } from '../../../ingest/decp/import-decp.ts';
import { ImportRun, type ImportReport } from '../../../ingest/import-run.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';
import { qualityFlagLabel } from '../../../domain/imports/index.ts';
import { formatDuration, formatParisDateTime } from './import-run.view.ts';

const realFile = sharedDataPath('decp', 'real-v1-2019', 'e-marchespublics.json');
const fixtures = path.resolve(import.meta.dirname, '../../../../test/fixtures/decp');
const rejectionsFile = path.join(fixtures, 'rejections-2019.json');
const dirtyFile = path.join(fixtures, 'dirty-values-2019.json');
const hasRealFile = hasSharedData('decp', 'real-v1-2019', 'e-marchespublics.json');
const SECRET_DIR = '/srv/amont-secret';
const OUTCOMES = ['read', 'inserted', 'updated', 'unchanged', 'duplicate', 'rejected'] as const;

const frNumber = (n: number) => new Intl.NumberFormat('fr-FR').format(n);

/** Visible text of an HTML page, tags removed and spaces (NBSP included) collapsed, entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The run ids linked from the journal table, in order. */
function runLinks(html: string): number[] {
  return [...html.matchAll(/class="govuk-link amont-import-link" href="\/donnees\/imports\/(\d+)"/g)].map(
    (m) => Number(m[1]),
  );
}

/** The visible cells of the journal row of a run. */
function rowCells(html: string, runId: number): string[] {
  const row = [...html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .map((m) => m[1]!)
    .find((r) => r.includes(`href="/donnees/imports/${runId}"`));
  expect(row, `row of run ${runId}`).toBeDefined();
  return [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!));
}

/** The number shown in `<span data-count="key">`. */
function shownCount(html: string, key: string): string | undefined {
  return new RegExp(`data-count="${key}">([^<]*)<`).exec(html)?.[1];
}

describe('formatParisDateTime and formatDuration', () => {
  it('writes instants in Paris time, winter and summer, with « 1er »', () => {
    expect(formatParisDateTime(new Date('2026-11-30T13:05:00Z'))).toBe('30 novembre 2026 à 14 h 05');
    expect(formatParisDateTime(new Date('2026-07-01T06:30:00Z'))).toBe('1er juillet 2026 à 8 h 30');
    expect(formatParisDateTime(new Date('2026-12-31T23:10:00Z'))).toBe('1er janvier 2027 à 0 h 10');
  });

  it('writes durations in French', () => {
    expect([400, 12_000, 185_000, 3_725_000].map(formatDuration)).toEqual([
      'moins d’une seconde',
      '12 s',
      '3 min 05 s',
      '1 h 02 min',
    ]);
  });
});

describeWithStore('pages /donnees', () => {
  let store: Store;
  let app: FastifyInstance;
  let real: ImportReport | undefined;
  let rejected: ImportReport;
  let dirty: ImportReport;
  let sirene: ImportReport;
  let failed: ImportReport;
  let running: ImportRun;
  let seedId: number;
  let firstCpvId: number;

  beforeAll(async () => {
    store = await openTestStore();
    const db = store.db;
    // 18 older CPV runs so that the journal has two pages.
    for (let i = 0; i < 18; i++) {
      const run = await ImportRun.start(db, 'cpv', `${SECRET_DIR}/cpv/cpv_2008-${i}.csv`);
      run.record('inserted');
      await run.finish();
      if (i === 0) {
        firstCpvId = run.runId;
      }
    }
    const failing = await ImportRun.start(db, 'cpv', `${SECRET_DIR}/cpv/truncated.csv`);
    failing.reject({ position: 'ligne 2', reason: 'Fichier tronqué' });
    failed = await failing.finish('failed');
    running = await ImportRun.start(db, 'communes', `${SECRET_DIR}/geo/communes_geo.csv`);
    running.record('inserted');
    await running.flush();
    if (hasRealFile) {
      real = await importDecp(db, realFile);
    }
    dirty = await importDecp(db, dirtyFile);
    rejected = await importDecp(db, rejectionsFile);
    // A SIRENE run with 55 rejections (two pages of 50), known and unknown flags and another figure.
    const run = await ImportRun.start(db, 'sirene', `${SECRET_DIR}/sirene/StockEtablissement_extrait.csv`);
    for (let i = 0; i < 5; i++) {
      run.record('inserted');
    }
    for (let i = 0; i < 55; i++) {
      run.reject({
        position: `ligne ${i + 2}`,
        reason: `SIRET invalide n° ${i + 1}`,
        excerpt: `<b>${i + 1}</b>;SIRET`,
      });
    }
    run.bump('flag.naf_invalid', 3);
    run.bump('flag.brand_new_flag', 2);
    run.bump('supplier.head_office_set', 4);
    sirene = await run.finish();
    const seed = await db
      .insertInto('import_runs')
      .values({ kind: 'seed', file: SECRET_DIR, status: 'done', finished_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    seedId = seed.id;
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const runCount = () => 18 + 4 + (hasRealFile ? 1 : 0) + 1;

  describe('GET /donnees', () => {
    it('lists 20 runs, newest first, with kind, base name, Paris date, status and counts', async () => {
      const res = await app.inject('/donnees');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const text = textOf(res.body);
      expect(text).toContain('Données importées');
      expect(text).toContain(`${runCount()} imports, du plus récent au plus ancien · page 1 sur 2`);
      const links = runLinks(res.body);
      expect(links).toHaveLength(20);
      expect(links.slice(0, 2)).toEqual([sirene.runId, rejected.runId]);
      expect(links).not.toContain(seedId);
      expect(res.body).toContain('href="/donnees?page=2" rel="next"');

      const cells = rowCells(res.body, sirene.runId);
      expect(cells[0]).toBe(`StockEtablissement_extrait.csv SIRENE · import n° ${sirene.runId}`);
      const started = await store.db
        .selectFrom('import_runs')
        .select('started_at')
        .where('id', '=', sirene.runId)
        .executeTakeFirstOrThrow();
      expect(res.body).toContain(`<time datetime="${started.started_at.toISOString()}">`);
      expect(cells[1]).toBe(formatParisDateTime(started.started_at));
      expect(cells[1]).toMatch(/^(1er|\d{1,2}) [a-zéû]+ \d{4} à \d{1,2} h \d{2}$/);
      expect(cells[2]).toBe('terminé');
      expect(cells.slice(3)).toEqual(OUTCOMES.map((k) => frNumber(sirene.counts[k])));

      expect(rowCells(res.body, running.runId).slice(0, 3)).toEqual([
        `communes_geo.csv Communes · import n° ${running.runId}`,
        expect.any(String),
        'en cours',
      ]);
      expect(rowCells(res.body, failed.runId)[2]).toBe('échoué');
      expect(rowCells(res.body, failed.runId)[0]).toContain('Nomenclature CPV');
      expect(rowCells(res.body, rejected.runId).slice(3)).toEqual(
        OUTCOMES.map((k) => frNumber(rejected.counts[k])),
      );
      // Never the server paths.
      expect(res.body).not.toContain(SECRET_DIR);
      expect(res.body).not.toContain(path.dirname(rejectionsFile));
      expect(res.body).not.toContain(path.dirname(realFile));
    });

    it.skipIf(!hasRealFile)('shows the counts of a real DECP import as its report gives them', async () => {
      const res = await app.inject('/donnees');
      const cells = rowCells(res.body, real!.runId);
      expect(cells[0]).toBe(`e-marchespublics.json DECP · import n° ${real!.runId}`);
      expect(cells.slice(3)).toEqual(OUTCOMES.map((k) => frNumber(real!.counts[k])));
      expect(real!.counts.read).toBe(470);
    });

    it('sums the DECP files and shows what the directory holds, so that the counts can be checked', async () => {
      const res = await app.inject('/donnees');
      const decpRuns = [rejected, dirty, ...(real ? [real] : [])];
      for (const key of OUTCOMES) {
        const sum = decpRuns.reduce((n, r) => n + r.counts[key], 0);
        expect(shownCount(res.body, key), key).toBe(frNumber(sum));
      }
      const read = decpRuns.reduce((n, r) => n + r.counts.read, 0);
      const parts = OUTCOMES.slice(1).map((k) => decpRuns.reduce((n, r) => n + r.counts[k], 0));
      expect(read).toBe(parts.reduce((a, b) => a + b, 0));
      const equation = /<p class="govuk-body" data-equation>([\s\S]*?)<\/p>/.exec(res.body)?.[1];
      expect(textOf(equation ?? '')).toBe(
        `${frNumber(read)} lus = ${frNumber(parts[0]!)} importés + ${frNumber(parts[1]!)} mis à jour + ` +
          `${frNumber(parts[2]!)} inchangés + ${frNumber(parts[3]!)} doublons fusionnés + ` +
          `${frNumber(parts[4]!)} rejetés`,
      );
      for (const table of ['contracts', 'buyers', 'suppliers'] as const) {
        const { n } = await store.db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        expect(n).toBeGreaterThan(0);
        expect(new RegExp(`data-store="${table}">([^<]*)<`).exec(res.body)?.[1], table).toBe(frNumber(n));
      }
      expect(textOf(res.body)).toContain(`Dernier import de chacun des ${decpRuns.length} fichiers DECP :`);
    });

    it('shows the second page with the oldest runs and a link back', async () => {
      const res = await app.inject('/donnees?page=2');
      expect(res.statusCode).toBe(200);
      const links = runLinks(res.body);
      expect(links).toHaveLength(runCount() - 20);
      expect(links.at(-1)).toBe(firstCpvId);
      expect(res.body).toContain('href="/donnees" rel="prev"');
    });

    it('says when a page is past the end', async () => {
      const res = await app.inject('/donnees?page=40');
      expect(res.statusCode).toBe(200);
      expect(runLinks(res.body)).toEqual([]);
      expect(textOf(res.body)).toContain('Cette page est au-delà de la dernière page du journal.');
    });

    it('answers 400 to a page that is not a positive integer', async () => {
      for (const page of ['abc', '0', '1.5']) {
        const res = await app.inject(`/donnees?page=${page}`);
        expect(res.statusCode, page).toBe(400);
        expect(res.headers['content-type']).toContain('text/html');
        expect(textOf(res.body)).toContain('Le paramètre « page »');
      }
    });

    it('has a « Données » link in the service navigation and in the footer, marked current here', async () => {
      const res = await app.inject('/donnees');
      expect(res.body).toMatch(/govuk-service-navigation__item--active[\s\S]{0,300}href="\/donnees"/);
      expect(res.body).toContain('<a class="govuk-footer__link" href="/donnees">Données importées</a>');
      const home = await app.inject('/');
      expect(home.body).toContain('href="/donnees"');
    });
  });

  describe('GET /donnees/imports/:id', () => {
    it('shows the counts, flags, other figures and the first 50 rejections of a run', async () => {
      const res = await app.inject(`/donnees/imports/${sirene.runId}`);
      expect(res.statusCode).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain(`SIRENE · import n° ${sirene.runId}`);
      expect(text).toContain('StockEtablissement_extrait.csv');
      expect(res.body).not.toContain(SECRET_DIR);
      for (const key of OUTCOMES) {
        expect(shownCount(res.body, key), key).toBe(frNumber(sirene.counts[key]));
      }
      expect(text).toContain(
        '60 lus = 5 importés + 0 mis à jour + 0 inchangés + 0 doublons fusionnés + 55 rejetés',
      );
      expect(text).toContain('Code NAF invalide naf_invalid 3');
      expect(text).toContain('brand_new_flag brand_new_flag 2');
      expect(text).toContain(
        'Unités légales dont ce fichier a renseigné le siège supplier.head_office_set 4',
      );
      expect(text).toContain('55 enregistrements rejetés');
      const rows = [...res.body.matchAll(/<code class="amont-import-excerpt">([^<]*)<\/code>/g)].map(
        (m) => m[1],
      );
      expect(rows).toHaveLength(50);
      expect(rows[0]).toBe('&lt;b&gt;1&lt;/b&gt;;SIRET');
      expect(text).toContain('ligne 2 SIRET invalide n° 1 <b>1</b>;SIRET');
      expect(text).toContain('Page 1 sur 2');
      expect(res.body).toContain(`href="/donnees/imports/${sirene.runId}?page=2" rel="next"`);
    });

    it('shows the remaining rejections on the second page', async () => {
      const res = await app.inject(`/donnees/imports/${sirene.runId}?page=2`);
      const text = textOf(res.body);
      const rows = [...res.body.matchAll(/<code class="amont-import-excerpt">([^<]*)<\/code>/g)];
      expect(rows).toHaveLength(5);
      expect(text).toContain('ligne 56 SIRET invalide n° 55');
      expect(res.body).toContain(`href="/donnees/imports/${sirene.runId}" rel="prev"`);
    });

    it('lists the rejections of a DECP file with their position, reason and excerpt, as reported', async () => {
      const res = await app.inject(`/donnees/imports/${rejected.runId}`);
      expect(res.statusCode).toBe(200);
      const text = textOf(res.body);
      expect(text).toContain('rejections-2019.json');
      expect(res.body).not.toContain(path.dirname(rejectionsFile));
      for (const key of OUTCOMES) {
        expect(shownCount(res.body, key), key).toBe(frNumber(rejected.counts[key]));
      }
      expect(rejected.rejections.length).toBe(rejected.counts.rejected);
      expect(text).toContain(`${rejected.counts.rejected} enregistrements rejetés`);
      for (const r of rejected.rejections) {
        expect(text).toContain(`${r.position} ${r.reason}`);
      }
      const codes = Object.keys(rejected.extra).filter((k) => k.startsWith('rejected.'));
      expect(codes.length).toBeGreaterThan(0);
      for (const code of codes) {
        expect(text).toContain(`${code} ${frNumber(rejected.extra[code]!)}`);
      }
      expect(text).toContain('Rejets : identifiant de l’acheteur absent rejected.buyer_missing');
    });

    it('shows the quality flags of a DECP import with their French label and count', async () => {
      const res = await app.inject(`/donnees/imports/${dirty.runId}`);
      const text = textOf(res.body);
      const flags = Object.entries(dirty.extra).filter(([k]) => k.startsWith('flag.'));
      expect(flags.length).toBeGreaterThan(3);
      for (const [key, n] of flags) {
        const name = key.slice('flag.'.length);
        const label = qualityFlagLabel(name);
        expect(label, name).not.toBeNull();
        expect(text).toContain(`${label} ${name} ${frNumber(n)}`);
      }
      expect(text).toContain(
        `Montant illisible ou négatif amount_invalid ${frNumber(dirty.extra['flag.amount_invalid']!)}`,
      );
      expect(text).toContain('Aucun enregistrement rejeté');
    });

    it.skipIf(!hasRealFile)('shows the report of a real DECP import', async () => {
      const res = await app.inject(`/donnees/imports/${real!.runId}`);
      const text = textOf(res.body);
      expect(text).toContain(`DECP · import n° ${real!.runId}`);
      expect(text).toContain('e-marchespublics.json');
      expect(res.body).not.toContain(path.dirname(realFile));
      for (const key of OUTCOMES) {
        expect(shownCount(res.body, key), key).toBe(frNumber(real!.counts[key]));
      }
      const flags = Object.entries(real!.extra).filter(([k]) => k.startsWith('flag.'));
      expect(text).toContain(
        flags.length === 0 ? 'Aucun signalement de qualité pour cet import.' : 'Signalement',
      );
      expect(text).toContain(
        real!.counts.rejected === 0
          ? 'Aucun enregistrement rejeté'
          : `${frNumber(real!.counts.rejected)} enregistrement`,
      );
    });

    it('shows a run in progress and a failed run with their status', async () => {
      const inProgress = textOf((await app.inject(`/donnees/imports/${running.runId}`)).body);
      expect(inProgress).toContain('en cours');
      expect(inProgress).toContain('Import en cours');
      expect(inProgress).toContain('Aucun enregistrement rejeté');
      const broken = textOf((await app.inject(`/donnees/imports/${failed.runId}`)).body);
      expect(broken).toContain('échoué');
      expect(broken).toContain('ligne 2 Fichier tronqué —');
    });

    it('answers 404 for an unknown run and for the seed marker', async () => {
      for (const id of [999_999, seedId]) {
        const res = await app.inject(`/donnees/imports/${id}`);
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toContain('text/html');
        expect(textOf(res.body)).toContain(`Aucun import n° ${id} ne figure dans le journal`);
      }
    });

    it('answers 400 to an id that is not a positive integer', async () => {
      for (const id of ['abc', '1.5', '0', '-3', '99999999999']) {
        const res = await app.inject(`/donnees/imports/${id}`);
        expect(res.statusCode, id).toBe(400);
        expect(textOf(res.body)).toContain('Le paramètre « id »');
      }
    });
  });
});

describeWithStore('page /donnees on an empty store', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    // A seed marker alone is no import.
    await store.db
      .insertInto('import_runs')
      .values({ kind: 'seed', file: SECRET_DIR, status: 'done', finished_at: new Date() })
      .execute();
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('tells how to import the open data', async () => {
    const res = await app.inject('/donnees');
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Aucune donnée importée pour l’instant : lancez amont seed');
    expect(res.body).toContain('<code>amont seed</code>');
    expect(res.body).not.toContain('govuk-table');
    expect(res.body).not.toContain(SECRET_DIR);
  });
});
