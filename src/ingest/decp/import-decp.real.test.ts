import fs from 'node:fs';
import { decodeHTMLStrict } from 'entities';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { Siret } from '../../domain/shared/index.ts';
import type { Store } from '../../store/database.ts';
import type { ImportReport } from '../import-run.ts';
import { importDecp } from './import-decp.ts';

/**
 * The three real DECP 2019 files of ../shared/data (6,127 records). Expected figures are computed here from
 * the raw JSON, independently of the importer, with the rules stated in import-decp.ts: records with one
 * (buyer id, id) are versions of one contract when they have the same object (case, spaces, accents and
 * HTML folded) and the same set of holder ids, else distinct contracts sharing the id (one row each,
 * flagged `decp_id_shared`); among versions, a later record replaces the kept one only with a strictly
 * later `datePublicationDonnees`, or the same date and strictly more modifications.
 */
const FILES = ['marches-publics.info.json', 'data.gouv.fr_pes.json', 'e-marchespublics.json'];
const available = hasSharedData('decp', 'real-v1-2019');

interface RawRecord {
  id: string;
  objet?: string;
  acheteur?: { id: string };
  autoriteConcedante?: { id: string };
  datePublicationDonnees?: string;
  dateNotification?: string;
  titulaires?: unknown[];
  concessionnaires?: unknown[];
  modifications: { titulaires?: unknown[]; concessionnaires?: unknown[] }[];
}

interface Expected {
  perFile: { read: number; inserted: number; updated: number; duplicate: number }[];
  keys: number;
  sharedRows: number;
  buyers: number;
  invalidBuyers: number;
  holders: number;
  modifications: number;
  recordsWithInvalidBuyer: number;
  impossibleYears: number;
}

/** Versions of one contract: same folded object, same set of initial holder ids. */
function signature(r: RawRecord): string {
  const objet = decodeHTMLStrict((r.objet ?? '').replace(/<br\s*\/?>/gi, ' '))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .join(' ');
  const holders = (r.titulaires ?? r.concessionnaires ?? []) as { id?: unknown }[];
  const ids = [
    ...new Set(
      holders.map((t) =>
        String(t.id ?? '')
          .replace(/\s+/g, '')
          .toUpperCase(),
      ),
    ),
  ]
    .filter((id) => id !== '')
    .sort();
  return `${objet}|${ids.join(',')}`;
}

function expectedFigures(): Expected {
  const groups = new Map<string, Map<string, RawRecord>>();
  const perFile: Expected['perFile'] = [];
  let recordsWithInvalidBuyer = 0;
  let impossibleYears = 0;
  for (const file of FILES) {
    const { marches } = JSON.parse(fs.readFileSync(sharedDataPath('decp', 'real-v1-2019', file), 'utf8')) as {
      marches: RawRecord[];
    };
    const counts = { read: marches.length, inserted: 0, updated: 0, duplicate: 0 };
    for (const r of marches) {
      const buyer = (r.acheteur ?? r.autoriteConcedante)!.id;
      if (!Siret.tryParse(buyer).ok) {
        recordsWithInvalidBuyer++;
      }
      if (r.dateNotification !== undefined && !/^(199\d|20\d\d)-/.test(r.dateNotification)) {
        impossibleYears++;
      }
      const key = `${buyer}|${r.id}`;
      const group = groups.get(key) ?? new Map<string, RawRecord>();
      groups.set(key, group);
      const kept = group.get(signature(r));
      if (!kept) {
        counts.inserted++;
        group.set(signature(r), r);
        continue;
      }
      const day = (x: RawRecord) => (x.datePublicationDonnees ?? '').slice(0, 10);
      const later =
        day(r) > day(kept) || (day(r) === day(kept) && r.modifications.length > kept.modifications.length);
      if (later) {
        counts.updated++;
        group.set(signature(r), r);
      } else {
        counts.duplicate++;
      }
    }
    perFile.push(counts);
  }
  const kept = [...groups.values()].flatMap((group) => [...group.values()]);
  const sharedRows = [...groups.values()].reduce((n, g) => n + (g.size > 1 ? g.size : 0), 0);
  const buyerIds = new Set(kept.map((r) => (r.acheteur ?? r.autoriteConcedante)!.id));
  const currentHolders = (r: RawRecord) => {
    let holders = r.titulaires ?? r.concessionnaires ?? [];
    for (const m of r.modifications) {
      const changed = m.titulaires ?? m.concessionnaires;
      if (changed && changed.length > 0) {
        holders = changed;
      }
    }
    return holders.length;
  };
  return {
    perFile,
    keys: kept.length,
    sharedRows,
    buyers: buyerIds.size,
    invalidBuyers: [...buyerIds].filter((id) => !Siret.tryParse(id).ok).length,
    holders: kept.reduce((n, r) => n + currentHolders(r), 0),
    modifications: kept.reduce((n, r) => n + r.modifications.length, 0),
    recordsWithInvalidBuyer,
    impossibleYears,
  };
}

