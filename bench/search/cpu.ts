import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';

/**
 * CPU time spent answering, as opposed to wall time: on a machine shared with other work, a query waits for
 * a core as long as it runs, and its wall latency says more about the load than about the engine.
 * - PGlite runs in this process: `process.cpuUsage()` (µs).
 * - The server's backends are other processes: `/proc/<pid>/schedstat` gives each one's time on a CPU (ns),
 *   and its time waiting for one, so the server must run on this machine (127.0.0.1).
 */

/** A reading of the CPU used so far. */
export interface CpuReading {
  /** CPU time (engine and this process), ms. */
  cpuMs: number;
  /** Time the server's backends waited for a core, ms (0 for PGlite: not measurable in process). */
  waitMs: number;
}

/** Reads the CPU used so far; null when it cannot be read. */
export type CpuProbe = () => CpuReading | null;

function processMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** The probe for PGlite: this process only. */
export function processProbe(): CpuProbe {
  return () => ({ cpuMs: processMs(), waitMs: 0 });
}

function schedstat(pid: number): [number, number] | null {
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return run === undefined || wait === undefined ? null : [run / 1e6, wait / 1e6];
  } catch {
    return null;
  }
}

/** The server processes serving a database, found by their title (`postgres: … <user> <database> <client>`). */
function backendsOf(database: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres: ') && title.includes(` ${database} `)) {
        pids.push(Number(entry));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/**
 * The probe for the server: this process plus every backend serving the bench database, found at each
 * reading (the pool opens and closes connections). A backend that ends between two readings takes its
 * CPU time with it: the figure can only be too low, never too high.
 */
export async function serverProbe(db: Kysely<Database>): Promise<CpuProbe> {
  const row = await sql<{ name: string }>`select current_database() as name`.execute(db);
  const database = row.rows[0]?.name ?? '';
  const readings = new Map<number, [number, number]>();
  return () => {
    for (const pid of backendsOf(database)) {
      const stat = schedstat(pid);
      if (stat !== null) {
        readings.set(pid, stat);
      }
    }
    // Backends that ended keep their last reading, so a difference of two readings never goes negative.
    let cpuMs = processMs();
    let waitMs = 0;
    for (const [run, wait] of readings.values()) {
      cpuMs += run;
      waitMs += wait;
    }
    return { cpuMs, waitMs };
  };
}
