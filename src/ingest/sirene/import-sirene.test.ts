import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../store/database.ts';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { ImportReport } from '../import-run.ts';
import { importSirene } from './import-sirene.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/sirene');
const fixture = (name: string) => path.join(fixtures, name);
const flagFile = sharedDataPath('sirene', 'ess_numerique_sirene_flag_ess.csv');
const enrichedFile = sharedDataPath('sirene', 'ess_numerique_enriched.csv');
const withData =
  hasSharedData('sirene', 'ess_numerique_enriched.csv') &&
  hasSharedData('sirene', 'ess_numerique_sirene_flag_ess.csv');

/** The file's records as objects, read with csv-parse's sync API (independent of the importer's code). */
function readRecords(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
}

async function suppliersBySiren(store: Store, sirens: string[]) {
  const rows = await store.db.selectFrom('suppliers').selectAll().where('siren', 'in', sirens).execute();
  return new Map(rows.map((r) => [r.siren, r]));
}

/** siren → updated_at (ms), to show that a second import touched no row. */
async function updatedAts(store: Store, table: 'suppliers' | 'establishments'): Promise<Map<string, number>> {
  const rows =
    table === 'suppliers'
      ? await store.db.selectFrom('suppliers').select(['siren as key', 'updated_at']).execute()
      : await store.db.selectFrom('establishments').select(['siret as key', 'updated_at']).execute();
  return new Map(rows.map((r) => [r.key, r.updated_at.getTime()]));
}

async function countRows(
  store: Store,
  table: 'suppliers' | 'establishments' | 'import_runs',
): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

