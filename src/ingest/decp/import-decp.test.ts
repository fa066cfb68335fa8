import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { DomainError } from '../../domain/shared/index.ts';
import type { Store } from '../../store/database.ts';
import type { Progress } from '../progress.ts';
import { decideOutcome, importDecp, supersedes } from './import-decp.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/decp');
const fixture = (name: string) => path.join(fixtures, name);

const SDIS = '28850001000013';

describeWithStore('importDecp', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(async () => {
    await store.close();
  });
  // Each test starts from empty tables: truncating is much cheaper than opening a store per test.
  beforeEach(async () => {
    await sql`truncate contract_modifications, contract_titulaires, contracts, establishments, suppliers, buyers,
      import_rejections, import_runs, cpv_codes restart identity cascade`.execute(store.db);
  });

  async function contract(decpId: string, buyer = SDIS) {
    return store.db
      .selectFrom('contracts')
      .selectAll()
      .where('decp_id', '=', decpId)
      .where('buyer_siret', '=', buyer)
      .executeTakeFirstOrThrow();
  }

  async function titulaires(contractId: number) {
    return store.db
      .selectFrom('contract_titulaires')
      .select(['position', 'identifier_type', 'identifier', 'name', 'supplier_siren'])
      .where('contract_id', '=', contractId)
      .orderBy('position')
      .execute();
  }

  /** Row counts and the latest `updated_at` of every table the import writes. */
  async function snapshot() {
    const r = await sql<Record<string, string | number | null>>`
      select (select count(*) from contracts)::int as contracts,
             (select count(*) from buyers)::int as buyers,
             (select count(*) from suppliers)::int as suppliers,
             (select count(*) from establishments)::int as establishments,
             (select count(*) from contract_titulaires)::int as titulaires,
             (select count(*) from contract_modifications)::int as modifications,
             (select max(updated_at)::text from contracts) as contracts_updated,
             (select max(updated_at)::text from buyers) as buyers_updated,
             (select max(updated_at)::text from suppliers) as suppliers_updated,
             (select max(updated_at)::text from establishments) as establishments_updated`.execute(store.db);
    return r.rows[0];
  }

  it('repairs unambiguous dirty values and nulls the others with a flag', async () => {
    const report = await importDecp(store.db, fixture('dirty-values-2019.json'));
    expect(report.counts).toEqual({
      read: 5,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
    });

    const one = await contract('DIRTY-01');
    expect(one).toMatchObject({
      uid: '28850001000013DIRTY-01',
      kind: 'marche',
      format: 'decp-2019',
      nature: 'Accord-cadre',
      cpv_code: '45314000',
      procedure: 'Procédure adaptée',
      place_code: '85',
      place_type: 'Code département',
      duration_months: 12,
      amount: '80000.50',
      initial_amount: '80000.50',
      price_form: 'Révisable',
      notified_on: null,
      published_on: '2019-01-15',
      innovative: null,
      source: 'fixture-dirty',
      quality_flags: ['notified_on_out_of_range'],
    });
    expect(one.content_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(one.raw).toMatchObject({ dateNotification: '0218-10-29', montant: '80 000,50 €' });

    const two = await contract('DIRTY-02');
    expect(two).toMatchObject({
      object: null,
      cpv_code: null,
      procedure: "Appel d'offres ouvert",
      duration_months: null,
      notified_on: null,
      published_on: null,
      amount: null,
      source: 'dirty-values-2019.json',
      quality_flags: [
        'amount_invalid',
        'cpv_invalid',
        'duration_invalid',
        'notified_on_invalid',
        'object_invalid',
        'published_on_out_of_range',
      ],
    });
    expect(await titulaires(two.id)).toEqual([
      {
        position: 1,
        identifier_type: 'SIRET',
        identifier: '42399908500057',
        name: 'OVIVE',
        supplier_siren: '423999085',
      },
    ]);

    const three = await contract('DIRTY-03', '21690116500015');
    expect(three).toMatchObject({ procedure: null, place_type: null, amount: '12500.50', cpv_code: null });
    expect(three.quality_flags).toEqual([
      'buyer_siret_invalid',
      'cpv_invalid',
      'duration_invalid',
      'notified_on_invalid',
      'place_type_unknown',
      'procedure_unknown',
      'titulaire_id_invalid',
      'titulaire_id_missing',
      'titulaire_name_invalid',
      'titulaire_siret_is_siren',
    ]);
    expect(await titulaires(three.id)).toEqual([
      {
        position: 1,
        identifier_type: 'SIRET',
        identifier: '82746233400019',
        name: 'SIRET à la clé fausse',
        supplier_siren: null,
      },
      {
        position: 2,
        identifier_type: 'SIRET',
        identifier: '827462334',
        name: 'SIREN donné pour un SIRET',
        supplier_siren: '827462334',
      },
      {
        position: 3,
        identifier_type: 'TVA',
        identifier: 'DE243659508',
        name: 'Bender GmbH',
        supplier_siren: null,
      },
      {
        position: 4,
        identifier_type: null,
        identifier: '48242583200011',
        name: null,
        supplier_siren: '482425832',
      },
      {
        position: 5,
        identifier_type: 'SIRET',
        identifier: null,
        name: 'Sans identifiant',
        supplier_siren: null,
      },
    ]);

    expect(await contract('DIRTY-04')).toMatchObject({
      format: 'decp-2022',
      cpv_code: '45000000',
      procedure: 'Procédure adaptée',
      amount: '1.23',
      innovative: true,
      social_considerations: ['Pas de considération sociale'],
      has_social_consideration: false,
      environmental_considerations: ['Clause environnementale'],
      has_environmental_consideration: true,
      ccag: "Maitrise d'œuvre",
      offers_received: 4,
      quality_flags: ['environmental_consideration_unknown'],
    });
    expect(await contract('DIRTY-05')).toMatchObject({
      amount: null,
      innovative: null,
      procedure: 'Dialogue compétitif',
      quality_flags: ['amount_invalid', 'innovative_invalid', 'titulaires_missing'],
    });

    const buyers = await store.db
      .selectFrom('buyers')
      .select(['siret', 'name', 'siret_valid'])
      .orderBy('siret')
      .execute();
    expect(buyers).toEqual([
      { siret: '21690116500015', name: 'Acheteur au SIRET faux', siret_valid: false },
      { siret: SDIS, name: 'SDIS de la Vendée', siret_valid: true },
    ]);
    const suppliers = await store.db
      .selectFrom('suppliers')
      .select(['siren', 'name', 'name_source'])
      .orderBy('siren')
      .execute();
    expect(suppliers).toEqual([
      { siren: '423999085', name: 'OVIVE', name_source: 'decp' },
      { siren: '482425832', name: '48242583200011', name_source: 'decp' },
      { siren: '808364798', name: '80836479800013', name_source: 'decp' },
      { siren: '827462334', name: 'SIREN donné pour un SIRET', name_source: 'decp' },
    ]);
    const establishments = await store.db
      .selectFrom('establishments')
      .select(['siret', 'siren', 'name'])
      .orderBy('siret')
      .execute();
    expect(establishments).toEqual([
      { siret: '42399908500057', siren: '423999085', name: 'OVIVE' },
      { siret: '48242583200011', siren: '482425832', name: null },
      { siret: '80836479800013', siren: '808364798', name: null },
      { siret: '82746233400018', siren: '827462334', name: 'SAS SHOW VISION ACRO' },
    ]);
    expect(report.extra).toMatchObject({
      'flag.amount_invalid': 2,
      'flag.buyer_siret_invalid': 1,
      'flag.notified_on_out_of_range': 1,
      'flag.titulaire_id_invalid': 1,
    });
  });

  it('rejects the records that cannot be keyed, with their position and reason, and imports the rest', async () => {
    const report = await importDecp(store.db, fixture('rejections-2019.json'));
    expect(report.counts).toEqual({
      read: 11,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 10,
    });
    expect(report.rejections.map((r) => [r.position.replace(/ \(octet \d+\)/, ''), r.reason])).toEqual([
      [
        'enregistrement 1, ligne 3',
        "Identifiant de l'acheteur absent (champ acheteur.id) : le marché ne peut pas être rattaché.",
      ],
      [
        'enregistrement 2, ligne 4',
        "Identifiant de l'acheteur absent (champ acheteur.id) : le marché ne peut pas être rattaché.",
      ],
      ['enregistrement 3, ligne 5', 'Identifiant du marché absent (champ id).'],
      ['enregistrement 4, ligne 6', 'Identifiant du marché absent (champ id).'],
      [
        'enregistrement 5, ligne 7',
        "Identifiant de l'acheteur « 288500010000130000 » trop long pour un SIRET (14 chiffres).",
      ],
      [
        'enregistrement 6, ligne 8',
        "L'enregistrement n'est pas un objet mais un nombre : il ne décrit aucun marché.",
      ],
      [
        'enregistrement 7, ligne 9',
        "L'enregistrement n'est pas un objet mais un texte : il ne décrit aucun marché.",
      ],
      [
        'enregistrement 8, ligne 10',
        "L'enregistrement n'est pas un objet mais null : il ne décrit aucun marché.",
      ],
      [
        'enregistrement 9, ligne 11',
        "L'enregistrement n'est pas un objet mais une liste : il ne décrit aucun marché.",
      ],
      [
        'enregistrement 11, ligne 20',
        "Identifiant de l'acheteur absent (champ autoriteConcedante.id) : le marché ne peut pas être rattaché.",
      ],
    ]);
    expect(report.rejections[5]).toEqual({
      position: 'enregistrement 6, ligne 8 (octet 550)',
      reason: expect.any(String),
      excerpt: '42',
    });
    expect(report.extra).toMatchObject({
      'rejected.buyer_missing': 3,
      'rejected.id_missing': 2,
      'rejected.buyer_id_too_long': 1,
      'rejected.not_an_object': 4,
    });
    const stored = await store.db
      .selectFrom('import_rejections')
      .select(['position', 'reason'])
      .where('run_id', '=', report.runId)
      .orderBy('id')
      .execute();
    expect(stored).toEqual(report.rejections.map(({ position, reason }) => ({ position, reason })));
    expect((await contract('REJ-OK')).object).toBe('Le seul enregistrement valable');
    const run = await store.db
      .selectFrom('import_runs')
      .selectAll()
      .where('id', '=', report.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      kind: 'decp',
      status: 'done',
      counts: expect.objectContaining({ read: 11, rejected: 10 }),
    });
    expect(run.file_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('repairs invalid escapes, rejects the record it cannot read and goes on', async () => {
    const report = await importDecp(store.db, fixture('invalid-escapes.json'));
    expect(report.counts).toEqual({
      read: 4,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 1,
    });
    expect(report.rejections).toEqual([
      expect.objectContaining({
        position: 'enregistrement 3, ligne 6 (octet 388)',
        excerpt: expect.stringContaining('ESC-3'),
      }),
    ]);
    expect(await contract('ESC-1')).toMatchObject({
      object: 'Chemin C:\\dossier\\x et \\u12 puis\ttabulation\net retour',
      quality_flags: ['json_repaired', 'titulaires_missing'],
    });
    expect(await contract('ESC-2')).toMatchObject({
      amount: null,
      duration_months: 12,
      quality_flags: ['amount_invalid', 'json_repaired', 'titulaires_missing'],
    });
    expect((await contract('ESC-4')).object).toBe('Accolades { et [ dans un texte, guillemet " échappé');
    expect(report.extra['rejected.json_invalid']).toBe(1);
  });

  it('keeps the latest published version of a contract, and a re-import changes no row', async () => {
    const first = await importDecp(store.db, fixture('duplicates-2019.json'));
    expect(first.counts).toEqual({
      read: 6,
      inserted: 2,
      updated: 1,
      unchanged: 0,
      duplicate: 3,
      rejected: 0,
    });
    const kept = await contract('DUP-1');
    // Versions: same object once case, spaces and accents are folded, same holder id.
    expect(kept).toMatchObject({
      object: 'NETTOYAGE  des vehicules',
      amount: '2000.00',
      published_on: '2019-01-20',
      homonym_rank: 0,
      quality_flags: [],
    });
    expect((await titulaires(kept.id)).map((t) => t.name)).toEqual(['OVIVE SAS']);
    expect((await contract('DUP-1', '24201005600073')).amount).toBe('700.00');

    const before = await snapshot();
    const again = await importDecp(store.db, fixture('duplicates-2019.json'));
    expect(again.counts).toEqual({
      read: 6,
      inserted: 0,
      updated: 0,
      unchanged: 2,
      duplicate: 4,
      rejected: 0,
    });
    expect(await snapshot()).toEqual(before);

    // A later file: same publication date, one more modification → it wins.
    const later = await importDecp(store.db, fixture('duplicates-later-2019.json'));
    expect(later.counts).toEqual({
      read: 1,
      inserted: 0,
      updated: 1,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
    });
    const updated = await contract('DUP-1');
    expect(updated).toMatchObject({
      id: kept.id,
      amount: '2500.00',
      initial_amount: '2000.00',
      source: 'dup-later',
    });
    expect(updated.updated_at.getTime()).toBeGreaterThanOrEqual(kept.updated_at.getTime());
    expect(updated.created_at).toEqual(kept.created_at);
    // The older file again: its versions lose against the stored one.
    const older = await importDecp(store.db, fixture('duplicates-2019.json'));
    expect(older.counts).toEqual({
      read: 6,
      inserted: 0,
      updated: 0,
      unchanged: 1,
      duplicate: 5,
      rejected: 0,
    });
    expect((await contract('DUP-1')).amount).toBe('2500.00');
  });

  it('keeps distinct contracts sharing a DECP id (lots) as separate rows, and a re-import changes no row', async () => {
    const GARGENVILLE = '21780455800013';
    const lots = async () =>
      store.db
        .selectFrom('contracts')
        .select(['id', 'homonym_rank', 'object', 'amount', 'quality_flags'])
        .where('buyer_siret', '=', GARGENVILLE)
        .where('decp_id', '=', '201801100')
        .orderBy('homonym_rank')
        .execute();
    for (const batchSize of [500, 1, 2]) {
      await sql`truncate contract_modifications, contract_titulaires, contracts, establishments, suppliers,
        buyers, import_rejections, import_runs restart identity cascade`.execute(store.db);
      const first = await importDecp(store.db, fixture('homonyms-2019.json'), { batchSize });
      // Lot 1, Lot 2 (SOREST), Lot 1 again (merged), Lot 2 later with an avenant (a version: updated), Lot 2
      // with another holder (a distinct contract), another id.
      expect(first.counts).toEqual({
        read: 6,
        inserted: 4,
        updated: 1,
        unchanged: 0,
        duplicate: 1,
        rejected: 0,
      });
      expect(first.extra['flag.decp_id_shared']).toBe(3);
      expect(first.extra['flag.html_decoded']).toBe(3);
      const rows = await lots();
      expect(rows).toMatchObject([
        {
          homonym_rank: 0,
          object: 'Rénovation de l\u2019école\nLot 1 : gros œuvre',
          amount: '150000.00',
          quality_flags: ['decp_id_shared', 'html_decoded'],
        },
        {
          homonym_rank: 1,
          object: 'LOT 2',
          amount: '210000.00',
          quality_flags: ['decp_id_shared', 'html_decoded'],
        },
        { homonym_rank: 2, object: 'Lot 2', amount: '206184.00', quality_flags: ['decp_id_shared'] },
      ]);
      expect((await titulaires(rows[1]!.id)).map((t) => t.supplier_siren)).toEqual(['342783651']);
      expect((await titulaires(rows[2]!.id)).map((t) => t.supplier_siren)).toEqual(['482425832']);
      const modification = await store.db
        .selectFrom('contract_modifications')
        .select('object')
        .where('contract_id', '=', rows[1]!.id)
        .executeTakeFirstOrThrow();
      expect(modification.object).toBe('Avenant n°1 \u2013 travaux < 5 000 €');
      const other = await contract('201801101', GARGENVILLE);
      expect(other).toMatchObject({
        homonym_rank: 0,
        object: 'Fournitures si montant < 5000 <b>HT</b>',
        quality_flags: [],
      });

      const before = await snapshot();
      const again = await importDecp(store.db, fixture('homonyms-2019.json'), { batchSize });
      expect(again.counts).toEqual({
        read: 6,
        inserted: 0,
        updated: 0,
        unchanged: 4,
        duplicate: 2,
        rejected: 0,
      });
      expect(again.extra['flag.decp_id_shared']).toBe(3);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('flags the stored first contract of a key when a distinct one comes in a later import', async () => {
    await importDecp(store.db, fixture('duplicates-2019.json'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-decp-'));
    try {
      const file = path.join(dir, 'lot.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          marches: [
            {
              id: 'DUP-1',
              acheteur: { id: SDIS },
              objet: 'Lot 2 : pneumatiques',
              montant: 90,
              modifications: [],
            },
          ],
        }),
      );
      const report = await importDecp(store.db, file);
      expect(report.counts).toMatchObject({ read: 1, inserted: 1 });
      expect(report.extra['flag.decp_id_shared']).toBe(2);
      const rows = await store.db
        .selectFrom('contracts')
        .select(['homonym_rank', 'amount', 'quality_flags'])
        .where('buyer_siret', '=', SDIS)
        .where('decp_id', '=', 'DUP-1')
        .orderBy('homonym_rank')
        .execute();
      expect(rows).toEqual([
        { homonym_rank: 0, amount: '2000.00', quality_flags: ['decp_id_shared'] },
        { homonym_rank: 1, amount: '90.00', quality_flags: ['decp_id_shared', 'titulaires_missing'] },
      ]);
      const before = await snapshot();
      const again = await importDecp(store.db, fixture('duplicates-2019.json'));
      expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, duplicate: 4 });
      expect(await snapshot()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives all unchanged or duplicate for a byte-identical copy under another name', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-decp-'));
    try {
      // The 2022 format has no `source` field: the file name stands in for it, but not in the content hash.
      const copy = path.join(dir, 'copie-renommee.json');
      fs.copyFileSync(fixture('shapes-2022.json'), copy);
      const first = await importDecp(store.db, fixture('shapes-2022.json'));
      expect(first.counts.inserted).toBeGreaterThan(0);
      const sources = await store.db.selectFrom('contracts').select('source').distinct().execute();
      expect(sources).toEqual([{ source: 'shapes-2022.json' }]);
      const before = await snapshot();
      const again = await importDecp(store.db, copy);
      expect(again.counts).toMatchObject({ inserted: 0, updated: 0, rejected: first.counts.rejected });
      expect(again.counts.unchanged + again.counts.duplicate + again.counts.rejected).toBe(again.counts.read);
      expect(await snapshot()).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same result whatever the batch size', async () => {
    const report = await importDecp(store.db, fixture('duplicates-2019.json'), { batchSize: 1 });
    expect(report.counts).toEqual({
      read: 6,
      inserted: 2,
      updated: 1,
      unchanged: 0,
      duplicate: 3,
      rejected: 0,
    });
    expect((await contract('DUP-1')).amount).toBe('2000.00');
    const again = await importDecp(store.db, fixture('duplicates-2019.json'), { batchSize: 4 });
    expect(again.counts).toEqual({
      read: 6,
      inserted: 0,
      updated: 0,
      unchanged: 2,
      duplicate: 4,
      rejected: 0,
    });
  });

  it('applies modifications in order and keeps their history', async () => {
    await importDecp(store.db, fixture('modifications-2019.json'));
    const c = await contract('MOD-1');
    expect(c).toMatchObject({
      amount: '120000.50',
      initial_amount: '100000.00',
      duration_months: 18,
      initial_duration_months: 12,
    });
    expect((await titulaires(c.id)).map((t) => [t.identifier, t.supplier_siren])).toEqual([
      ['48242583200011', '482425832'],
      ['80836479800013', '808364798'],
    ]);
    const modifications = await store.db
      .selectFrom('contract_modifications')
      .select([
        'position',
        'object',
        'notified_on',
        'published_on',
        'duration_months',
        'amount',
        'titulaires',
      ])
      .where('contract_id', '=', c.id)
      .orderBy('position')
      .execute();
    expect(modifications).toEqual([
      {
        position: 1,
        object: 'Avenant 1 : hausse du montant',
        notified_on: '2019-01-29',
        published_on: '2019-02-12',
        duration_months: null,
        amount: '120000.50',
        titulaires: null,
      },
      {
        position: 2,
        object: 'Avenant 2 : prolongation, sans changement de montant',
        notified_on: '2019-03-01',
        published_on: '2019-03-05',
        duration_months: 18,
        amount: null,
        titulaires: null,
      },
      {
        position: 3,
        object: 'Avenant 3 : cession du marché',
        notified_on: '2019-04-01',
        published_on: '2019-04-02',
        duration_months: null,
        amount: null,
        titulaires: [
          {
            identifierType: 'SIRET',
            identifier: '48242583200011',
            name: 'NORENVERT',
            supplierSiren: '482425832',
          },
          {
            identifierType: 'SIRET',
            identifier: '80836479800013',
            name: 'BFN PRESSING',
            supplierSiren: '808364798',
          },
        ],
      },
    ]);
  });

  it('checks CPV codes against the CPV list, and refreshes stored records once the list is imported', async () => {
    await importDecp(store.db, fixture('dirty-values-2019.json'));
    expect((await contract('DIRTY-04')).cpv_code).toBe('45000000');
    await store.db
      .insertInto('cpv_codes')
      .values({
        code: '45314000',
        check_digit: '1',
        label: 'Installation de matériel de télécommunications',
        parent_code: null,
        level: 5,
      })
      .execute();
    const again = await importDecp(store.db, fixture('dirty-values-2019.json'));
    expect(again.counts).toEqual({
      read: 5,
      inserted: 0,
      updated: 1,
      unchanged: 4,
      duplicate: 0,
      rejected: 0,
    });
    expect(await contract('DIRTY-04')).toMatchObject({
      cpv_code: null,
      quality_flags: ['cpv_unknown', 'environmental_consideration_unknown'],
    });
    expect(await contract('DIRTY-01')).toMatchObject({
      cpv_code: '45314000',
      quality_flags: ['notified_on_out_of_range'],
    });
  });

  it('never overwrites a supplier name that comes from SIRENE', async () => {
    await store.db
      .insertInto('suppliers')
      .values({ siren: '423999085', name: 'OVIVE (SIRENE)', name_source: 'sirene' })
      .execute();
    await importDecp(store.db, fixture('modifications-2019.json'));
    await importDecp(store.db, fixture('dirty-values-2019.json'));
    const row = await store.db
      .selectFrom('suppliers')
      .select(['name', 'name_source'])
      .where('siren', '=', '423999085')
      .executeTakeFirst();
    expect(row).toEqual({ name: 'OVIVE (SIRENE)', name_source: 'sirene' });
  });

  it('imports a 2019 XML file, rejecting its malformed record', async () => {
    const report = await importDecp(store.db, fixture('marches-2019.xml'));
    expect(report.counts).toEqual({
      read: 4,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 1,
    });
    expect(report.rejections[0]?.position).toBe('enregistrement 2, ligne 45');
    const c = await contract('XML-1');
    expect(c).toMatchObject({
      format: 'decp-2019',
      object: 'Maintenance & réparation',
      cpv_code: '45314000',
      notified_on: '2018-12-03',
      amount: '90000.50',
      initial_amount: '80000.00',
      duration_months: 12,
      quality_flags: [],
    });
    expect((await titulaires(c.id)).map((t) => t.supplier_siren)).toEqual(['827462334', '423999085']);
    expect(await contract('XML-C1', '22320001500012')).toMatchObject({
      kind: 'concession',
      nature: 'Concession de service',
      amount: '1500000.00',
      notified_on: '2018-12-17',
    });
    const latin = await importDecp(store.db, fixture('latin1.xml'));
    expect(latin.counts.inserted).toBe(1);
    expect(await contract('LATIN-1')).toMatchObject({ object: "Réfection de l'église", amount: '1234.56' });
  });

  it('imports the 2022 shapes: a lone record object and a list of concessions', async () => {
    const report = await importDecp(store.db, fixture('shapes-2022.json'));
    expect(report.counts).toEqual({
      read: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
    });
    const marche = await contract('2022-SEUL');
    expect(marche).toMatchObject({
      kind: 'marche',
      format: 'decp-2022',
      procedure: 'Procédure avec négociation',
      price_form: 'Unitaire',
      innovative: true,
      ccag: "Techniques de l'information et de la communication",
      offers_received: 3,
      amount: '275000.00',
      initial_amount: '250000.00',
      duration_months: 30,
      has_social_consideration: true,
      has_environmental_consideration: false,
      quality_flags: [],
    });
    expect((await titulaires(marche.id)).map((t) => t.identifier)).toEqual(['48242583200011']);
    expect(await contract('2022-CONC', '22320001500012')).toMatchObject({
      kind: 'concession',
      nature: 'Délégation de service public',
      procedure: 'Procédure non négociée ouverte',
      amount: '1200000.00',
      initial_amount: '1000000.50',
      notified_on: '2024-04-02',
      social_considerations: ['Concession réservée'],
    });
  });

  it.skipIf(!hasSharedData('decp', 'examples-v2'))(
    'imports the official 2022 examples, JSON and XML',
    async () => {
      const json = await importDecp(
        store.db,
        sharedDataPath('decp', 'examples-v2', 'marches_concessions.json'),
      );
      expect(json.counts).toEqual({
        read: 4,
        inserted: 4,
        updated: 0,
        unchanged: 0,
        duplicate: 0,
        rejected: 0,
      });
      expect(await contract('TEST2022', '21750001630066')).toMatchObject({
        format: 'decp-2022',
        innovative: true,
        amount: '123457.87',
        initial_amount: '575000.00',
        duration_months: 12,
        initial_duration_months: 48,
        cpv_code: '45000000',
        social_considerations: ['Clause sociale', 'Critère social'],
        quality_flags: ['buyer_siret_invalid', 'titulaire_id_invalid'],
      });
      const concession = await contract('0612202306122024', '12345678901234');
      expect(concession).toMatchObject({
        kind: 'concession',
        amount: '25.00',
        initial_amount: '10.30',
        duration_months: 14,
      });
      expect((await titulaires(concession.id)).map((t) => t.supplier_siren)).toEqual([
        '381031285',
        '381031285',
      ]);

      const xml = await importDecp(store.db, sharedDataPath('decp', 'examples-v2', 'Marche.xml'));
      // The example repeats the same record: the second one is a duplicate.
      expect(xml.counts).toEqual({
        read: 2,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        duplicate: 1,
        rejected: 0,
      });
      expect(await contract('TEST2022', '21750001630040')).toMatchObject({
        format: 'decp-2022',
        innovative: true,
        amount: '575000.00',
        social_considerations: ['Clause sociale', 'Critère social'],
        environmental_considerations: ['Clause environnementale'],
        quality_flags: [],
      });
      const modified = await importDecp(
        store.db,
        sharedDataPath('decp', 'examples-v2', 'Contrat-concession-modification.xml'),
      );
      expect(modified.counts.rejected).toBe(0);
      expect(await contract('0612202306122023', '12345678901234')).toMatchObject({
        kind: 'concession',
        amount: '25.00',
      });
    },
  );

  it.skipIf(!hasSharedData('decp', 'real-v2-2024'))('imports the real 2024 file (2022 format)', async () => {
    const report = await importDecp(
      store.db,
      sharedDataPath('decp', 'real-v2-2024', 'decp-59920013600241-2024-07-09-01.json'),
    );
    expect(report.counts).toEqual({
      read: 5,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      duplicate: 0,
      rejected: 0,
    });
    const c = await contract('H9O2024T0000456', '59920013600241');
    expect(c).toMatchObject({
      kind: 'marche',
      format: 'decp-2022',
      cpv_code: '45320000',
      procedure: "Appel d'offres ouvert",
      place_code: '22',
      place_type: 'Code département',
      amount: '33136.63',
      duration_months: 4,
      notified_on: '2024-05-30',
      published_on: '2024-07-09',
      innovative: false,
      has_social_consideration: false,
      has_environmental_consideration: false,
      ccag: 'Travaux',
      offers_received: 11,
      price_form: 'Forfaitaire',
      source: 'decp-59920013600241-2024-07-09-01.json',
      quality_flags: [],
    });
    expect(await titulaires(c.id)).toEqual([
      {
        position: 1,
        identifier_type: 'SIRET',
        identifier: '42134020900129',
        name: null,
        supplier_siren: '421340209',
      },
    ]);
    const supplier = await store.db
      .selectFrom('suppliers')
      .select('name')
      .where('siren', '=', '421340209')
      .executeTakeFirst();
    expect(supplier?.name).toBe('42134020900129');
  });

  it('keeps what was read before a truncation and closes the run as failed', async () => {
    for (const file of ['truncated.json', 'truncated.xml']) {
      const report = await importDecp(store.db, fixture(file));
      expect(report.counts).toMatchObject({ read: 2, rejected: 1 });
      expect(report.rejections[0]?.reason).toContain("le fichier s'arrête au milieu de cet enregistrement");
      expect(report.rejections[0]?.reason).toContain("L'enregistrement lu avant l'arrêt est importé.");
      expect(report.status).toBe('failed');
      const run = await store.db
        .selectFrom('import_runs')
        .select('status')
        .where('id', '=', report.runId)
        .executeTakeFirst();
      expect(run?.status).toBe('failed');
    }
    expect((await contract('TRUNC-1')).amount).toBe('1000.00');
  });

  it('says how many records were imported before a truncation, none included', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-decp-'));
    try {
      const file = path.join(dir, 'coupe.json');
      // One record read, rejected (no buyer), then the file ends inside the list.
      fs.writeFileSync(file, '{"marches": [{"id": "A"}');
      const none = await importDecp(store.db, file);
      expect(none.counts).toMatchObject({ read: 2, rejected: 2 });
      expect(none.status).toBe('failed');
      expect(none.rejections[1]?.reason).toBe(
        "le fichier s'arrête avant la fin de sa structure JSON (fichier tronqué ?). " +
          "Aucun enregistrement n'a été importé avant l'arrêt.",
      );
      const record = (id: string) => `{"id": "${id}", "acheteur": {"id": "${SDIS}"}}`;
      fs.writeFileSync(file, `{"marches": [${record('T-1')}, ${record('T-2')}, ${record('T-2')}`);
      const three = await importDecp(store.db, file, { batchSize: 2 });
      expect(three.counts).toMatchObject({ read: 4, inserted: 2, duplicate: 1, rejected: 1 });
      expect(three.rejections[0]?.reason).toContain("Les 3 enregistrements lus avant l'arrêt sont importés.");
      const done = await importDecp(store.db, fixture('duplicates-2019.json'));
      expect(done.status).toBe('done');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing file and a file that is neither JSON nor XML, before opening a run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-decp-'));
    try {
      const csv = path.join(dir, 'marches.csv');
      fs.writeFileSync(csv, 'id;acheteur\n1;2\n');
      await expect(importDecp(store.db, path.join(dir, 'absent.json'))).rejects.toMatchObject({
        code: 'decp.file_not_found',
      });
      const error = await importDecp(store.db, csv).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'decp.unknown_format',
        userMessage: expect.stringContaining('ni du JSON ni du XML'),
      });
      const runs = await store.db.selectFrom('import_runs').select('id').execute();
      expect(runs).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports progress in bytes, up to the file size', async () => {
    const calls: [string, number, number][] = [];
    const progress: Progress = {
      start: (label, total) => calls.push(['start', total, 0]),
      update: (bytes, records) => calls.push(['update', bytes, records]),
      stop: () => calls.push(['stop', 0, 0]),
    };
    const file = fixture('rejections-2019.json');
    await importDecp(store.db, file, { progress, batchSize: 3 });
    const size = fs.statSync(file).size;
    expect(calls[0]).toEqual(['start', size, 0]);
    expect(calls.at(-1)).toEqual(['stop', 0, 0]);
    const updates = calls.filter((c) => c[0] === 'update');
    expect(updates.map((u) => u[2])).toEqual([3, 6, 9, 11]);
    expect(updates.at(-1)?.[1]).toBe(size);
    const bytes = updates.map((u) => u[1]);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
  });
});

it('decides outcomes by content hash, then publication date, then modification count', () => {
  const v = (contentHash: string, publishedOn: string | null, modificationCount = 0) => ({
    contentHash,
    publishedOn,
    modificationCount,
  });
  const known = (version: ReturnType<typeof v>, countedInRun = false, sameRaw = false) => ({
    ...version,
    countedInRun,
    sameRaw,
  });
  expect(decideOutcome(v('a', '2019-01-10'), undefined)).toBe('inserted');
  expect(decideOutcome(v('a', '2019-01-10'), known(v('a', '2019-01-10')))).toBe('unchanged');
  expect(decideOutcome(v('a', '2019-01-10'), known(v('a', '2019-01-10'), true))).toBe('duplicate');
  expect(decideOutcome(v('b', '2019-01-20'), known(v('a', '2019-01-10')))).toBe('updated');
  expect(decideOutcome(v('b', '2019-01-05'), known(v('a', '2019-01-10')))).toBe('duplicate');
  expect(decideOutcome(v('b', '2019-01-10', 1), known(v('a', '2019-01-10', 0)))).toBe('updated');
  expect(decideOutcome(v('b', '2019-01-10', 0), known(v('a', '2019-01-10', 0)))).toBe('duplicate');
  expect(decideOutcome(v('b', '2019-01-05'), known(v('a', '2019-01-10'), false, true))).toBe('updated');
  expect(supersedes(v('b', '2019-01-01'), v('a', null))).toBe(true);
  expect(supersedes(v('b', null), v('a', '2019-01-01'))).toBe(false);
});
