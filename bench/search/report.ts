import os from 'node:os';
import type { LoadReport, SizeReport } from './load.ts';
import { bestOfRuns, summarizeByClass, type Summary, type Timing } from './measure.ts';

/** Printing of the benchmark's figures: plain aligned text on stdout, Markdown-friendly. */

/** Writes a line on stdout. */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (millis: number) => `${(millis / 1000).toFixed(1)} s`;

/** Load average and machine, for the heading of a run. */
export function machineLine(): string {
  const [one, five, fifteen] = os.loadavg().map((value) => value.toFixed(2));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${one} ${five} ${fifteen}`;
}

/** The current 1-minute load average, 2 decimals. */
export function loadAverage(): string {
  return (os.loadavg()[0] ?? 0).toFixed(2);
}

/** Load phases and sizes. */
export function printLoad(load: LoadReport, sizes: SizeReport): void {
  if (load.reused) {
    say(`load: reused (store already holds this corpus)`);
  } else {
    say(
      `load: ${s(load.totalMs)} = reference data ${s(load.referenceMs)} + documents ${s(load.documentsMs)} ` +
        `(${Math.round((sizes.documents * 1000) / Math.max(1, load.documentsMs))} docs/s) + indexes ${s(load.indexesMs)} ` +
        `+ lexicon ${s(load.lexiconMs)} + vacuum analyze ${s(load.analyzeMs)} + facet cache ${s(load.cacheMs)}`,
    );
  }
  say(
    `size: ${sizes.documents} documents, search_documents ${mb(sizes.total)} ` +
      `(heap ${mb(sizes.table)}, toast ${mb(sizes.toast)}, indexes ${mb(sizes.indexes)}), search_lexicon ${mb(sizes.lexicon)}`,
  );
  say(
    `indexes: ${sizes.indexSizes.map(([name, bytes]) => `${name.replace('search_documents_', '')} ${mb(bytes)}`).join(', ')}`,
  );
}

/** A latency table: one row per class, wall time then CPU time. */
export function printSummaries(title: string, rows: [string, Summary][]): void {
  say(title);
  say('| class | n | p50 ms | p95 ms | p99 ms | max ms | CPU p50 ms | CPU p95 ms |');
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, summary] of rows) {
    say(
      `| ${name} | ${summary.n} | ${ms(summary.p50)} | ${ms(summary.p95)} | ${ms(summary.p99)} | ${ms(summary.max)} ` +
        `| ${ms(summary.cpuP50)} | ${ms(summary.cpuP95)} |`,
    );
  }
}

/**
 * The latency tables of one engine: every run, then (with several runs) each query's best run.
 * @returns the timings to compare engines with: the best runs, or the only run
 */
export function printLatency(label: string, timings: Timing[], runs: number): Timing[] {
  printSummaries(`\nlatency, ${label}, all runs:`, summarizeByClass(timings));
  if (runs <= 1) {
    return timings;
  }
  const best = bestOfRuns(timings, runs);
  printSummaries(`\nlatency, ${label}, best of ${runs} runs per query:`, summarizeByClass(best));
  return best;
}

/** Ratio line: engine ÷ reference at p50 and p95. */
export function printRatio(label: string, engine: Summary, reference: Summary): void {
  say(
    `${label}: p50 ${ms(engine.p50)} / ${ms(reference.p50)} ms = ×${(engine.p50 / reference.p50).toFixed(1)}, ` +
      `p95 ${ms(engine.p95)} / ${ms(reference.p95)} ms = ×${(engine.p95 / reference.p95).toFixed(1)}`,
  );
}

export { ms as formatMs };
