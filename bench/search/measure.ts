import type { SearchOptions } from '../../src/search/index.ts';
import type { CpuProbe } from './cpu.ts';
import type { BenchQuery } from './queries.ts';

/**
 * Runs the query mix against a search function and summarises latencies. The same harness times the
 * PostgreSQL engine (`SearchIndex.search`) and the in-process reference, so their figures compare.
 * A latency is the wall time of one awaited call, in ms (`performance.now()`); beside it, the CPU time the
 * engine spent on it (cpu.ts), which the load of a shared machine does not inflate as much.
 */

/** Anything that answers a search with its total (the engine, or the reference). */
export type Searcher = (options: SearchOptions) => Promise<{ total: number; partial?: unknown }>;

/** One timed query. */
export interface Timing {
  query: BenchQuery;
  ms: number;
  /** CPU time of the engine and the client, ms; null when not measurable. */
  cpuMs: number | null;
  total: number;
  /** The engine answered with partial counts (scan limit reached). */
  partial: boolean;
}

/** Latency summary of a group of queries, ms. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Percentiles of the CPU time, when measured for every query. */
  cpuP50: number;
  cpuP95: number;
}

/**
 * Runs every query once, in order, one at a time.
 * @returns the timings and the wall time of the whole run (ms)
 */
export async function runSequential(
  search: Searcher,
  queries: BenchQuery[],
  cpu: CpuProbe = () => null,
): Promise<{ timings: Timing[]; wallMs: number }> {
  const timings: Timing[] = [];
  const started = performance.now();
  for (const query of queries) {
    const before = cpu();
    const t0 = performance.now();
    const response = await search(query.options);
    const ms = performance.now() - t0;
    const after = cpu();
    timings.push({
      query,
      ms,
      cpuMs: before === null || after === null ? null : after.cpuMs - before.cpuMs,
      total: response.total,
      partial: response.partial !== undefined,
    });
  }
  return { timings, wallMs: performance.now() - started };
}

/**
 * Runs the queries with `concurrency` of them in flight.
 * @returns the wall time (ms) and queries per second
 */
export async function runConcurrent(
  search: Searcher,
  queries: BenchQuery[],
  concurrency: number,
): Promise<{ wallMs: number; perSecond: number }> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < queries.length) {
      const query = queries[next++];
      if (query !== undefined) {
        await search(query.options);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  return { wallMs, perSecond: (queries.length * 1000) / wallMs };
}

/**
 * For each query of the mix, its fastest run (wall and CPU time taken separately): the load of a shared
 * machine only ever adds time, so the minimum over runs is the closest figure to an idle machine.
 * @param timings every run's timings, run after run, each in mix order
 * @param runs number of runs
 */
export function bestOfRuns(timings: Timing[], runs: number): Timing[] {
  const size = timings.length / Math.max(1, runs);
  return Array.from({ length: size }, (_, i) => {
    const tries = Array.from({ length: runs }, (_, run) => timings[run * size + i]).filter(
      (t): t is Timing => t !== undefined,
    );
    const cpu = tries.map((t) => t.cpuMs);
    return {
      ...(tries[0] as Timing),
      ms: Math.min(...tries.map((t) => t.ms)),
      cpuMs: cpu.every((ms) => ms !== null) ? Math.min(...(cpu as number[])) : null,
    };
  });
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** p50, p95, p99, max and mean of the timings. */
export function summarize(timings: Timing[]): Summary {
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  const cpu = timings.map((t) => t.cpuMs);
  const cpuSorted = cpu.every((ms) => ms !== null) ? (cpu as number[]).sort((a, b) => a - b) : [];
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length),
    cpuP50: percentile(cpuSorted, 50),
    cpuP95: percentile(cpuSorted, 95),
  };
}

/** Bucket of a match count, for the per-size rows. */
export function matchBucket(total: number): string {
  return total < 1000
    ? 'matches < 1k'
    : total < 10_000
      ? 'matches 1k-10k'
      : total < 100_000
        ? 'matches 10k-100k'
        : 'matches >= 100k';
}

/** The classes a timing belongs to: all, its kind, its word count, filters, radius, match bucket. */
export function classesOf(timing: Timing): string[] {
  const q = timing.query;
  return [
    'all',
    `kind ${q.kind}`,
    `${q.words} word${q.words === 1 ? '' : 's'}`,
    q.facets ? 'with filters' : 'no filter',
    ...(q.radius ? ['with radius'] : []),
    matchBucket(timing.total),
    ...(timing.partial ? ['partial counts'] : []),
  ];
}

/** Summaries per class, in a stable order. */
export function summarizeByClass(timings: Timing[]): [string, Summary][] {
  const groups = new Map<string, Timing[]>();
  for (const timing of timings) {
    for (const name of classesOf(timing)) {
      groups.set(name, [...(groups.get(name) ?? []), timing]);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => classOrder(a) - classOrder(b) || a.localeCompare(b))
    .map(([name, group]) => [name, summarize(group)]);
}

function classOrder(name: string): number {
  const prefixes = [
    'all',
    'kind',
    '0 words',
    '1 word',
    '2 words',
    '3 words',
    '4 words',
    'no filter',
    'with',
    'matches',
  ];
  const index = prefixes.findIndex((prefix) => name.startsWith(prefix));
  return index === -1 ? prefixes.length : index;
}
