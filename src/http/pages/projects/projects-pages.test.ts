import type { FastifyInstance } from 'fastify';
import { SaxesParser } from 'saxes';
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
import { multipartBody } from '../../../../test/setup/multipart.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { addLot, changeProjectStatus, updateProject } from '../../../domain/projects/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

/** Uploads a study through the manage page's multipart form (its `_csrf` read from the page). */
async function uploadStudy(client: InjectClient, id: number, fields: Record<string, string>, bytes: Buffer) {
  const page = (await client.get(`/mon-organisation/projets/${id}`)).body;
  const form = [...page.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find(
    (m) => m[1] === `/mon-organisation/projets/${id}/etudes`,
  );
  const token = /name="_csrf" value="([^"]+)"/.exec(form![2]!)![1]!;
  const { payload, contentType } = multipartBody(
    { _csrf: token, ...fields },
    { field: 'file', fileName: 'étude.pdf', contentType: 'application/pdf', bytes },
  );
  return client.request({
    method: 'POST',
    url: `/mon-organisation/projets/${id}/etudes`,
    headers: { 'content-type': contentType },
    payload: payload as unknown as string,
  });
}

/** The element names of an XML document, or the parser's error. */
function parseXml(xml: string): { names: string[]; error: string | null } {
  const parser = new SaxesParser({ xmlns: true });
  const names: string[] = [];
  let error: string | null = null;
  parser.on('opentag', (tag) =>
    names.push(`${tag.uri === 'http://www.w3.org/2005/Atom' ? 'atom:' : ''}${tag.local}`),
  );
  parser.on('error', (e) => {
    error ??= e.message;
  });
  parser.write(xml).close();
  return { names, error };
}

