import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { failureOf } from '../../../test/setup/domain-failure.ts';
import { buildUser } from '../../../test/factories/accounts.ts';
import { addMember, buildOrganisation, buildSolution } from '../../../test/factories/showcase.ts';
import { htmlPage, minimalDocx, minimalOdt, minimalPdf } from '../../../test/fixtures/documents/documents.ts';
import type { Store } from '../../store/database.ts';
import { DiskStorage } from '../../storage/index.ts';
import { ANONYMOUS, userActor, type Actor } from '../accounts/index.ts';
import { auditTrail } from '../audit/audit-log.ts';
import type { Organisation } from '../organisations/index.ts';
import { attachDocument, openDocument, removeDocument } from './solution-documents.ts';
import { deleteSolution } from './update-solution.ts';

const codeOf = async (promise: Promise<unknown>) => (await failureOf(promise)).code;
const LIMIT = 1024 * 1024;

/** Every file under a folder, relative paths. */
function filesUnder(root: string): string[] {
  return fs.existsSync(root)
    ? (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
        .sort()
    : [];
}

describeWithStore('solution documents', () => {
  let store: Store;
  let root: string;
  let storage: DiskStorage;
  let organisation: Organisation;
  let member: Actor;

  beforeAll(async () => {
    store = await openTestStore();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-uploads-'));
    storage = new DiskStorage(root);
    organisation = await buildOrganisation(store.db);
    const user = await buildUser(store.db);
    await addMember(store.db, organisation.id, user.id);
    member = userActor(user.id);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('stores a PDF, an ODT and a DOCX on disk with their checksum, and audits each', async () => {
    const solution = await buildSolution(store.db, organisation);
    const pdf = minimalPdf();
    const saved = [
      await attachDocument(
        store.db,
        storage,
        member,
        solution.id,
        { fileName: 'plaquette.pdf', bytes: pdf },
        LIMIT,
      ),
      await attachDocument(
        store.db,
        storage,
        member,
        solution.id,
        { fileName: 'fiche.odt', bytes: minimalOdt() },
        LIMIT,
      ),
      await attachDocument(
        store.db,
        storage,
        member,
        solution.id,
        { fileName: 'memoire.docx', bytes: minimalDocx() },
        LIMIT,
      ),
    ];
    expect(saved.map((d) => [d.fileName, d.mediaType])).toEqual([
      ['plaquette.pdf', 'application/pdf'],
      ['fiche.odt', 'application/vnd.oasis.opendocument.text'],
      ['memoire.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    expect(saved[0]).toMatchObject({
      sizeBytes: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    const onDisk = fs.readFileSync(path.join(root, ...saved[0]!.storageKey.split('/')));
    expect(onDisk.equals(pdf)).toBe(true);
    expect(saved[0]!.storageKey).toMatch(new RegExp(`^solutions/${solution.id}/[0-9a-f-]{36}$`));
    const trail = await auditTrail(store.db, 'solution', String(solution.id));
    expect(trail.map((e) => e.action)).toEqual(Array(3).fill('solution.document_added'));
  });

  it('refuses an HTML page named .pdf and leaves no file behind', async () => {
    const solution = await buildSolution(store.db, organisation);
    const before = filesUnder(root);
    expect(
      await codeOf(
        attachDocument(
          store.db,
          storage,
          member,
          solution.id,
          { fileName: 'plaquette.pdf', bytes: htmlPage() },
          LIMIT,
        ),
      ),
    ).toBe('solution_document.invalid');
    expect(filesUnder(root)).toEqual(before);
  });

  it('serves a published solution’s document to anyone, a draft’s only to its members', async () => {
    const draft = await buildSolution(store.db, organisation);
    const doc = await attachDocument(
      store.db,
      storage,
      member,
      draft.id,
      { fileName: 'a.pdf', bytes: minimalPdf('A') },
      LIMIT,
    );
    expect(
      (await openDocument(store.db, storage, member, draft.id, doc.id)).bytes.equals(minimalPdf('A')),
    ).toBe(true);
    expect(await codeOf(openDocument(store.db, storage, ANONYMOUS, draft.id, doc.id))).toBe(
      'solution.not_found',
    );
    expect(
      await codeOf(
        attachDocument(
          store.db,
          storage,
          ANONYMOUS,
          draft.id,
          { fileName: 'a.pdf', bytes: minimalPdf() },
          LIMIT,
        ),
      ),
    ).toBe('auth.unauthenticated');
    const published = await buildSolution(store.db, organisation, { status: 'published' });
    const pub = await attachDocument(
      store.db,
      storage,
      member,
      published.id,
      { fileName: 'b.pdf', bytes: minimalPdf('B') },
      LIMIT,
    );
    expect((await openDocument(store.db, storage, ANONYMOUS, published.id, pub.id)).document.fileName).toBe(
      'b.pdf',
    );
    expect(await codeOf(openDocument(store.db, storage, ANONYMOUS, published.id, doc.id))).toBe(
      'solution_document.not_found',
    );
  });

  it('removes a document and its file', async () => {
    const solution = await buildSolution(store.db, organisation);
    const doc = await attachDocument(
      store.db,
      storage,
      member,
      solution.id,
      { fileName: 'c.pdf', bytes: minimalPdf() },
      LIMIT,
    );
    await removeDocument(store.db, storage, member, solution.id, doc.id);
    expect(fs.existsSync(path.join(root, ...doc.storageKey.split('/')))).toBe(false);
    expect(await codeOf(openDocument(store.db, storage, member, solution.id, doc.id))).toBe(
      'solution_document.not_found',
    );
  });

  it('deletes a solution with its files, auditing what it was', async () => {
    const solution = await buildSolution(store.db, organisation, { title: 'À supprimer' });
    const doc = await attachDocument(
      store.db,
      storage,
      member,
      solution.id,
      { fileName: 'd.pdf', bytes: minimalPdf() },
      LIMIT,
    );
    await deleteSolution(store.db, storage, member, solution.id);
    expect(fs.existsSync(path.join(root, ...doc.storageKey.split('/')))).toBe(false);
    const trail = await auditTrail(store.db, 'solution', String(solution.id));
    expect(trail.at(-1)).toMatchObject({
      action: 'solution.deleted',
      after: null,
      before: expect.objectContaining({ title: 'À supprimer', documents: ['d.pdf'] }),
    });
  });
});
