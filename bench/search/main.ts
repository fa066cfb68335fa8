import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, Option } from 'commander';
import { createPostgresSearchIndex } from '../../src/search/index.ts';
import { sharedDataPath } from '../../test/setup/shared-data.ts';
import { CorpusGenerator } from './corpus.ts';
import {
  dropBenchDatabase,
  loadCorpus,
  measureSizes,
  openBenchStore,
  type BenchBackend,
  type StoreLocation,
} from './load.ts';
import { runConcurrent, runSequential, summarize, type Searcher, type Timing } from './measure.ts';
import { readOpenData, type OpenData } from './open-data.ts';
import { queryMix, type BenchQuery } from './queries.ts';
import { buildReference } from './reference.ts';
import { processProbe, serverProbe, type CpuProbe } from './cpu.ts';
import { formatMs, loadAverage, machineLine, printLatency, printLoad, printRatio, say } from './report.ts';

/**
 * `npm run bench:search -- [options]`: generates the corpus, loads it on PGlite and/or the PostgreSQL
 * server, runs the fixed query mix and prints load time, sizes, latency percentiles per query class and
 * throughput, then the same mix on MiniSearch in process and the ratio. See docs/benchmarks.md.
 */

interface Options {
  size: string;
  backend: 'pglite' | 'postgres' | 'both';
  queries: string;
  runs: string;
  reference: 'minisearch' | 'none';
  referenceMaxSize: string;
  data: string;
  seed: string;
  concurrency: string;
  loadWorkers: string;
  databaseUrl: string;
  database: string;
  pgliteDir: string;
  reuse: boolean;
  keep: boolean;
  scanLimit?: string;
  json?: string;
}

const program = new Command()
  .name('bench:search')
  .description(
    'Search engine benchmark: load, sizes, p50/p95/p99 per query class, throughput, MiniSearch ratio.',
  )
  .option('--size <list>', 'corpus sizes, comma-separated', '100000')
  .addOption(
    new Option('--backend <backend>', 'where to run').choices(['pglite', 'postgres', 'both']).default('both'),
  )
  .option('--queries <n>', 'queries in the mix', '200')
  .option('--runs <n>', 'timed passes over the mix (after one warm-up pass)', '3')
  .addOption(
    new Option('--reference <engine>', 'in-process reference')
      .choices(['minisearch', 'none'])
      .default('minisearch'),
  )
  .option('--reference-max-size <n>', 'largest corpus the reference indexes (memory)', '1000000')
  .option('--data <dir>', 'open-data folder (default AMONT_SHARED_DATA or ../shared/data)', sharedDataPath())
  .option('--seed <n>', 'seed of the corpus and the mix', '20261130')
  .option('--concurrency <n>', 'queries in flight for the server throughput run (0: none)', '4')
  .option('--load-workers <n>', 'batches written at the same time on the server', '2')
  .option(
    '--database-url <url>',
    'maintenance URL of the PostgreSQL server',
    process.env.AMONT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  )
  .option('--database <name>', 'bench database created on the server', 'amont_bench')
  .option(
    '--pglite-dir <dir>',
    'folder for the PGlite data folders',
    path.join(os.tmpdir(), 'amont-bench-search'),
  )
  .option('--reuse', 'reuse a store that already holds the same corpus (and keep it)', false)
  .option('--keep', 'keep the server database and PGlite folder after the run', false)
  .option(
    '--scan-limit <n>',
    'matching documents the engine reads at most per scan (default: the engine default)',
  )
  .option('--json <file>', 'write every timing to this file');

function positive(value: string, name: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(`--${name} must be a non-negative integer, got ${value}`);
  }
  return n;
}

/** One untimed warm-up pass, then `runs` timed passes; CPU probed from after the warm-up (open connections). */
async function timedPasses(
  search: Searcher,
  queries: BenchQuery[],
  runs: number,
  probe: () => Promise<CpuProbe>,
): Promise<Timing[]> {
  await runSequential(search, queries);
  const cpu = await probe();
  const all: Timing[] = [];
  for (let run = 1; run <= runs; run++) {
    const before = loadAverage();
    const { timings, wallMs } = await runSequential(search, queries, cpu);
    const summary = summarize(timings);
    const partial = timings.filter((t) => t.partial).length;
    say(
      `run ${run}: p50 ${formatMs(summary.p50)} ms, p95 ${formatMs(summary.p95)} ms, p99 ${formatMs(summary.p99)} ms, ` +
        `CPU p50 ${formatMs(summary.cpuP50)} ms, p95 ${formatMs(summary.cpuP95)} ms, ` +
        `sequential ${((queries.length * 1000) / wallMs).toFixed(1)} queries/s, ${partial} partial ` +
        `(load average ${before} → ${loadAverage()})`,
    );
    all.push(...timings);
  }
  return all;
}

