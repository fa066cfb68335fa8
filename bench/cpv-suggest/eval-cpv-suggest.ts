/**
 * `npm run eval:cpv-suggest`: quality of the CPV suggestion on real DECP contract objects the store never
 * saw, against a naive TF-IDF nearest-neighbour vote on the same split.
 *
 * 1. The real 2019 DECP files of the shared data are split (holdout-split.ts): 15 % of the contracts
 *    (rule `contract`) or every contract of 15 % of the buyers (rule `buyer`) are held out, by hash; the
 *    rest is written to training files.
 * 2. A fresh store (PGlite in a temporary folder, or `--database-url` to an EMPTY PostgreSQL database) is
 *    migrated, then the CPV 2008 list, the training files and the real 2024 file are imported with the
 *    ordinary importers.
 * 3. Each held-out object with a CPV code of the list is a need. A: the buyer's exact code is among the 5
 *    suggestions; B: the first suggestion is in the buyer's division (2 first digits). Needs are split
 *    again by hash into a development fold (the weights were tuned on it) and a test fold.
 *
 * Options: `--split contract|buyer|both` (default both); `--store DIR` keeps the PGlite stores in DIR and
 * reuses them when already imported; `--database-url URL` (one split only); `--errors N` prints N misses
 * of the test fold; `--max N` evaluates the first N needs only.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { importCpv } from '../../src/ingest/cpv/import-cpv.ts';
import { importDecp } from '../../src/ingest/decp/import-decp.ts';
import { suggestCpv } from '../../src/search/cpv-suggest/index.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { HELD_OUT_PERCENT, splitDecpFiles, type HeldOutNeed, type SplitRule } from './holdout-split.ts';
import { BASELINE_NEIGHBOURS, trainTfidfBaseline } from './tfidf-baseline.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataRoot = path.resolve(repoRoot, process.env.AMONT_SHARED_DATA ?? '../shared/data');
const out = (line = '') => process.stdout.write(`${line}\n`);

const { values: args } = parseArgs({
  options: {
    split: { type: 'string', default: 'both' },
    store: { type: 'string' },
    'database-url': { type: 'string' },
    errors: { type: 'string', default: '0' },
    max: { type: 'string' },
  },
});

const foldOf = (key: string): 'dev' | 'test' =>
  createHash('sha256').update(`fold/${key}`).digest().readUInt8(0) % 2 === 0 ? 'dev' : 'test';

function jsonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Counters of one method on one fold. */
class Tally {
  n = 0;
  exactTop5 = 0;
  divisionFirst = 0;
  add(suggested: string[], truth: string): void {
    this.n++;
    this.exactTop5 += suggested.slice(0, 5).includes(truth) ? 1 : 0;
    this.divisionFirst += suggested[0]?.slice(0, 2) === truth.slice(0, 2) ? 1 : 0;
  }
  line(name: string): string {
    const pct = (k: number) => `${((100 * k) / Math.max(1, this.n)).toFixed(1)} %`.padStart(10);
    return `${name.padEnd(24)} ${String(this.n).padStart(5)} ${pct(this.exactTop5)} ${pct(this.divisionFirst)}`;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function openEvalStore(rule: SplitRule, work: string): Promise<{ store: Store; imported: boolean }> {
  const url = args['database-url'];
  const store = url
    ? await openStore({ databaseUrl: url })
    : await openStore({ dataDir: args.store ? path.join(args.store, rule) : path.join(work, 'store') });
  await migrateToLatest(store.db);
  const row = await sql<{ n: number }>`select count(*)::int as n from contracts`.execute(store.db);
  const count = row.rows[0]?.n ?? 0;
  if (count > 0 && url) {
    await store.close();
    throw new Error('--database-url must point to an empty database (its contracts would bias the split)');
  }
  return { store, imported: count > 0 };
}

async function evaluate(rule: SplitRule): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-cpv-eval-'));
  const split = await splitDecpFiles(jsonFiles(path.join(dataRoot, 'decp', 'real-v1-2019')), work, rule);
  const { store, imported } = await openEvalStore(rule, work);
  const db = store.db;
  try {
    if (!imported) {
      const started = Date.now();
      await importCpv(db, path.join(dataRoot, 'cpv', 'cpv_2008.csv'));
      for (const file of [...split.trainFiles, ...jsonFiles(path.join(dataRoot, 'decp', 'real-v2-2024'))]) {
        await importDecp(db, file);
      }
      out(`store (${store.backend}) imported in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const listed = new Set((await db.selectFrom('cpv_codes').select('code').execute()).map((r) => r.code));
    const training = await db
      .selectFrom('contracts')
      .select(['object', 'cpv_code'])
      .where('cpv_code', 'is not', null)
      .where('object', 'is not', null)
      .orderBy('id')
      .execute();
    const baseline = trainTfidfBaseline(training.map((c) => ({ object: c.object!, cpvCode: c.cpv_code! })));
    const needs = split.needs
      .filter((need) => listed.has(need.cpvCode))
      .slice(0, Number(args.max ?? Infinity));

    const tallies = new Map<string, Tally>();
    const tally = (name: string) => tallies.get(name) ?? tallies.set(name, new Tally()).get(name)!;
    const times: number[] = [];
    const misses: { need: HeldOutNeed; got: string[] }[] = [];
    for (const need of needs) {
      const fold = foldOf(need.key);
      const started = performance.now();
      const result = await suggestCpv(db, { q: need.object, limit: 5 });
      times.push(performance.now() - started);
      const codes = result.suggestions.map((s) => s.code);
      const naive = baseline.suggest(need.object, 5);
      for (const scope of [fold, 'all']) {
        tally(`baseline tf-idf, ${scope}`).add(naive, need.cpvCode);
        tally(`amont, ${scope}`).add(codes, need.cpvCode);
      }
      if (fold === 'test' && !codes.includes(need.cpvCode)) {
        misses.push({ need, got: codes });
      }
    }

    times.sort((a, b) => a - b);
    const key = rule === 'contract' ? 'buyer SIRET/DECP id' : 'buyer SIRET';
    out(
      `split « ${rule} »: sha256(${key}) % 100 < ${HELD_OUT_PERCENT} held out; records read ` +
        `${split.counts.read}, kept for training ${split.counts.train}, held out ${split.counts.heldOut}`,
    );
    out(
      `store: ${training.length} contracts with object and CPV code; needs: ${needs.length} held-out ` +
        'objects with a CPV code of the list (deduplicated)',
    );
    out(`baseline: TF-IDF cosine, ${BASELINE_NEIGHBOURS} nearest contracts vote for their exact code`);
    out();
    out(
      `${'method, fold'.padEnd(24)} ${'n'.padStart(5)} ${'A exact@5'.padStart(10)} ${'B div@1'.padStart(10)}`,
    );
    for (const scope of ['dev', 'test', 'all']) {
      out(tally(`baseline tf-idf, ${scope}`).line(`baseline tf-idf, ${scope}`));
      out(tally(`amont, ${scope}`).line(`amont, ${scope}`));
    }
    out();
    out(
      `time per suggestion (${store.backend}): median ${percentile(times, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(times, 95).toFixed(1)} ms, max ${percentile(times, 100).toFixed(1)} ms`,
    );
    for (const miss of misses.slice(0, Number(args.errors))) {
      out(`  ✗ ${miss.need.cpvCode} ← ${miss.need.object.slice(0, 100)} | got ${miss.got.join(' ')}`);
    }
    out();
  } finally {
    await store.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const rules: SplitRule[] = args.split === 'both' ? ['contract', 'buyer'] : [args.split as SplitRule];
if (!rules.every((rule) => rule === 'contract' || rule === 'buyer')) {
  throw new Error('--split must be contract, buyer or both');
}
if (args['database-url'] && rules.length > 1) {
  throw new Error('--database-url evaluates one split: add --split contract or --split buyer');
}
for (const rule of rules) {
  await evaluate(rule);
}
