import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDataPath } from '../setup/shared-data.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A `amont serve` child process, as `npm start` runs it, and what it printed. */
interface Served {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

/** Starts `amont serve` on a free port and waits until it says it is ready (or exits). */
function serve(env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/amont.js'), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Amont est prêt : (http:\/\/\S+)/.exec(output);
      if (ready?.[1]) {
        resolve({ child, baseUrl: ready[1], output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`amont serve exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

function stop(served: Served): Promise<void> {
  return new Promise((resolve) => {
    served.child.once('exit', () => resolve());
    served.child.kill('SIGTERM');
  });
}

describe('first start of `amont serve` (what `npm start` runs)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-first-start-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  // An open-data folder laid out like ../shared/data, with the real CPV list and one real DECP file.
  const seedDir = path.join(tmp, 'open-data');
  fs.mkdirSync(path.join(seedDir, 'cpv'), { recursive: true });
  fs.mkdirSync(path.join(seedDir, 'decp', 'real-v1-2019'), { recursive: true });
  fs.symlinkSync(sharedDataPath('cpv/cpv_2008.csv'), path.join(seedDir, 'cpv', 'cpv_2008.csv'));
  const decpFile = sharedDataPath('decp/real-v1-2019/e-marchespublics.json');
  fs.symlinkSync(decpFile, path.join(seedDir, 'decp', 'real-v1-2019', 'e-marchespublics.json'));
  const raw = JSON.parse(fs.readFileSync(decpFile, 'utf8')) as { marches: unknown[] };

  it('imports the open data with progress and reports on the first start, then reuses it', async () => {
    const dataDir = path.join(tmp, 'var');
    const first = await serve({ AMONT_DATA_DIR: dataDir, AMONT_SEED_DIR: seedDir });
    try {
      expect(first.output()).toContain(`Premier démarrage : import des données ouvertes de ${seedDir}`);
      expect(first.output()).toContain('Import DECP — ');
      // The titulaires just imported are searchable at once: the seed ends by building the search index.
      expect(first.output()).toMatch(/Index de recherche reconstruit : [1-9][\d  ]* documents écrits/);
      const list = (await (await fetch(`${first.baseUrl}/api/v1/imports`)).json()) as {
        results: { kind: string; file: string; counts: Record<string, number> }[];
      };
      const decp = list.results.find((r) => r.kind === 'decp');
      expect(decp?.file).toBe('e-marchespublics.json');
      expect(decp?.counts.read).toBe(raw.marches.length);
      const c = decp!.counts;
      expect(c.inserted! + c.updated! + c.unchanged! + c.duplicate! + c.rejected!).toBe(raw.marches.length);
      const home = await (await fetch(`${first.baseUrl}/`)).text();
      expect(home).toContain('data-count="contracts"');
    } finally {
      await stop(first);
    }
    expect(fs.existsSync(path.join(dataDir, 'amont.lock'))).toBe(false);

    const second = await serve({ AMONT_DATA_DIR: dataDir, AMONT_SEED_DIR: seedDir });
    try {
      expect(second.output()).not.toContain('Premier démarrage');
      const list = (await (await fetch(`${second.baseUrl}/api/v1/imports`)).json()) as { total: number };
      expect(list.total).toBe(2);
    } finally {
      await stop(second);
    }
  });

  it('starts empty with a warning, and does not mark the store seeded, when the seed folder is missing', async () => {
    const dataDir = path.join(tmp, 'var-missing');
    const missing = path.join(tmp, 'no-such-folder');
    const served = await serve({ AMONT_DATA_DIR: dataDir, AMONT_SEED_DIR: missing });
    try {
      expect(served.output()).toContain(`aucun fichier de données ouvertes dans ${missing}`);
    } finally {
      await stop(served);
    }
    const again = await serve({ AMONT_DATA_DIR: dataDir, AMONT_SEED_DIR: seedDir });
    try {
      expect(again.output()).toContain('Premier démarrage');
    } finally {
      await stop(again);
    }
  });

  it('says in French why it cannot listen on a busy port, and releases the store', async () => {
    const blocker = await serve({ AMONT_DATA_DIR: path.join(tmp, 'var-a'), AMONT_SEED_DIR: 'none' });
    const port = new URL(blocker.baseUrl).port;
    try {
      const dataDir = path.join(tmp, 'var-b');
      const child = spawn(process.execPath, [path.join(repoRoot, 'bin/amont.js'), 'serve'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          PORT: port,
          AMONT_DATA_DIR: dataDir,
          AMONT_SEED_DIR: 'none',
          DATABASE_URL: '',
        },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`le port ${port} est déjà utilisé par un autre programme`);
      expect(fs.existsSync(path.join(dataDir, 'amont.lock'))).toBe(false);
    } finally {
      await stop(blocker);
    }
  });
});
