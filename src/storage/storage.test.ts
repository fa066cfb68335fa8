import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../domain/shared/domain-error.ts';
import { DiskStorage, StorageMissError } from './index.ts';
import { loadUploadSettings } from './upload-settings.ts';

describe('DiskStorage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-storage-'));
  const storage = new DiskStorage(root);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes, reads back and deletes a document under its key', async () => {
    const bytes = Buffer.from('%PDF-1.4 contenu');
    await storage.put('solutions/7/3f0c2a9e-1b2c-4d5e-8f90-0123456789ab', bytes);
    expect(
      fs.readFileSync(path.join(root, 'solutions', '7', '3f0c2a9e-1b2c-4d5e-8f90-0123456789ab')),
    ).toEqual(bytes);
    expect(await storage.get('solutions/7/3f0c2a9e-1b2c-4d5e-8f90-0123456789ab')).toEqual(bytes);
    await storage.delete('solutions/7/3f0c2a9e-1b2c-4d5e-8f90-0123456789ab');
    await expect(storage.get('solutions/7/3f0c2a9e-1b2c-4d5e-8f90-0123456789ab')).rejects.toBeInstanceOf(
      StorageMissError,
    );
    expect(fs.readdirSync(path.join(root, 'solutions', '7'))).toEqual([]);
  });

  it.each(['../etc/passwd', 'solutions/../../x', '/tmp/x', 'solutions/1/a.pdf', 'solutions'])(
    'refuses the key %s',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    },
  );
});

describe('loadUploadSettings', () => {
  it('defaults to the data folder and 10 MiB', () => {
    expect(loadUploadSettings({}, '/srv/amont/var')).toEqual({
      uploadsDir: '/srv/amont/var/uploads',
      uploadMaxBytes: 10 * 1024 * 1024,
    });
    expect(
      loadUploadSettings(
        { AMONT_UPLOADS_DIR: '/data/docs', AMONT_UPLOAD_MAX_BYTES: '2097152' },
        '/srv/amont/var',
      ),
    ).toEqual({ uploadsDir: '/data/docs', uploadMaxBytes: 2_097_152 });
  });

  it('refuses a limit that is not a whole number of bytes in range', () => {
    for (const value of ['10 Mo', '12.5', '0', '999999999999']) {
      expect(() => loadUploadSettings({ AMONT_UPLOAD_MAX_BYTES: value }, '/srv')).toThrow(DomainError);
    }
  });
});
