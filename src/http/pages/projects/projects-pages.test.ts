import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { minimalPdf } from '../../../../test/fixtures/documents/documents.ts';
import {
  buildBuyerMember,
  buildProject,
  buildSupplierMember,
  type BuiltMember,
} from '../../../../test/factories/projects.ts';
import type { InjectClient } from '../../../../test/setup/inject-client.ts';
import { loggedInClient, pageText } from '../../../../test/setup/inject-client.ts';
import { uploadStudy } from '../../../../test/setup/project-studies.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { changeProjectStatus, updateProject } from '../../../domain/projects/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

/** The buyer's pages of purchase projects (« Mon organisation »). Public pages: public-projects-pages.test.ts. */
describeWithStore('buyer pages /mon-organisation/…/projets', () => {
  let store: Store;
  let app: FastifyInstance;
  let buyer: BuiltMember;
  let client: InjectClient;
  let ip = 10;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
    buyer = await buildBuyerMember(store.db, 'Ville de Saint-Malo');
    client = await loggedInClient(
      app,
      { email: buyer.user.email!, password: buyer.user.password },
      '192.0.2.10',
    );
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });
  it('lets a buyer create a project by the form, fix its errors, add lots and a reserved study, publish it', async () => {
    const newPage = `/mon-organisation/${buyer.organisation.siret}/projets/nouveau`;
    const refused = await client.submit(newPage, newPage, {
      title: '',
      need: 'Des bancs',
      procedure: 'MAPA',
      cpvCodes: '3915',
      estimatedValue: 'cher',
    });
    expect(refused.statusCode).toBe(400);
    const text = pageText(refused.body);
    expect(text).toContain('Il y a un problème');
    expect(text).toContain('Donnez un titre au projet.');
    expect(text).toContain("« 3915 » n'est pas un code CPV");

    const created = await client.submit(newPage, newPage, {
      title: 'Mobilier urbain en réemploi',
      need: 'Remplacer les bancs abîmés du front de mer.',
      procedure: 'MAPA',
      cpvCodes: '39113000',
      estimatedValue: '80 000',
      placeKind: 'commune',
      placeCode: '35288',
      targetNotificationDate: '30/06/2027',
      greenProcurement: 'circ-econ',
    });
    expect(created.statusCode).toBe(303);
    const manage = created.headers.location!.replace(/\?.*$/, '');
    const id = Number(manage.split('/').at(-1));
    expect(pageText((await client.get(created.headers.location!)).body)).toContain(
      'Le projet a été créé (brouillon)',
    );
    expect((await app.inject(`/projets/${id}`)).statusCode).toBe(404);

    const lot = await client.submit(manage, `${manage}/lots`, {
      title: 'Bancs',
      'crit-price': '60',
      'crit-environmental': '40',
    });
    expect(lot.statusCode).toBe(303);
    const badLot = await client.submit(manage, `${manage}/lots`, { title: 'Poubelles', 'crit-price': '70' });
    expect(badLot.statusCode).toBe(400);
    expect(pageText(badLot.body)).toContain(
      'Les pondérations des critères doivent totaliser 100 % (total actuel : 70 %).',
    );
    expect(
      (await client.submit(manage, `${manage}/lots`, { title: 'Poubelles', variants: 'not-allowed' }))
        .statusCode,
    ).toBe(303);

    const study = await uploadStudy(
      client,
      id,
      { title: 'Inventaire des bancs', visibility: 'suppliers' },
      minimalPdf('Inventaire'),
    );
    expect(study.statusCode).toBe(303);
    const notPdf = await uploadStudy(
      client,
      id,
      { title: 'Faux', visibility: 'public' },
      Buffer.from('<html></html>'),
    );
    expect(notPdf.statusCode).toBe(400);
    expect(pageText(notPdf.body)).toContain(
      'Ce fichier n’est ni un PDF, ni un document ODT, ni un document DOCX',
    );

    const published = await client.submit(manage, `${manage}/statut`, { transition: 'publier' });
    expect(published.headers.location).toBe(`${manage}?fait=publie`);
    const illegal = await client.submit(manage, `${manage}/statut`, { transition: 'attribuer' });
    expect(illegal.statusCode).toBe(400);
    expect(pageText(illegal.body)).toContain(
      'Le projet ne peut être attribué qu’une fois la consultation lancée (il est publié).',
    );

    // Anyone reads it now: variants by default for a MAPA, the reserved study asks to log in.
    const page = pageText((await app.inject(`/projets/${id}`)).body);
    expect(page).toContain('Mobilier urbain en réemploi');
    expect(page).toContain('Bancs — Autorisée (par défaut pour cette procédure)');
    expect(page).toContain('Poubelles — Non autorisée');
    expect(page).toContain(
      'Inventaire des bancs (étude.pdf, version 1, réservée aux fournisseurs connectés) – connectez-vous pour la télécharger.',
    );
    expect(page).toContain('La transition vers une économie circulaire (circ-econ)');
    expect(page).toContain(
      'Signature et notification du marché recommandation mercredi 30 juin 2027 à 9 h 00',
    );
    const studyUrl = /href="(\/projets\/\d+\/etudes\/\d+)"/.exec(
      (await client.get(`/projets/${id}`)).body,
    )![1]!;
    // Anonymous: to the login page, and back to the study afterwards.
    const anonymousStudy = await app.inject(studyUrl);
    expect([anonymousStudy.statusCode, anonymousStudy.headers.location]).toEqual([
      303,
      `/compte/connexion?retour=${encodeURIComponent(studyUrl)}`,
    ]);
    const supplier = await buildSupplierMember(store.db);
    const supplierClient = await loggedInClient(
      app,
      { email: supplier.user.email!, password: supplier.user.password },
      `192.0.2.${++ip}`,
    );
    const download = await supplierClient.get(studyUrl);
    expect([
      download.statusCode,
      download.headers['content-type'],
      download.headers['x-content-type-options'],
    ]).toEqual([200, 'application/pdf', 'nosniff']);
    expect(download.rawPayload.equals(minimalPdf('Inventaire'))).toBe(true);
    // A supplier reads the manage page? No: 403.
    expect((await supplierClient.get(manage)).statusCode).toBe(403);
  });

  it('shows every change after publication with its date, and the buyer’s dates after a preview of what moves', async () => {
    const project = await buildProject(store.db, buyer, { estimatedValue: '120000' });
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    await updateProject(store.db, buyer.actor, project.id, { estimatedValue: '150000' });
    const manage = `/mon-organisation/projets/${project.id}`;
    const preview = await client.submit(manage, `${manage}/jalons`, {
      'jalon-offersDeadline': '05/05/2027 12:00',
    });
    // First the effect, nothing saved: the notice and the questions come 23 and 22 days earlier.
    expect(preview.statusCode).toBe(200);
    const previewText = pageText(preview.body);
    expect(previewText).toContain(
      'Envoi de l’avis d’appel à la concurrence recalculée mercredi 28 avril 2027 à 9 h 00 lundi 5 avril 2027 à 9 h 00 −23 jours',
    );
    expect(previewText).toContain(
      'Date limite de réception des offres date saisie vendredi 28 mai 2027 à 12 h 00 mercredi 5 mai 2027 à 12 h 00 −23 jours',
    );
    expect(pageText((await app.inject(`/projets/${project.id}`)).body)).not.toContain('5 mai 2027');
    const confirm = /<form[^>]*action="([^"]+\/jalons)"[^>]*>([\s\S]*?)<\/form>/.exec(preview.body)!;
    const hidden = Object.fromEntries(
      [...confirm[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
    expect(hidden['jalon-publication']).toBe('2027-04-05T09:00:00+02:00');
    const saved = await client.post(confirm[1]!, hidden);
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `${manage}?fait=jalons`]);
    const page = pageText((await app.inject(`/projets/${project.id}`)).body);
    expect(page).toMatch(
      /Modifié le \S+ \d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d{2} : valeur estimée : 120 000 € HT → 150 000 € HT/,
    );
    expect(page).toContain(
      'jalon « Date limite de réception des offres » : non renseigné → mercredi 5 mai 2027 à 12 h 00',
    );
    expect(page).toContain(
      'Date limite de réception des offres date fixée par l’acheteur mercredi 5 mai 2027 à 12 h 00',
    );
    expect(page).toContain('lundi 5 avril 2027 à 9 h 00');
    expect(page).not.toMatch(/le minimum légal est de 30 jours/);
    const bad = await client.submit(manage, `${manage}/jalons`, { 'jalon-offersDeadline': '31/02/2027' });
    expect(bad.statusCode).toBe(400);
  });

  it('leads from the buyer organisation’s dashboard to its projects and to a new one', async () => {
    const siret = buyer.organisation.siret;
    const dashboard = await client.get(`/mon-organisation/${siret}`);
    expect(dashboard.statusCode).toBe(200);
    const links = [...dashboard.body.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)</g)].map((m) => [
      m[1],
      m[2]!.trim(),
    ]);
    expect(links).toContainEqual([`/mon-organisation/${siret}/projets`, 'Projets d’achat de l’organisation']);
    expect(links).toContainEqual([`/mon-organisation/${siret}/projets/nouveau`, 'Nouveau projet d’achat']);
  });

  it('sends anonymous visitors of the buyer pages to the login page, and refuses other buyers', async () => {
    const project = await buildProject(store.db, buyer);
    const anonymous = await app.inject(`/mon-organisation/projets/${project.id}`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(
      `/compte/connexion?retour=${encodeURIComponent(`/mon-organisation/projets/${project.id}`)}`,
    );
    const other = await buildBuyerMember(store.db);
    const otherClient = await loggedInClient(
      app,
      { email: other.user.email!, password: other.user.password },
      `192.0.2.${++ip}`,
    );
    expect((await otherClient.get(`/mon-organisation/projets/${project.id}`)).statusCode).toBe(404);
    expect((await otherClient.get(`/mon-organisation/${buyer.organisation.siret}/projets`)).statusCode).toBe(
      403,
    );
    // A form posted without its token is refused.
    expect(
      (await client.post(`/mon-organisation/projets/${project.id}`, { title: 'Sans jeton' })).statusCode,
    ).toBe(403);
  });

  it('advises the buyer on the procedure from the value, the nature and the buyer type, never blocking', async () => {
    // A MAPA of works above the EU works threshold (5 404 000 € HT in 2026–2027).
    const project = await buildProject(store.db, buyer, {
      procedure: 'MAPA',
      cpvCodes: '45212222',
      estimatedValue: '12000000',
    });
    const manage = `/mon-organisation/projets/${project.id}`;
    const page = await client.get(manage);
    expect(page.statusCode).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain('Conseil sur la procédure');
    expect(text).toContain(
      // (pageText puts a space where each <strong> closes)
      'Procédures adaptées à cette valeur : Appel d’offres ouvert , Appel d’offres restreint , Procédure concurrentielle avec négociation , Dialogue compétitif .',
    );
    expect(text).toContain(
      'Attention : 12 000 000 € HT atteint le seuil européen de 5 404 000 € HT : une procédure formalisée est requise. (CCP, art. R2124-1)',
    );
    // Its members read it in the API too; the public does not (not even on a published project).
    const api = JSON.parse((await client.get(`/api/v1/projects/${project.id}`)).body) as {
      advice: { recommended: { code: string }[]; euThreshold: { amount: number }; items: { code: string }[] };
    };
    expect(api.advice.recommended.map((r) => r.code)).toEqual(['AOO', 'AOR', 'PCN', 'DC']);
    expect(api.advice.euThreshold.amount).toBe(5_404_000);
    expect(api.advice.items.map((i) => i.code)).toContain('procedure_above_threshold');
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const publicJson = JSON.parse((await app.inject(`/api/v1/projects/${project.id}`)).body) as {
      advice: unknown;
    };
    expect(publicJson.advice).toBeNull();
    expect(pageText((await app.inject(`/projets/${project.id}`)).body)).not.toContain(
      'Conseil sur la procédure',
    );
  });

  it('confirms an abandon on its own page, then shows the closed project without any form', async () => {
    const project = await buildProject(store.db, buyer, { estimatedValue: '300000' });
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const manage = `/mon-organisation/projets/${project.id}`;
    const before = await client.get(manage);
    expect(before.body).toContain(`href="${manage}/abandon"`);
    expect(pageText(before.body)).toContain('Obligations à vérifier');

    // One click is not enough: a post without the confirmation leads to the confirmation page.
    const unconfirmed = await client.submit(manage, `${manage}/statut`, { transition: 'abandonner' });
    expect([unconfirmed.statusCode, unconfirmed.headers.location]).toEqual([303, `${manage}/abandon`]);
    expect((await client.get(manage)).body).not.toContain('?fait=abandonne');
    const confirmPage = await client.get(`${manage}/abandon`);
    expect(confirmPage.statusCode).toBe(200);
    expect(pageText(confirmPage.body)).toContain('Abandonner ce projet ?');
    expect(confirmPage.body).toContain(`<a class="govuk-link" href="${manage}">Non, revenir au projet</a>`);
    const done = await client.submit(`${manage}/abandon`, `${manage}/statut`, {
      transition: 'abandonner',
      confirmation: 'oui',
    });
    expect([done.statusCode, done.headers.location]).toEqual([303, `${manage}?fait=abandonne`]);

    const closed = await client.get(manage);
    expect(closed.statusCode).toBe(200);
    const text = pageText(closed.body);
    expect(text).toContain('Ce projet est abandonné : il ne se modifie plus.');
    expect(text).not.toContain('Obligations à vérifier');
    expect(text).not.toContain('Conseil sur la procédure');
    const actions = [...closed.body.matchAll(/<form\b[^>]*action="([^"]*)"/g)].map((m) => m[1]);
    expect(actions.filter((a) => a!.startsWith(manage))).toEqual([]);
    expect(pageText((await client.get(`${manage}/abandon`)).body)).toContain(
      'Ce projet ne peut plus être abandonné',
    );
    // Anonymous visitors of the confirmation page log in first.
    expect((await app.inject(`${manage}/abandon`)).headers.location).toBe(
      `/compte/connexion?retour=${encodeURIComponent(`${manage}/abandon`)}`,
    );
  });
});