describeWithStore('importDecp on the real DECP 2019 files', () => {
  let store: Store;
  let expected: Expected;
  let reports: ImportReport[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    if (!available) {
      return;
    }
    expected = expectedFigures();
    reports = [];
    for (const file of FILES) {
      reports.push(await importDecp(store.db, sharedDataPath('decp', 'real-v1-2019', file)));
    }
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });

  async function tableFigures() {
    const r = await sql<Record<string, number | string>>`
      select (select count(*) from contracts)::int as contracts,
             (select count(*) from buyers)::int as buyers,
             (select count(*) from buyers where not siret_valid)::int as invalid_buyers,
             (select count(*) from suppliers)::int as suppliers,
             (select count(*) from establishments)::int as establishments,
             (select count(*) from contract_titulaires)::int as titulaires,
             (select count(*) from contract_modifications)::int as modifications,
             (select max(updated_at)::text from contracts) as contracts_updated,
             (select max(updated_at)::text from buyers) as buyers_updated,
             (select max(updated_at)::text from suppliers) as suppliers_updated,
             (select max(updated_at)::text from establishments) as establishments_updated`.execute(store.db);
    return r.rows[0]!;
  }

  it.skipIf(!available)(
    'counts every one of the 6,127 records once, as computed from the raw files',
    async () => {
      expect(expected.perFile.reduce((n, f) => n + f.read, 0)).toBe(6127);
      expect(reports.map((r) => r.counts)).toEqual(
        expected.perFile.map((f) => ({ ...f, unchanged: 0, rejected: 0 })),
      );
      const total = reports.reduce((n, r) => n + r.counts.inserted, 0);
      expect(total).toBe(expected.keys);
      expect(reports.every((r) => r.rejections.length === 0)).toBe(true);
      const flag = (name: string) => reports.reduce((n, r) => n + (r.extra[`flag.${name}`] ?? 0), 0);
      expect(flag('buyer_siret_invalid')).toBe(expected.recordsWithInvalidBuyer);
      expect(flag('notified_on_out_of_range')).toBe(expected.impossibleYears);
      expect(flag('decp_id_shared')).toBe(expected.sharedRows);
      const shared = await sql<{ n: number }>`
        select count(*)::int as n from contracts where 'decp_id_shared' = any(quality_flags)`.execute(
        store.db,
      );
      expect(shared.rows[0]!.n).toBe(expected.sharedRows);

      const figures = await tableFigures();
      expect(figures).toMatchObject({
        contracts: expected.keys,
        buyers: expected.buyers,
        invalid_buyers: expected.invalidBuyers,
        titulaires: expected.holders,
        modifications: expected.modifications,
      });
    },
  );

  it.skipIf(!available)('stores the values of a real contract of e-marchespublics.json', async () => {
    const c = await store.db
      .selectFrom('contracts')
      .selectAll()
      .where('buyer_siret', '=', '28850001000013')
      .where('decp_id', '=', '2018MA181101')
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      kind: 'marche',
      format: 'decp-2019',
      nature: 'Accord-cadre',
      cpv_code: '45314000',
      procedure: 'Procédure adaptée',
      amount: '80000.00',
      duration_months: 12,
      notified_on: '2018-12-03',
      published_on: '2018-12-07',
      source: 'e-marchespublics',
      quality_flags: [],
    });
    const buyer = await store.db
      .selectFrom('buyers')
      .selectAll()
      .where('siret', '=', '28850001000013')
      .executeTakeFirst();
    expect(buyer).toMatchObject({ name: 'SDIS de la Vendée', siret_valid: true });
    const holders = await store.db
      .selectFrom('contract_titulaires as t')
      .innerJoin('suppliers as s', 's.siren', 't.supplier_siren')
      .select(['t.identifier', 't.name', 's.siren', 's.name as supplier_name', 's.name_source'])
      .where('t.contract_id', '=', c.id)
      .execute();
    expect(holders).toEqual([
      {
        identifier: '82746233400018',
        name: 'SAS SHOW VISION ACRO',
        siren: '827462334',
        supplier_name: 'SAS SHOW VISION ACRO',
        name_source: 'decp',
      },
    ]);
  });

  it.skipIf(!available)('keeps distinct contracts published under one id (lots)', async () => {
    const lots = await store.db
      .selectFrom('contracts')
      .select(['homonym_rank', 'object', 'amount', 'quality_flags', 'id'])
      .where('buyer_siret', '=', '21780455800013')
      .where('decp_id', '=', '201801100')
      .orderBy('homonym_rank')
      .execute();
    expect(lots.length).toBeGreaterThan(1);
    expect(lots.map((l) => l.homonym_rank)).toEqual(lots.map((_l, i) => i));
    expect(lots.every((l) => l.quality_flags.includes('decp_id_shared'))).toBe(true);
    const lot2 = await store.db
      .selectFrom('contracts as c')
      .innerJoin('contract_titulaires as t', 't.contract_id', 'c.id')
      .select(['c.amount', 't.supplier_siren'])
      .where(
        'c.id',
        'in',
        lots.map((l) => l.id),
      )
      .where('t.supplier_siren', '=', '342783651')
      .execute();
    expect(lot2).toContainEqual({ amount: '206184.00', supplier_siren: '342783651' });
  });

  it.skipIf(!available)('re-imports the three files without changing any row', async () => {
    const before = await tableFigures();
    const again: ImportReport[] = [];
    for (const file of FILES) {
      again.push(await importDecp(store.db, sharedDataPath('decp', 'real-v1-2019', file)));
    }
    // Each contract is met once as its stored version (unchanged); every other record is a duplicate.
    expect(again.reduce((n, r) => n + r.counts.unchanged, 0)).toBe(expected.keys);
    for (const [i, r] of again.entries()) {
      expect(r.counts).toMatchObject({
        read: expected.perFile[i]!.read,
        inserted: 0,
        updated: 0,
        rejected: 0,
      });
      expect(r.counts.unchanged + r.counts.duplicate).toBe(r.counts.read);
    }
    expect(await tableFigures()).toEqual(before);
  });
});