describeWithStore('importSirene on the real ESS extracts', () => {
  let store: Store;
  let flagReport: ImportReport;
  let enrichedReport: ImportReport;
  let afterFlag: Map<string, { ess: boolean | null; naf_code: string | null; name: string }>;
  beforeAll(async () => {
    store = await openTestStore();
    if (withData) {
      flagReport = await importSirene(store.db, flagFile);
      const rows = await store.db
        .selectFrom('suppliers')
        .select(['siren', 'ess', 'naf_code', 'name'])
        .execute();
      afterFlag = new Map(rows.map((r) => [r.siren, r]));
      enrichedReport = await importSirene(store.db, enrichedFile);
    }
  });
  afterAll(() => store.close());

  it.skipIf(!withData)('creates one supplier per legal unit of the INSEE-named extract', async () => {
    const records = readRecords(flagFile);
    expect(records).toHaveLength(3375);
    expect(flagReport.counts).toEqual({
      read: 3375,
      inserted: 3375,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
    });
    // INSEE masked a value (« [ND] ») in 3 rows: they are stored non-diffusible.
    expect(flagReport.extra).toEqual({
      'flag.non_diffusible_mask': records.filter((r) => Object.values(r).includes('[ND]')).length,
    });
    expect(flagReport.extra['flag.non_diffusible_mask']).toBe(3);
    expect(afterFlag.size).toBe(3375);
    // Every unit of the extract is flagged ESS by INSEE (economieSocialeSolidaireUniteLegale = O).
    expect(records.every((r) => r.economieSocialeSolidaireUniteLegale === 'O')).toBe(true);
    expect([...afterFlag.values()].every((s) => s.ess === true)).toBe(true);
    for (const r of records) {
      expect(afterFlag.get(r.siren!)?.naf_code).toBe(r.activitePrincipaleUniteLegale);
    }
  });

  it.skipIf(!withData)(
    'maps a real row of the enriched extract, repairing its float-rendered codes',
    async () => {
      const row = readRecords(enrichedFile).find((r) => r.siren === '923542633');
      expect(row).toMatchObject({
        code_postal: '67100.0',
        categorie_juridique: '9260.0',
        siret_siege: '92354263300014',
      });
      const supplier = (await suppliersBySiren(store, ['923542633'])).get('923542633');
      expect(supplier).toMatchObject({
        name: 'CYBERGRANGE',
        name_source: 'sirene',
        naf_code: '62.02A',
        legal_category: '9260',
        employee_band: 'NN',
        size_category: 'PME',
        ess: true,
        diffusible: true,
        head_office_siret: '92354263300014',
        postal_code: '67100',
        commune_code: null,
        created_on: '2023-04-27',
        active: true,
      });
    },
  );

  it.skipIf(!withData)(
    'counts the enriched extract exactly, rejecting the rows matched by name scoring',
    async () => {
      const records = readRecords(enrichedFile);
      expect(records).toHaveLength(3667);
      const scored = records.filter((r) => r.methode_jointure !== 'siren_direct');
      const accepted = records.filter((r) => r.methode_jointure === 'siren_direct');
      const newSirens = accepted.filter((r) => !afterFlag.has(r.siren!));
      expect(scored).toHaveLength(38);
      expect(enrichedReport.counts.read).toBe(3667);
      expect(enrichedReport.counts.rejected).toBe(scored.length);
      expect(enrichedReport.counts.inserted).toBe(newSirens.length);
      expect(enrichedReport.counts.updated + enrichedReport.counts.unchanged).toBe(
        accepted.length - newSirens.length,
      );
      expect(enrichedReport.counts.duplicate).toBe(0);
      expect(enrichedReport.rejections[0]).toEqual({
        position: 'ligne 2',
        reason:
          "SIREN rattaché par rapprochement approximatif (scoring, confiance 0.9) : la dénomination ne vient pas de SIRENE, l'enregistrement n'est pas importé.",
        excerpt: expect.stringMatching(
          /^062201199,tiers_lieux,tiers_lieux,scoring,0\.9,Le tiers lieu de carpentras,84200\.0,/,
        ),
      });
      expect(enrichedReport.extra).toEqual({
        'flag.legal_category_repaired': accepted.filter((r) => /\.0$/.test(r.categorie_juridique!)).length,
        'flag.postal_code_repaired': accepted.filter((r) => /\.0$/.test(r.code_postal!)).length,
        'flag.created_on_unknown': accepted.filter((r) => r.date_creation === '1900-01-01').length,
        'flag.non_diffusible_mask': accepted.filter((r) => Object.values(r).includes('[ND]')).length,
      });
      expect(await countRows(store, 'suppliers')).toBe(afterFlag.size + newSirens.length);
      const scoredStored = await suppliersBySiren(
        store,
        scored.map((r) => r.siren!),
      );
      // Those already known from the INSEE extract keep their INSEE name; the others are not created.
      for (const r of scored) {
        const stored = scoredStored.get(r.siren!);
        expect(stored?.name ?? null).toBe(afterFlag.get(r.siren!)?.name ?? null);
      }
    },
  );

  it.skipIf(!withData)(
    'enriches without erasing: what the enriched extract lacks keeps its INSEE value',
    async () => {
      const records = readRecords(enrichedFile).filter((r) => r.methode_jointure === 'siren_direct');
      const after = await suppliersBySiren(
        store,
        records.map((r) => r.siren!),
      );
      for (const r of records) {
        const stored = after.get(r.siren!)!;
        const before = afterFlag.get(r.siren!);
        // flag_ess_sirene is 'True' or empty: empty must not erase INSEE's O.
        expect(stored.ess).toBe(r.flag_ess_sirene === 'True' ? true : (before?.ess ?? null));
        expect(stored.size_category).toBe(r.categorie_entreprise === '' ? null : r.categorie_entreprise);
      }
      // The three units INSEE masked with [ND] are kept as non-diffusible, under their company name.
      const masked = await suppliersBySiren(store, ['811742436', '841883564', '987412145']);
      expect([...masked.values()].map((s) => [s.name, s.diffusible]).sort()).toEqual([
        ['ALTOCLOUD', false],
        ['LCN CONSULTING', false],
        ['LOKTIS', false],
      ]);
    },
  );

  it.skipIf(!withData)('finds nothing to change when both extracts are imported again', async () => {
    const before = await updatedAts(store, 'suppliers');
    const enriched = await importSirene(store.db, enrichedFile);
    expect(enriched.counts).toMatchObject({ inserted: 0, updated: 0, rejected: 38, unchanged: 3667 - 38 });
    // The INSEE-named extract agrees with the enriched one on every column both carry.
    const flag = await importSirene(store.db, flagFile);
    expect(flag.counts).toEqual({
      read: 3375,
      inserted: 0,
      updated: 0,
      unchanged: 3375,
      duplicate: 0,
      rejected: 0,
    });
    expect(await updatedAts(store, 'suppliers')).toEqual(before);
  });

  it.skipIf(!withData)(
    'rejects a garbled record met after the first 64 KiB, and imports the rest',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-sirene-'));
      try {
        const file = path.join(dir, 'late-garbling.csv');
        const text = fs.readFileSync(flagFile);
        expect(text.length).toBeGreaterThan(64 * 1024);
        const bad = iconv.encode(
          '914994553,SOCIÉTÉ MAL ENCODÉE,,62.01Z,O,5710,NN,sirene,siren_direct\n',
          'win1252',
        );
        fs.writeFileSync(file, Buffer.concat([text, bad]));
        const report = await importSirene(store.db, file);
        expect(report.counts).toEqual({
          read: 3376,
          inserted: 0,
          updated: 0,
          unchanged: 3375,
          duplicate: 0,
          rejected: 1,
        });
        expect(report.rejections).toEqual([
          {
            position: 'ligne 3377',
            reason: expect.stringContaining(
              "le fichier n'est pas en UTF-8 ; relancez avec --encoding windows-1252",
            ),
            excerpt: expect.stringContaining('914994553,SOCI\uFFFDT\uFFFD MAL ENCOD\uFFFDE'),
          },
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describeWithStore('importSirene on INSEE-layout fixtures', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());
  // Each test starts from empty tables (cheaper than a new store per test).
  beforeEach(async () => {
    await sql`truncate suppliers, establishments, import_runs, import_rejections restart identity cascade`.execute(
      store.db,
    );
  });

  it('detects Windows-1252 and ;, imports the good units and rejects the bad ones with their line', async () => {
    const report = await importSirene(store.db, fixture('stock-unite-legale-1252.csv'), { batchSize: 3 });
    expect(report.counts).toEqual({
      read: 10,
      inserted: 6,
      updated: 0,
      unchanged: 0,
      duplicate: 1,
      rejected: 3,
    });
    expect(report.rejections.map((r) => [r.position, r.reason])).toEqual([
      ['ligne 7', "Le SIREN 914 994 554 n'est pas valide : la clé de contrôle ne correspond pas."],
      ['ligne 8', 'Un SIREN comporte 9 chiffres ; la valeur est vide.'],
      ['ligne 11', '3 champs au lieu de 17'],
    ]);
    expect(report.rejections[0]?.excerpt).toContain('SOCIÉTÉ À CLÉ FAUSSE');
    expect(report.extra).toEqual({
      'flag.naf_not_rev2': 1,
      'flag.created_on_unknown': 1,
      'flag.name_not_diffusible': 1,
      'flag.naf_invalid': 1,
    });
    const stored = await suppliersBySiren(store, ['914994553', '309032589', '987654324', '878345453']);
    expect(stored.get('914994553')).toMatchObject({
      name: "SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF LE COMPTOIR CITOYEN",
      name_source: 'sirene',
      naf_code: '62.01Z',
      legal_category: '5710',
      employee_band: 'NN',
      size_category: 'PME',
      ess: true,
      diffusible: true,
      head_office_siret: '91499455300016',
      created_on: '2022-10-01',
      active: true,
    });
    expect(stored.get('309032589')).toMatchObject({
      naf_code: null,
      created_on: null,
      active: false,
      ess: false,
    });
    expect(stored.get('987654324')?.name).toBe('ÉLODIE LEFÈVRE');
    expect(stored.get('878345453')).toMatchObject({ name: 'NEWMERIC SCIC', naf_code: null });
  });

  it('stores a non-diffusible natural person under [NON-DIFFUSIBLE], never under their name', async () => {
    await importSirene(store.db, fixture('stock-unite-legale-1252.csv'));
    const person = (await suppliersBySiren(store, ['123456782'])).get('123456782');
    expect(person).toMatchObject({
      name: '[NON-DIFFUSIBLE]',
      diffusible: false,
      legal_category: '1000',
      naf_code: '62.02A',
    });
    const leaks = await sql<{ n: number }>`
      select (select count(*) from suppliers where name like '%DURAND%' or name like '%CLAIRE%')::int
           + (select count(*) from import_rejections where excerpt like '%DURAND%')::int as n`.execute(
      store.db,
    );
    expect(leaks.rows[0]?.n).toBe(0);
  });

  it('gives the same result when Windows-1252 is forced, and nothing to change the second time', async () => {
    await importSirene(store.db, fixture('stock-unite-legale-1252.csv'));
    const before = await updatedAts(store, 'suppliers');
    const forced = await importSirene(store.db, fixture('stock-unite-legale-1252.csv'), {
      encoding: 'windows-1252',
    });
    expect(forced.counts).toEqual({
      read: 10,
      inserted: 0,
      updated: 0,
      unchanged: 6,
      duplicate: 1,
      rejected: 3,
    });
    expect(await updatedAts(store, 'suppliers')).toEqual(before);
  });

  it('stops, writing nothing, when a Windows-1252 file is forced as UTF-8', async () => {
    const error = await importSirene(store.db, fixture('stock-unite-legale-1252.csv'), {
      encoding: 'utf8',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'sirene.garbled_encoding',
      details: { line: 2, kind: 'replacement', encoding: 'utf8' },
    });
    expect((error as { userMessage: string }).userMessage).toContain('relancez avec --encoding windows-1252');
    expect((error as { userMessage: string }).userMessage).toContain('ligne 2');
    expect(await countRows(store, 'import_runs')).toBe(0);
    expect(await countRows(store, 'suppliers')).toBe(0);
  });

  it('reads UTF-8 with a BOM and , and stops when that file is forced as Windows-1252', async () => {
    const error = await importSirene(store.db, fixture('stock-unite-legale-utf8-bom.csv'), {
      encoding: 'windows-1252',
    }).catch((e: unknown) => e);
    // Line 1 already shows it: the byte-order mark reads as 'ï»¿'.
    expect(error).toMatchObject({ code: 'sirene.garbled_encoding', details: { line: 1, kind: 'mojibake' } });
    expect((error as { userMessage: string }).userMessage).toContain('relancez avec --encoding utf8');
    expect(await countRows(store, 'import_runs')).toBe(0);

    const report = await importSirene(store.db, fixture('stock-unite-legale-utf8-bom.csv'));
    expect(report.counts).toEqual({
      read: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
    });
    const stored = await suppliersBySiren(store, ['884820200', '840832067']);
    expect(stored.get('884820200')).toMatchObject({ name: 'SCICONNECTÉ', active: false, naf_code: '58.29C' });
    expect(stored.get('840832067')).toMatchObject({ name: 'HEY, GUL!', head_office_siret: '84083206700051' });
  });

  it('refuses a file whose text was already garbled upstream, writing nothing', async () => {
    const error = await importSirene(store.db, fixture('garbled-mojibake.csv')).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'sirene.garbled_encoding',
      details: { line: 2, kind: 'mojibake', encoding: 'utf8' },
    });
    expect((error as { userMessage: string }).userMessage).toContain('SOCIÃ‰TÃ‰');
    expect((error as { userMessage: string }).userMessage).toContain('aucun --encoding ne peut le corriger');
    expect(await countRows(store, 'import_runs')).toBe(0);
    expect(await countRows(store, 'suppliers')).toBe(0);
  });

  it('replaces a DECP name by SIRENE\u2019s, and says so in name_source', async () => {
    await store.db
      .insertInto('suppliers')
      .values({ siren: '790351910', name: 'Mnemotix SCIC', name_source: 'decp' })
      .execute();
    const report = await importSirene(store.db, fixture('stock-unite-legale-1252.csv'));
    expect(report.counts).toMatchObject({ inserted: 5, updated: 1 });
    const stored = (await suppliersBySiren(store, ['790351910'])).get('790351910');
    expect(stored).toMatchObject({ name: 'SCIC MNEMOTIX', name_source: 'sirene', employee_band: '02' });
  });

  it('sets the head office and address of legal units from the establishments file', async () => {
    await importSirene(store.db, fixture('stock-unite-legale-1252.csv'));
    const report = await importSirene(store.db, fixture('stock-etablissement.csv'), { batchSize: 4 });
    expect(report.counts).toEqual({
      read: 8,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      duplicate: 1,
      rejected: 2,
    });
    expect(report.rejections.map((r) => [r.position, r.reason])).toEqual([
      ['ligne 6', "Le SIRET 914 994 553 00017 n'est pas valide : la clé de contrôle ne correspond pas."],
      ['ligne 7', "Le SIRET 91499455300032 n'appartient pas au SIREN 790351910 indiqué sur la même ligne."],
    ]);
    expect(report.extra).toEqual({
      'supplier.head_office_set': 3,
      'flag.name_not_diffusible': 1,
      'flag.postal_code_invalid': 1,
      'flag.commune_code_invalid': 1,
    });
    const suppliers = await suppliersBySiren(store, ['914994553', '790351910', '123456782']);
    expect(suppliers.get('914994553')).toMatchObject({
      head_office_siret: '91499455300016',
      postal_code: '35000',
      commune_code: '35238',
    });
    expect(suppliers.get('790351910')).toMatchObject({
      head_office_siret: '79035191000027',
      postal_code: '44000',
    });
    expect(suppliers.get('123456782')).toMatchObject({ postal_code: null, commune_code: '69381' });
    const establishments = await store.db.selectFrom('establishments').selectAll().orderBy('siret').execute();
    expect(establishments.map(({ updated_at: _, ...e }) => e)).toEqual([
      {
        siret: '12345678200010',
        siren: '123456782',
        head_office: true,
        name: null,
        postal_code: null,
        commune_code: '69381',
        diffusible: false,
      },
      {
        siret: '79035191000019',
        siren: '790351910',
        head_office: false,
        name: null,
        postal_code: '75011',
        commune_code: '75111',
        diffusible: true,
      },
      {
        siret: '79035191000027',
        siren: '790351910',
        head_office: true,
        name: null,
        postal_code: '44000',
        commune_code: '44109',
        diffusible: true,
      },
      {
        siret: '87834545300012',
        siren: '878345453',
        head_office: true,
        name: null,
        postal_code: null,
        commune_code: null,
        diffusible: true,
      },
      {
        siret: '91499455300016',
        siren: '914994553',
        head_office: true,
        name: 'LE COMPTOIR CITOYEN',
        postal_code: '35000',
        commune_code: '35238',
        diffusible: true,
      },
    ]);

    const supplierTimes = await updatedAts(store, 'suppliers');
    const establishmentTimes = await updatedAts(store, 'establishments');
    const again = await importSirene(store.db, fixture('stock-etablissement.csv'));
    expect(again.counts).toEqual({
      read: 8,
      inserted: 0,
      updated: 0,
      unchanged: 5,
      duplicate: 1,
      rejected: 2,
    });
    expect(again.extra['supplier.head_office_set']).toBe(0);
    expect(await updatedAts(store, 'suppliers')).toEqual(supplierTimes);
    expect(await updatedAts(store, 'establishments')).toEqual(establishmentTimes);
  });

  it('lets legal units imported after their establishments pick their head office up', async () => {
    const establishments = await importSirene(store.db, fixture('stock-etablissement.csv'));
    expect(establishments.extra['supplier.head_office_set']).toBe(0);
    await importSirene(store.db, fixture('stock-unite-legale-1252.csv'));
    const suppliers = await suppliersBySiren(store, ['914994553', '790351910']);
    expect(suppliers.get('914994553')).toMatchObject({ postal_code: '35000', commune_code: '35238' });
    expect(suppliers.get('790351910')).toMatchObject({
      head_office_siret: '79035191000027',
      postal_code: '44000',
    });
    const again = await importSirene(store.db, fixture('stock-unite-legale-1252.csv'));
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
  });

  it('enriches from the ess-numerique layout without erasing known values with empty or invalid ones', async () => {
    await importSirene(store.db, fixture('stock-unite-legale-1252.csv'));
    await importSirene(store.db, fixture('stock-unite-legale-utf8-bom.csv'));
    await importSirene(store.db, fixture('stock-etablissement.csv'));
    const report = await importSirene(store.db, fixture('ess-numerique-enriched-sample.csv'));
    expect(report.counts).toEqual({
      read: 4,
      inserted: 0,
      updated: 2,
      unchanged: 1,
      duplicate: 0,
      rejected: 1,
    });
    expect(report.rejections[0]?.position).toBe('ligne 4');
    expect(report.extra).toMatchObject({ 'flag.naf_invalid': 1, 'flag.postal_code_repaired': 2 });
    const stored = await suppliersBySiren(store, ['309032589', '790351910', '923542633']);
    // Empty ESS flag, empty size category: INSEE's values stay.
    expect(stored.get('309032589')).toMatchObject({
      ess: false,
      naf_code: '63.11Z',
      created_on: null,
      active: false,
    });
    // Invalid NAF '74.8B' leaves 62.02A; the tiers-lieu postal code does not replace the head office's.
    expect(stored.get('790351910')).toMatchObject({
      naf_code: '62.02A',
      postal_code: '44000',
      employee_band: '02',
    });
    // Where nothing was known, the repaired postal code fills the gap.
    expect(stored.get('923542633')).toMatchObject({ postal_code: '67100', ess: true });
  });

  it('refuses a file that is not a SIRENE layout, writing nothing', async () => {
    const communes = path.resolve(import.meta.dirname, '../../../test/fixtures/cog/communes-bad-rows.csv');
    await expect(importSirene(store.db, communes)).rejects.toMatchObject({ code: 'sirene.unknown_layout' });
    expect(await countRows(store, 'import_runs')).toBe(0);
  });
});

describe('SIRENE fixtures', () => {
  it('are in the encodings their names say', () => {
    const cp1252 = fs.readFileSync(fixture('stock-unite-legale-1252.csv'));
    expect(cp1252.includes(Buffer.from([0x53, 0x4f, 0x43, 0x49, 0xc9, 0x54, 0xc9]))).toBe(true); // SOCIÉTÉ
    const bom = fs.readFileSync(fixture('stock-unite-legale-utf8-bom.csv'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
