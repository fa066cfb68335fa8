import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCpvCode, buildSupplier } from '../../../../test/factories/index.ts';
import { buildUser, type BuiltUser } from '../../../../test/factories/accounts.ts';
import { addMember, buildOrganisation } from '../../../../test/factories/showcase.ts';
import { htmlPage, minimalOdt, minimalPdf } from '../../../../test/fixtures/documents/documents.ts';
import { loggedInClient, pageText, type InjectClient } from '../../../../test/setup/inject-client.ts';
import { submitUpload } from '../../../../test/setup/multipart.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Organisation } from '../../../domain/organisations/index.ts';
import { formatMegabytes } from '../../../domain/solutions/index.ts';
import { createPostgresSearchIndex, reindexAll } from '../../../search/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('pages /mon-organisation', () => {
  let store: Store;
  let app: FastifyInstance;
  let organisation: Organisation;
  let member: BuiltUser;
  let browser: InjectClient;
  let ip = 0;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store, uploads: undefined });
    await buildCpvCode(store.db, { code: '72000000', check_digit: '5' });
    const unit = await buildSupplier(store.db, { name: 'CAPTEURS ARMORICAINS' });
    organisation = await buildOrganisation(store.db, { siret: unit.head_office_siret!, name: unit.name });
    member = await buildUser(store.db, { display_name: 'Yann Membre' });
    await addMember(store.db, organisation.id, member.id, 'admin');
    await reindexAll(store.db);
    browser = await loggedInClient(
      app,
      { email: member.email!, password: member.password },
      `192.0.2.${++ip}`,
    );
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  /** Creates a draft through the form and returns its management page URL. */
  async function createDraft(title: string, extra: Record<string, string> = {}): Promise<string> {
    const res = await browser.submit(
      `/mon-organisation/${organisation.siret}/solutions/nouvelle`,
      `/mon-organisation/${organisation.siret}/solutions/nouvelle`,
      {
        title,
        summary: 'Capteurs autonomes pour bâtiments publics.',
        cpvCodes: '72000000',
        trl: '7',
        perimeterKind: 'national',
        ...extra,
      },
    );
    expect(res.statusCode).toBe(303);
    return res.headers.location!.replace(/\?.*$/, '');
  }

  it('sends an anonymous visitor to the login page', async () => {
    const res = await app.inject(`/mon-organisation/${organisation.siret}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(
      `/compte/connexion?retour=${encodeURIComponent(`/mon-organisation/${organisation.siret}`)}`,
    );
  });

  it('creates a draft, shows field errors in French, publishes it and makes it searchable', async () => {
    const bad = await browser.submit(
      `/mon-organisation/${organisation.siret}/solutions/nouvelle`,
      `/mon-organisation/${organisation.siret}/solutions/nouvelle`,
      { title: '', trl: '12', perimeterKind: 'radius', commune: '', radiusKm: '' },
    );
    expect(bad.statusCode).toBe(400);
    const text = pageText(bad.body);
    expect(text).toContain('Il y a un problème');
    expect(text).toContain('Donnez un titre à la solution.');
    expect(text).toContain('Indiquez la commune autour de laquelle vous intervenez.');

    const page = await createDraft('Sondes géothermiques connectées');
    expect(page).toMatch(/^\/mon-organisation\/solutions\/\d+$/);
    const id = page.split('/').pop()!;
    expect(pageText((await browser.get(`${page}?fait=creee`)).body)).toContain('Brouillon');
    expect((await app.inject(`/solutions/${id}`)).statusCode).toBe(404);

    const published = await browser.submit(page, `${page}/publication`, {});
    expect(published.statusCode).toBe(303);
    const publicPage = await app.inject(`/solutions/${id}`);
    expect(publicPage.statusCode).toBe(200);
    expect(pageText(publicPage.body)).toContain('TRL 7 – démonstration en environnement opérationnel');
    const found = await createPostgresSearchIndex(store.db).search({ q: 'sondes géothermiques' });
    expect(found.results.map((r) => r.siren)).toEqual([organisation.siren]);
  });

  it('uploads a PDF and an ODT, serves them as attachments, and refuses an HTML page named .pdf', async () => {
    const page = await createDraft('Plaquettes');
    const action = `${page}/documents`;
    const pdf = minimalPdf();
    const ok = await submitUpload(browser, page, action, {
      field: 'document',
      fileName: 'Plaquette été.pdf',
      contentType: 'application/pdf',
      bytes: pdf,
    });
    expect(ok.statusCode).toBe(303);
    expect(
      (
        await submitUpload(browser, page, action, {
          field: 'document',
          fileName: 'fiche.odt',
          contentType: 'application/octet-stream',
          bytes: minimalOdt(),
        })
      ).statusCode,
    ).toBe(303);
    const fake = await submitUpload(browser, page, action, {
      field: 'document',
      fileName: 'piege.pdf',
      contentType: 'application/pdf',
      bytes: htmlPage(),
    });
    expect(fake.statusCode).toBe(400);
    expect(pageText(fake.body)).toContain(
      'Ce fichier n’est ni un PDF, ni un document ODT, ni un document DOCX',
    );

    const html = (await browser.get(page)).body;
    const links = [...html.matchAll(/href="(\/solutions\/\d+\/documents\/\d+)"/g)].map((m) => m[1]!);
    expect(links).toHaveLength(2);
    const download = await browser.get(links[0]!);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Plaquette _t_.pdf"; filename*=UTF-8''${encodeURIComponent('Plaquette été.pdf')}`,
    );
    expect(download.rawPayload.equals(pdf)).toBe(true);
    // The draft's documents are not public.
    expect((await app.inject(links[0]!)).statusCode).toBe(404);
  });

  it('refuses a file above the limit with a French message', async () => {
    const small = await buildApp({ store, uploads: { storage: app.uploads.storage, maxBytes: 100 } });
    try {
      const client = await loggedInClient(
        small,
        { email: member.email!, password: member.password },
        `192.0.2.${++ip}`,
      );
      const page = await createDraft('Trop gros');
      const res = await submitUpload(client, page, `${page}/documents`, {
        field: 'document',
        fileName: 'gros.pdf',
        contentType: 'application/pdf',
        bytes: minimalPdf(),
      });
      expect(res.statusCode).toBe(400);
      expect(pageText(res.body)).toContain(
        `Le fichier dépasse la taille maximale de ${formatMegabytes(100)}.`,
      );
    } finally {
      await small.close();
    }
  });

  it('saves the profile and adds a declared reference', async () => {
    const profilePage = `/mon-organisation/${organisation.siret}/profil`;
    const res = await browser.submit(profilePage, profilePage, {
      description: 'Bureau d’études.',
      website: 'capteurs-armoricains.fr',
      labels: 'ess',
      innovationSignals: 'jei',
    });
    expect(res.statusCode).toBe(303);
    const added = await browser.submit(profilePage, `/mon-organisation/${organisation.siret}/references`, {
      buyerName: 'Clinique du Parc',
      year: '2022',
      referenceTitle: 'Sondes de CO2',
      amount: '12 000',
    });
    expect(added.statusCode).toBe(303);
    const publicText = pageText((await app.inject(`/organisations/${organisation.siret}`)).body);
    expect(publicText).toContain('Bureau d’études.');
    expect(publicText).toContain('Jeune entreprise innovante (JEI');
    expect(publicText).toContain('Clinique du Parc');
    const found = await createPostgresSearchIndex(store.db).search({ q: 'capteurs armoricains' });
    const doc = await store.db
      .selectFrom('search_documents')
      .select('innovation_signals')
      .where('siren', '=', organisation.siren)
      .executeTakeFirstOrThrow();
    expect(found.total).toBeGreaterThan(0);
    expect(doc.innovation_signals).toEqual(['jei']);
  });

  it('creates an API token shown once, which then writes through the API without CSRF', async () => {
    const tokensPage = `/mon-organisation/${organisation.siret}/jetons`;
    const res = await browser.submit(tokensPage, tokensPage, { name: 'Catalogue' });
    expect(res.statusCode).toBe(200);
    const secret = /<code class="amont-token" id="new-token">(amont_[A-Za-z0-9_-]{43})<\/code>/.exec(
      res.body,
    )?.[1];
    expect(secret).toBeDefined();
    expect((await browser.get(tokensPage)).body).not.toContain(secret!);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/solutions',
      headers: { authorization: `Bearer ${secret}` },
      payload: { organisation: organisation.siret, title: 'Par l’API' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      title: 'Par l’API',
      status: 'draft',
      organisation: { siret: organisation.siret },
    });
  });
});
