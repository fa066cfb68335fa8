import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { htmlPage, minimalPdf } from '../../../test/fixtures/documents/documents.ts';
import { buildUser } from '../../../test/factories/accounts.ts';
import {
  buildBuyerMember,
  buildProject,
  buildSupplierMember,
  type BuiltMember,
} from '../../../test/factories/projects.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { DiskStorage } from '../../storage/index.ts';
import { ANONYMOUS, userActor } from '../accounts/index.ts';
import { DomainError } from '../shared/index.ts';
import { formatMegabytes } from '../solutions/index.ts';
import { changeProjectStatus } from './change-project-status.ts';
import { getProject } from './find-project.ts';
import { attachStudy, openStudy, setStudyVisibility } from './project-studies.ts';

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) {
      return `${error.code}: ${error.userMessage}`;
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

const MAX_BYTES = 64 * 1024;

describeWithStore('preliminary studies', () => {
  let store: Store;
  let root: string;
  let storage: DiskStorage;
  let buyer: BuiltMember;
  let supplier: BuiltMember;

  beforeAll(async () => {
    store = await openTestStore();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-studies-'));
    storage = new DiskStorage(root);
    buyer = await buildBuyerMember(store.db);
    supplier = await buildSupplierMember(store.db);
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('stores a study checked from its content, then a new version, and versions both once published', async () => {
    const project = await buildProject(store.db, buyer);
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const pdf = minimalPdf('Etude de marche v1');
    const first = await attachStudy(
      store.db,
      storage,
      buyer.actor,
      project.id,
      { title: 'Étude de marché', fileName: 'C:\\temp\\etude.PDF', bytes: pdf },
      MAX_BYTES,
    );
    expect(first).toMatchObject({
      version: 1,
      title: 'Étude de marché',
      fileName: 'etude.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.byteLength,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      visibility: 'public',
      replacedBy: null,
    });
    expect(first.storageKey).toMatch(new RegExp(`^projects/${project.id}/[0-9a-f-]{36}$`));
    expect(fs.readFileSync(path.join(root, ...first.storageKey.split('/')))).toEqual(pdf);

    const v2 = minimalPdf('Etude de marche v2');
    const second = await attachStudy(
      store.db,
      storage,
      buyer.actor,
      project.id,
      { title: 'Étude de marché', fileName: 'etude-v2.pdf', bytes: v2, replaces: first.id },
      MAX_BYTES,
    );
    expect(second.version).toBe(2);
    // Only the current version may be replaced.
    expect(
      await failure(
        attachStudy(
          store.db,
          storage,
          buyer.actor,
          project.id,
          { title: 'x', fileName: 'x.pdf', bytes: v2, replaces: first.id },
          MAX_BYTES,
        ),
      ),
    ).toBe('project_document.not_found: Ce document n’existe pas.');

    const details = await getProject(store.db, ANONYMOUS, project.id);
    expect(details.documents.map((d) => [d.id, d.version, d.replacedBy])).toEqual([
      [first.id, 1, second.id],
      [second.id, 2, null],
    ]);
    expect(details.versions.map((v) => v.diff)).toEqual([
      {
        [`documents.${first.id}`]: {
          before: { title: 'Étude de marché', version: 1, fileName: 'etude.pdf' },
          after: { title: 'Étude de marché', version: 2, fileName: 'etude-v2.pdf' },
        },
      },
      {
        [`documents.${first.id}`]: {
          before: null,
          after: { title: 'Étude de marché', version: 1, fileName: 'etude.pdf' },
        },
      },
    ]);
    // Old versions stay downloadable.
    expect((await openStudy(store.db, storage, ANONYMOUS, project.id, first.id)).bytes).toEqual(pdf);
  });

  it('refuses a file that is not a document, an empty one, a too large one, and a study without title', async () => {
    const project = await buildProject(store.db, buyer);
    const attach = (fileName: string, bytes: Buffer, title = 'Étude') =>
      failure(attachStudy(store.db, storage, buyer.actor, project.id, { title, fileName, bytes }, MAX_BYTES));
    expect(await attach('etude.pdf', htmlPage())).toBe(
      'project_document.invalid: Ce fichier n’est ni un PDF, ni un document ODT, ni un document DOCX (d’après son contenu, quel que soit son nom).',
    );
    expect(await attach('vide.pdf', Buffer.alloc(0))).toMatch(
      /^project_document\.invalid: Le fichier est vide/,
    );
    const large = Buffer.concat([minimalPdf(), Buffer.alloc(MAX_BYTES)]);
    expect(await attach('gros.pdf', large)).toBe(
      `project_document.invalid: Le fichier dépasse la taille maximale de ${formatMegabytes(MAX_BYTES)} (${formatMegabytes(large.byteLength)}).`,
    );
    expect(await attach('etude.pdf', minimalPdf(), ' ')).toBe(
      'project_document.invalid: Donnez un titre à l’étude (200 caractères au plus).',
    );
    expect(
      await failure(
        attachStudy(
          store.db,
          storage,
          supplier.actor,
          project.id,
          { title: 'x', fileName: 'x.pdf', bytes: minimalPdf() },
          MAX_BYTES,
        ),
      ),
    ).toBe('project.not_found: Ce projet d’achat n’existe pas ou n’est pas public.');
    // Nothing was left in the storage by the refused uploads.
    expect(fs.existsSync(path.join(root, 'projects', String(project.id)))).toBe(false);
  });

  it('reserves a study to signed-in suppliers and the buyer, as the buyer chooses', async () => {
    const project = await buildProject(store.db, buyer);
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const study = await attachStudy(
      store.db,
      storage,
      buyer.actor,
      project.id,
      {
        title: 'Diagnostic',
        fileName: 'diagnostic.pdf',
        bytes: minimalPdf('Diagnostic'),
        visibility: 'suppliers',
      },
      MAX_BYTES,
    );
    const stranger = userActor((await buildUser(store.db)).id);
    expect(await failure(openStudy(store.db, storage, ANONYMOUS, project.id, study.id))).toMatch(
      /^auth\.unauthenticated: /,
    );
    expect(await failure(openStudy(store.db, storage, stranger, project.id, study.id))).toMatch(
      /^auth\.forbidden: /,
    );
    expect((await openStudy(store.db, storage, supplier.actor, project.id, study.id)).document.id).toBe(
      study.id,
    );
    expect((await openStudy(store.db, storage, buyer.actor, project.id, study.id)).document.fileName).toBe(
      'diagnostic.pdf',
    );

    await setStudyVisibility(store.db, buyer.actor, project.id, study.id, 'public');
    expect((await openStudy(store.db, storage, ANONYMOUS, project.id, study.id)).bytes).toEqual(
      minimalPdf('Diagnostic'),
    );
    expect(
      await failure(setStudyVisibility(store.db, supplier.actor, project.id, study.id, 'suppliers')),
    ).toMatch(/^auth\.forbidden: /);
    const history = (await getProject(store.db, ANONYMOUS, project.id)).versions.map(
      (v) => Object.keys(v.diff)[0],
    );
    expect(history).toEqual([`documents.${study.id}.visibility`, `documents.${study.id}`]);
  });
});
