import type { FastifyInstance } from 'fastify';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { minimalPdf } from '../../../../test/fixtures/documents/documents.ts';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { buildBuyerMember, buildProject, type BuiltMember } from '../../../../test/factories/projects.ts';
import type { InjectClient } from '../../../../test/setup/inject-client.ts';
import { loggedInClient, pageText } from '../../../../test/setup/inject-client.ts';
import { uploadStudy } from '../../../../test/setup/project-studies.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { addLot, changeProjectStatus, updateProject } from '../../../domain/projects/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

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

/** The public pages of purchase projects (no login): list, filters, feed, reserved studies. */
describeWithStore('public pages /projets', () => {
  let store: Store;
  let app: FastifyInstance;
  let buyer: BuiltMember;
  let client: InjectClient;
  let ip = 110;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
    buyer = await buildBuyerMember(store.db, 'Ville de Saint-Malo');
    client = await loggedInClient(
      app,
      { email: buyer.user.email!, password: buyer.user.password },
      '192.0.2.110',
    );
  });
  afterAll(async () => {
    await app.close();
    await store.close();
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
    expect(items.find((t) => t.includes('Nettoyage ouvert'))).toMatch(
      /Offres attendues jusqu’au \S+ \d{1,2}(er)? \S+ \d{4} à \d{1,2} h \d{2}/,
    );

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
});
