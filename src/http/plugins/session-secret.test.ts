import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSessionSecret, SESSION_SECRET_FILE } from './session-secret.ts';

describe('resolveSessionSecret', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-secret-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses AMONT_SESSION_SECRET when set, and writes nothing', () => {
    const secret = 'a'.repeat(40);
    expect(resolveSessionSecret({ sessionSecret: secret, dataDir: path.join(dir, 'env') })).toEqual({
      secret,
      source: 'env',
    });
    expect(fs.existsSync(path.join(dir, 'env'))).toBe(false);
  });

  it('generates one secret per data folder, readable by its owner only, and keeps it', () => {
    const dataDir = path.join(dir, 'var');
    const first = resolveSessionSecret({ sessionSecret: undefined, dataDir });
    const file = path.join(dataDir, SESSION_SECRET_FILE);
    expect(first).toMatchObject({ source: 'generated', file });
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveSessionSecret({ sessionSecret: undefined, dataDir })).toEqual({ ...first, source: 'file' });
    const other = resolveSessionSecret({ sessionSecret: undefined, dataDir: path.join(dir, 'other') });
    expect(other.secret).not.toBe(first.secret);
  });
});
