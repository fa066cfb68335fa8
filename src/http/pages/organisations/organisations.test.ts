import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildContract, buildSupplier } from '../../../../test/factories/index.ts';
import { buildUser } from '../../../../test/factories/accounts.ts';
import { buildOrganisation, buildSolution } from '../../../../test/factories/showcase.ts';
import { loggedInClient, pageText } from '../../../../test/setup/inject-client.ts';
import {
  accountsOptionsFor,
  linkIn,
  startSmtpServer,
  type TestSmtpServer,
} from '../../../../test/setup/smtp.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('pages /organisations', () => {
  let store: Store;
  let smtp: TestSmtpServer;
  let app: FastifyInstance;
  let ip = 0;

  beforeAll(async () => {
    store = await openTestStore();
    smtp = await startSmtpServer();
    app = await buildApp({ store, accounts: accountsOptionsFor(smtp) });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
    await store.close();
  });

  it('claims a supplier by a link mailed to the address at its domain, then manages it', async () => {
    const unit = await buildSupplier(store.db, { name: 'HYDRO CONSEIL' });
    const user = await buildUser(store.db, { email: 'lea@hydro-conseil.fr', display_name: 'Léa Hydro' });
    const browser = await loggedInClient(
      app,
      { email: user.email!, password: user.password },
      `198.18.0.${++ip}`,
    );
    const bad = await browser.submit('/organisations/rattachement', '/organisations/rattachement', {
      siret: '123',
      kind: 'supplier',
    });
    expect(bad.statusCode).toBe(400);
    expect(pageText(bad.body)).toContain('Il y a un problème');

    const since = smtp.messages.length;
    const res = await browser.submit('/organisations/rattachement', '/organisations/rattachement', {
      siret: unit.head_office_siret!,
      kind: 'supplier',
      email: '',
    });
    expect(res.statusCode).toBe(200);
    expect(pageText(res.body)).toContain('Nous venons d’envoyer un lien à lea@hydro-conseil.fr');
    const mail = await smtp.waitForMail('lea@hydro-conseil.fr', { since });
    expect(mail.subject).toBe('Confirmez votre rattachement à HYDRO CONSEIL – Amont');
    const link = new URL(linkIn(mail, '/organisations/rattachement/'));
    expect(link.origin).toBe('https://amont.test');
    const confirmed = await browser.get(link.pathname);
    expect(confirmed.statusCode).toBe(200);
    expect(pageText(confirmed.body)).toContain(
      'Vous êtes désormais administrateur de HYDRO CONSEIL sur Amont.',
    );
    expect((await browser.get(link.pathname)).statusCode).toBe(400);
    const dashboard = await browser.get(`/mon-organisation/${unit.head_office_siret}`);
    expect(dashboard.statusCode).toBe(200);
    expect(pageText((await browser.get('/mon-organisation')).body)).toContain('HYDRO CONSEIL');
  });

  it('shows the public page with published solutions and DECP contracts, never a draft', async () => {
    const unit = await buildSupplier(store.db, { name: 'LUMIÈRE VERTE' });
    await buildContract(store.db, { titulaires: [unit], object: 'Éclairage du stade' });
    const organisation = await buildOrganisation(store.db, {
      siret: unit.head_office_siret!,
      name: unit.name,
    });
    await buildSolution(store.db, organisation, { title: 'Lampadaire solaire', status: 'published' });
    await buildSolution(store.db, organisation, { title: 'Prototype secret' });
    const text = pageText((await app.inject(`/organisations/${organisation.siret}`)).body);
    expect(text).toContain('Lampadaire solaire');
    expect(text).toContain('Éclairage du stade');
    expect(text).not.toContain('Prototype secret');
    const api = (await app.inject(`/api/v1/organisations/${organisation.siret}`)).json();
    expect(api.solutions.map((s: { title: string }) => s.title)).toEqual(['Lampadaire solaire']);
    expect(api.decpContracts.shown[0].object).toBe('Éclairage du stade');
  });

  it('never shows the name or the seat of a non-diffusible natural person', async () => {
    const unit = await buildSupplier(store.db, {
      name: 'MARTIN PAUL',
      legal_category: '1000',
      diffusible: false,
      commune_code: '35238',
    });
    const organisation = await buildOrganisation(store.db, {
      siret: unit.head_office_siret!,
      name: 'MARTIN PAUL',
    });
    const page = await app.inject(`/organisations/${organisation.siret}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('MARTIN');
    expect(page.body).not.toContain('Rennes');
    expect(pageText(page.body)).toContain('Entrepreneur individuel (identité non diffusible)');
    const api = await app.inject(`/api/v1/organisations/${organisation.siret}`);
    expect(api.body).not.toContain('MARTIN');
    expect(api.json().unit).toMatchObject({ diffusible: false, communeName: null });
  });

  it('answers 404 for an unknown organisation and 400 for a malformed SIRET', async () => {
    expect((await app.inject('/organisations/35600000000048')).statusCode).toBe(404);
    const bad = await app.inject('/api/v1/organisations/123');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toMatch(/^siret\./);
  });
});