async function benchBackend(
  backend: BenchBackend,
  size: number,
  context: {
    options: Options;
    data: OpenData;
    generator: CorpusGenerator;
    queries: BenchQuery[];
    location: StoreLocation;
  },
): Promise<{ all: Timing[]; compared: Timing[] }> {
  const { options, generator, queries, location } = context;
  const seed = positive(options.seed, 'seed');
  const concurrency = positive(options.concurrency, 'concurrency');
  say(`\n## ${backend}, ${size.toLocaleString('en')} documents`);
  const store = await openBenchStore(backend, location, size, seed, !options.reuse, Math.max(4, concurrency));
  try {
    let last = 0;
    const load = await loadCorpus(store, generator, {
      size,
      seed,
      dataRoot: options.data,
      workers: backend === 'postgres' ? positive(options.loadWorkers, 'load-workers') : 1,
      onProgress: (written) => {
        if (written - last >= size / 10 || written === size) {
          process.stderr.write(
            `  ${written.toLocaleString('en')} documents written (load average ${loadAverage()})\n`,
          );
          last = written;
        }
      },
    });
    printLoad(load, await measureSizes(store.db));
    const scanLimit = options.scanLimit === undefined ? undefined : positive(options.scanLimit, 'scan-limit');
    const index = createPostgresSearchIndex(store.db, { scanLimit });
    const timings = await timedPasses(
      (o) => index.search(o),
      queries,
      positive(options.runs, 'runs'),
      async () => (backend === 'pglite' ? processProbe() : serverProbe(store.db)),
    );
    const compared = printLatency(
      `${backend}, ${size.toLocaleString('en')} documents`,
      timings,
      positive(options.runs, 'runs'),
    );
    if (backend === 'postgres' && concurrency > 1) {
      const { perSecond } = await runConcurrent((o) => index.search(o), queries, concurrency);
      say(`throughput with ${concurrency} in flight: ${perSecond.toFixed(1)} queries/s`);
    }
    return { all: timings, compared };
  } finally {
    await store.close();
    if (!options.reuse && !options.keep) {
      if (backend === 'postgres') {
        await dropBenchDatabase(location);
      } else {
        fs.rmSync(path.join(location.pgliteRoot, `pglite-${size}-s${seed}`), {
          recursive: true,
          force: true,
        });
      }
    }
  }
}

async function main(): Promise<void> {
  const options = program.parse().opts<Options>();
  const sizes = options.size.split(',').map((value) => positive(value, 'size'));
  const seed = positive(options.seed, 'seed');
  const data = readOpenData(options.data);
  const queries = queryMix(data, positive(options.queries, 'queries'), seed);
  const location: StoreLocation = {
    pgliteRoot: options.pgliteDir,
    adminUrl: options.databaseUrl,
    database: options.database,
  };
  const backends: BenchBackend[] = options.backend === 'both' ? ['pglite', 'postgres'] : [options.backend];
  say(`# bench:search — ${new Date().toISOString()}`);
  say(`machine: ${machineLine()}, Node ${process.version}`);
  say(`mix: ${queries.length} queries, seed ${seed}; data ${options.data}`);
  const results: Record<string, Timing[]> = {};
  for (const size of sizes) {
    const generator = new CorpusGenerator(data, seed, size);
    const engine: Record<string, Timing[]> = {};
    for (const backend of backends) {
      const { all, compared } = await benchBackend(backend, size, {
        options,
        data,
        generator,
        queries,
        location,
      });
      engine[backend] = compared;
      results[`${backend}-${size}`] = all;
    }
    if (options.reference === 'minisearch') {
      if (size > positive(options.referenceMaxSize, 'reference-max-size')) {
        say(`\nMiniSearch skipped at ${size} documents (--reference-max-size ${options.referenceMaxSize})`);
        continue;
      }
      say(`\n## MiniSearch ${size.toLocaleString('en')} documents (in process)`);
      const reference = buildReference(generator, data, size);
      say(
        `build: ${(reference.buildMs / 1000).toFixed(1)} s, heap used ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`,
      );
      const timings = await timedPasses(reference.search, queries, positive(options.runs, 'runs'), () =>
        Promise.resolve(processProbe()),
      );
      const compared = printLatency(
        `MiniSearch, ${size.toLocaleString('en')} documents`,
        timings,
        positive(options.runs, 'runs'),
      );
      results[`minisearch-${size}`] = timings;
      for (const [backend, backendTimings] of Object.entries(engine)) {
        printRatio(`ratio ${backend} / MiniSearch`, summarize(backendTimings), summarize(compared));
      }
    }
  }
  if (options.json !== undefined) {
    const rows = Object.fromEntries(
      Object.entries(results).map(([key, timings]) => [
        key,
        timings.map((t) => ({
          kind: t.query.kind,
          options: t.query.options,
          ms: t.ms,
          cpuMs: t.cpuMs,
          total: t.total,
          partial: t.partial,
        })),
      ]),
    );
    fs.writeFileSync(options.json, JSON.stringify(rows, null, 1));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