describeWithStore('pages /projets and /mon-organisation/…/projets', () => {
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

  it('lists and filters public projects, and publishes them as an Atom feed that parses', async () => {
    const published = await buildProject(store.db, buyer, {
      title: 'Capteurs <CO2> & ventilation',
      cpvCodes: '38540000',
    });
    await changeProjectStatus(store.db, buyer.actor, published.id, 'publish');
    const list = pageText((await app.inject('/projets?cpv=38000000')).body);
    expect(list).toContain('1 projet');
    expect(list).toContain('Capteurs <CO2> & ventilation');
    const bad = await app.inject('/projets?deadlineFrom=demain&department=20');
    expect(bad.statusCode).toBe(400);
    expect(pageText(bad.body)).toContain('Il y a un problème');

    const feed = await app.inject('/projets/flux.atom?cpv=38000000');
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const { names, error } = parseXml(feed.body);
    expect(error).toBeNull();
    expect(names.filter((n) => n === 'atom:entry')).toHaveLength(1);
    expect(feed.body).toContain('<title>Capteurs &lt;CO2&gt; &amp; ventilation</title>');
    expect(feed.body).toContain(
      `<link rel="alternate" type="text/html" href="http://localhost:3000/projets/${published.id}"/>`,
    );
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

  it('writes amounts one way everywhere, reserved lots in words, reminders without nested brackets', async () => {
    const project = await buildProject(store.db, buyer, {
      estimatedValue: '1500000',
      budget: '1234,5',
      cpvCodes: '77310000',
    });
    await addLot(store.db, buyer.actor, project.id, {
      title: 'Espaces verts',
      estimatedValue: '80000',
      reservedParticipation: 'res-ws',
      reservedArticle: 'L2113-13',
      awardCriteria: { price: '100' },
    });
    const draft = pageText((await client.get(`/projets/${project.id}`)).body);
    expect(draft).toContain('Valeur estimée 1 500 000 € HT');
    expect(draft).toContain('Budget 1 234,50 € HT');
    expect(draft).toContain('80 000 € HT');
    expect(draft).not.toMatch(/\d,00 €/);
    expect(draft).toContain('Réservé aux structures d’insertion par l’activité économique (art. L2113-13)');
    expect(draft).not.toContain('res-ws, art.');
    expect(draft).toContain('Ce projet n’est pas encore publié : ses modifications seront listées ici');
    expect(draft).not.toContain('Aucune modification depuis la publication');
    expect(draft).toContain('(CCP L2152-7 ; loi n° 2021-1104 du 22 août 2021, art. 35 ; décret n° 2022-767)');
    expect(draft).not.toMatch(/\)\)/);

    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const published = pageText((await app.inject(`/projets/${project.id}`)).body);
    expect(published).toMatch(/Publié le \S+ \d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d{2} /);
    expect(published).toContain('Aucune modification depuis la publication.');
    await updateProject(store.db, buyer.actor, project.id, { estimatedValue: '1600000,5' });
    expect(pageText((await app.inject(`/projets/${project.id}`)).body)).toContain(
      'valeur estimée : 1 500 000 € HT → 1 600 000,50 € HT',
    );
    const list = pageText((await app.inject('/projets?cpv=77310000')).body);
    expect(list).toContain('1 600 000,50 € HT');
    const feed = (await app.inject('/projets/flux.atom?cpv=77310000')).body;
    expect(feed.replace(/[\u00a0\u202f]/g, ' ')).toContain('valeur estimée 1 600 000,50 € HT');
    // The API writes instants with the Paris offset, as its other dates.
    const api = JSON.parse((await app.inject(`/api/v1/projects/${project.id}`)).body) as {
      publishedAt: string;
      updatedAt: string;
      history: { changedAt: string }[];
    };
    for (const instant of [api.publishedAt, api.updatedAt, api.history[0]!.changedAt]) {
      expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+0[12]:00$/);
    }
  });

  it('lets the list filter by state, several procedures and `reserved=1`, and explains a page past the end', async () => {
    const cpv = '90911200';
    const open = await buildProject(store.db, buyer, {
      title: 'Nettoyage ouvert',
      cpvCodes: cpv,
      procedure: 'MAPA',
    });
    const dropped = await buildProject(store.db, buyer, {
      title: 'Nettoyage abandonné',
      cpvCodes: cpv,
      reservedParticipation: 'res-ws',
      reservedArticle: 'L2113-13',
    });
    for (const p of [open, dropped]) {
      await changeProjectStatus(store.db, buyer.actor, p.id, 'publish');
    }
    await changeProjectStatus(store.db, buyer.actor, dropped.id, 'abandon');

    const all = await app.inject(`/projets?cpv=${cpv}`);
    const allText = pageText(all.body);
    expect(allText).toContain('2 projets');
    // A closed project no longer waits for offers.
    const items = [...all.body.matchAll(/<li class="amont-project">([\s\S]*?)<\/li>/g)].map((m) =>
      pageText(m[1]!),
    );
    expect(items.find((t) => t.includes('Nettoyage abandonné'))).not.toContain('Offres attendues');
    expect(items.find((t) => t.includes('Nettoyage ouvert'))).toContain('Offres attendues avant le');

    const abandoned = pageText((await app.inject(`/projets?cpv=${cpv}&status=abandoned`)).body);
    expect(abandoned).toContain('1 projet');
    expect(abandoned).toContain('Nettoyage abandonné');
    expect(abandoned).not.toContain('Nettoyage ouvert');
    expect((await app.inject(`/projets?cpv=${cpv}&status=draft`)).statusCode).toBe(400);

    const both = await app.inject(`/projets?cpv=${cpv}&procedure=AOO&procedure=MAPA`);
    expect(both.statusCode).toBe(200);
    expect(pageText(both.body)).toContain('2 projets');
    const mapa = pageText((await app.inject(`/projets?cpv=${cpv}&procedure=MAPA`)).body);
    expect(mapa).toContain('1 projet');
    expect(mapa).toContain('Nettoyage ouvert');
    const unknown = await app.inject(`/projets?procedure=AOO&procedure=XYZ`);
    expect(unknown.statusCode).toBe(400);
    expect(pageText(unknown.body)).toContain('Procédure inconnue « XYZ »');

    // The « same projects in the API » link keeps the filters, in the API's writing.
    const withApi = await app.inject(`/projets?cpv=${cpv}&reserved=oui&deadlineFrom=01/01/2026`);
    const apiHref = /href="(\/api\/v1\/projects[^"]*)"/.exec(withApi.body)![1]!.replace(/&amp;/g, '&');
    expect(apiHref).toBe(`/api/v1/projects?cpv=${cpv}&reserved=true&deadlineFrom=2026-01-01`);
    const viaApi = await app.inject(apiHref);
    expect([viaApi.statusCode, viaApi.json().total]).toEqual([200, 1]);
    for (const yes of ['1', 'true', 'oui']) {
      const reserved = pageText((await app.inject(`/projets?cpv=${cpv}&reserved=${yes}`)).body);
      expect(reserved).toContain('1 projet');
      expect(reserved).toContain('Nettoyage abandonné');
    }
    expect((await app.inject(`/projets?reserved=peut-etre`)).statusCode).toBe(400);

    const reversed = await app.inject('/projets?deadlineFrom=02/06/2027&deadlineTo=01/06/2027');
    expect(reversed.statusCode).toBe(400);
    expect(pageText(reversed.body)).toContain(
      'La date limite des offres « au » doit être le même jour que la date « du » ou après : inversez-les.',
    );
    expect(reversed.body).toContain('href="#deadlineTo"');

    const past = await app.inject(`/projets?cpv=${cpv}&page=2`);
    expect(past.statusCode).toBe(200);
    expect(pageText(past.body)).toContain(
      'La page 2 est vide : ces projets tiennent en 1 page. Voir la page 1 .',
    );
    expect(past.body).toContain(`href="/projets?cpv=${cpv}">Voir la page 1</a>`);
  });

  it('asks to log in for a reserved study, and tells a user without a company how to join one', async () => {
    const project = await buildProject(store.db, buyer);
    const study = await uploadStudy(
      client,
      project.id,
      { title: 'Relevés', visibility: 'suppliers' },
      minimalPdf('Relevés'),
    );
    expect(study.statusCode).toBe(303);
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const studyUrl = /href="(\/projets\/\d+\/etudes\/\d+)"/.exec(
      (await client.get(`/projets/${project.id}`)).body,
    )![1]!;
    const anonymous = await app.inject(studyUrl);
    expect([anonymous.statusCode, anonymous.headers.location]).toEqual([
      303,
      `/compte/connexion?retour=${encodeURIComponent(studyUrl)}`,
    ]);
    const user = await buildUser(store.db);
    const loneClient = await loggedInClient(
      app,
      { email: user.email!, password: user.password },
      `192.0.2.${++ip}`,
    );
    const refused = await loneClient.get(studyUrl);
    expect(refused.statusCode).toBe(403);
    const text = pageText(refused.body);
    expect(text).toContain('Cette étude est réservée aux entreprises');
    expect(text).toContain('Votre compte n’est membre d’aucune entreprise inscrite sur Amont.');
    expect(refused.body).toContain('href="/organisations/rattachement"');
    // The project page says it beside the study, with the same link.
    const page = await loneClient.get(`/projets/${project.id}`);
    expect(pageText(page.body)).toContain(
      'réservée aux membres d’une entreprise inscrite sur Amont : rattachez-vous à votre entreprise .',
    );
    expect(page.body).toContain('<a class="govuk-link" href="/organisations/rattachement">rattachez-vous');
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
