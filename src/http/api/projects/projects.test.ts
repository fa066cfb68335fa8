import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  buildBuyerMember,
  buildProject,
  buildSupplierMember,
  type BuiltMember,
} from '../../../../test/factories/projects.ts';
import { loggedInClient, type InjectClient } from '../../../../test/setup/inject-client.ts';
import { errorLines, ocdsValidators } from '../../../../test/setup/ocds-schema.ts';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import { changeProjectStatus, updateProject } from '../../../domain/projects/index.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

describeWithStore('API /api/v1/projects', () => {
  let store: Store;
  let app: FastifyInstance;
  let buyer: BuiltMember;
  let client: InjectClient;
  let csrf: string;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
    buyer = await buildBuyerMember(store.db, 'Commune de Cesson-Sévigné');
    client = await loggedInClient(
      app,
      { email: buyer.user.email!, password: buyer.user.password },
      '198.51.100.51',
    );
    csrf = (await client.get('/api/v1/me')).json().csrfToken;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const write = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
    client.request({ method, url, headers: { 'x-csrf-token': csrf }, ...(payload ? { payload } : {}) });

  it('exports a project’s effective retro-planning as iCalendar, with stable UIDs and the buyer’s dates', async () => {
    const project = await buildProject(store.db, buyer, { title: 'Accueil numérique' });
    const url = `/api/v1/projects/${project.id}/planning.ics`;
    // A draft is the organisation's own: 404 for anyone else.
    expect((await app.inject(url)).statusCode).toBe(404);
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const updated = await updateProject(store.db, buyer.actor, project.id, {
      targetDates: { offersDeadline: '05/05/2027 12:00', publication: '05/04/2027 09:00' },
    });
    const res = await app.inject(url);
    expect([res.statusCode, res.headers['content-type'], res.headers['content-disposition']]).toEqual([
      200,
      'text/calendar; charset=utf-8',
      `attachment; filename="retroplanning-projet-${project.id}.ics"`,
    ]);
    const lines = res.body.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain('X-WR-CALNAME:Rétroplanning – Accueil numérique');
    const uid = lines.indexOf(`UID:projet-${project.id}-offersDeadline@amont`);
    expect(uid).toBeGreaterThan(-1);
    const event = lines.slice(uid, lines.indexOf('END:VEVENT', uid));
    expect(event).toContain('DTSTART;TZID=Europe/Paris:20270505T120000');
    expect(event).toContain('SUMMARY:Accueil numérique – Date limite de réception des offres');
    // SEQUENCE follows the last change, so calendars apply the update.
    expect(event).toContain(`SEQUENCE:${Math.floor(updated.updatedAt.getTime() / 1000)}`);
    const opening = lines.indexOf(`UID:projet-${project.id}-offersOpening@amont`);
    const description = lines
      .slice(opening, lines.indexOf('END:VEVENT', opening))
      .find((l) => l.startsWith('DESCRIPTION:'));
    expect(description?.match(/[Rr]ecommandation Amont/g)).toHaveLength(1);
    // The notification stays computed: Wednesday 30 June 2027 at 9:00 (Paris, summer time).
    expect(lines).toContain(`UID:projet-${project.id}-notification@amont`);
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20270630T090000');
    const none = await buildProject(store.db, buyer, { targetNotificationDate: '' });
    await changeProjectStatus(store.db, buyer.actor, none.id, 'publish');
    const missing = await app.inject(`/api/v1/projects/${none.id}/planning.ics`);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'project_planning.not_found']);
  });

  it('plans a project from its target launch day when it has no notification day', async () => {
    const created = await write('POST', '/api/v1/projects', {
      organisationId: buyer.organisation.id,
      title: 'Restauration scolaire',
      need: 'Servir des repas plus locaux.',
      procedure: 'AOO',
      cpvCodes: ['55524000'],
      targetStartDate: '2027-03-01',
    });
    expect(created.statusCode).toBe(201);
    const project = created.json();
    expect([project.targetStartDate, project.targetNotificationDate]).toEqual(['2027-03-01', null]);
    const milestones = project.planning.milestones.map((m: { code: string; date: string }) => [
      m.code,
      m.date,
    ]);
    expect(milestones).toContainEqual(['publication', '2027-03-01T09:00:00+01:00']);
    expect(milestones).toContainEqual(['notification', '2027-05-03T09:00:00+02:00']);
  });

  it('lets a buyer member create, complete, publish a project with two lots; anyone reads it', async () => {
    const created = await write('POST', '/api/v1/projects', {
      organisationId: buyer.organisation.id,
      title: 'Éclairage public intelligent',
      need: 'Réduire la consommation d’électricité de l’éclairage sans dégrader la sécurité.',
      procedure: 'PCN',
      cpvCodes: ['34993000'],
      estimatedValue: 480000,
      placeKind: 'commune',
      placeCode: '35051',
      targetNotificationDate: '2027-09-15',
      greenProcurement: ['clim-mitig', 'pollu-prev'],
    });
    expect(created.statusCode).toBe(201);
    const project = created.json();
    expect(project).toMatchObject({
      status: 'draft',
      nature: 'supplies',
      procedure: { code: 'PCN', label: 'Procédure concurrentielle avec négociation' },
      place: { kind: 'commune', code: '35051', label: 'Cesson-Sévigné (35)' },
      abilities: { edit: true, readReservedDocuments: true },
    });
    expect(project.sustainability.strategicProcurement).toEqual([
      { code: 'env-imp', label: 'Réduction des incidences sur l’environnement' },
    ]);
    expect(project.planning.milestones.at(-1)).toMatchObject({
      code: 'notification',
      date: '2027-09-15T09:00:00+02:00',
      buyerSet: false,
    });
    expect(project.reminders.map((r: { code: string }) => r.code)).toEqual([
      'environmental_criterion',
      'social_above_eu_threshold',
    ]);

    const lot1 = await write('POST', `/api/v1/projects/${project.id}/lots`, {
      title: 'Luminaires',
      awardCriteria: { price: 50, technical: 30, environmental: 20 },
    });
    expect(lot1.statusCode).toBe(201);
    expect(lot1.json()).toMatchObject({ number: 1, variants: { policy: 'not-allowed', stated: false } });
    const lot2 = await write('POST', `/api/v1/projects/${project.id}/lots`, {
      title: 'Pilotage',
      variants: 'allowed',
      variantMinimumRequirements: 'Protocole ouvert',
    });
    expect(lot2.json().variants).toEqual({
      policy: 'allowed',
      label: 'Autorisée',
      stated: true,
      minimumRequirements: 'Protocole ouvert',
      withoutBaseOffer: false,
    });

    // Anonymous visitors do not see a draft.
    expect((await app.inject({ url: `/api/v1/projects/${project.id}` })).statusCode).toBe(404);
    const published = await write('POST', `/api/v1/projects/${project.id}/status`, { transition: 'publish' });
    expect(published.json().status).toBe('published');
    const changed = await write('PATCH', `/api/v1/projects/${project.id}`, { estimatedValue: '520 000' });
    expect(changed.json().history[0].changes).toEqual([
      {
        path: 'estimatedValue',
        before: 480000,
        after: 520000,
        text: 'valeur estimée : 480\u202f000 € HT → 520\u202f000 € HT',
      },
    ]);

    const anonymous = await app.inject({ url: `/api/v1/projects/${project.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toMatchObject({
      title: 'Éclairage public intelligent',
      reminders: [],
      abilities: { edit: false },
      lotCount: 2,
      version: 2,
    });
    const list = await app.inject({ url: '/api/v1/projects?cpv=34990000&department=35' });
    expect(list.json().results.map((r: { id: number }) => r.id)).toEqual([project.id]);

    const ocds = await app.inject({ url: `/api/v1/projects/${project.id}/ocds` });
    const validators = ocdsValidators();
    const valid = validators.releasePackage(ocds.json());
    expect(errorLines(validators.releasePackage.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(ocds.json().releases[0].ocid).toBe(`ocds-amont-projet-${project.id}`);
  });

  it('answers 401 to anonymous writes, 403 to other users, 404 to drafts of others, 400 with the field', async () => {
    const draft = await buildProject(store.db, buyer);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/projects',
          payload: { organisationId: buyer.organisation.id, title: 'x' },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/v1/projects/${draft.id}`, payload: { title: 'x' } }))
        .statusCode,
    ).toBe(401);

    const supplier = await buildSupplierMember(store.db);
    const other = await loggedInClient(
      app,
      { email: supplier.user.email!, password: supplier.user.password },
      '198.51.100.52',
    );
    const otherCsrf = (await other.get('/api/v1/me')).json().csrfToken;
    const asOther = (method: 'POST' | 'PATCH', url: string, payload: Record<string, unknown>) =>
      other.request({ method, url, headers: { 'x-csrf-token': otherCsrf }, payload });
    expect(
      (
        await asOther('POST', '/api/v1/projects', {
          organisationId: buyer.organisation.id,
          title: 'x',
          need: 'y',
          procedure: 'MAPA',
        })
      ).statusCode,
    ).toBe(403);
    expect((await asOther('PATCH', `/api/v1/projects/${draft.id}`, { title: 'x' })).statusCode).toBe(404);
    await write('POST', `/api/v1/projects/${draft.id}/status`, { transition: 'publish' });
    expect((await asOther('PATCH', `/api/v1/projects/${draft.id}`, { title: 'x' })).statusCode).toBe(403);

    const bad = await write('PATCH', `/api/v1/projects/${draft.id}`, {
      placeKind: 'departement',
      placeCode: '20',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'project.invalid', details: { field: 'placeCode' } });
    const illegal = await write('POST', `/api/v1/projects/${draft.id}/status`, { transition: 'award' });
    expect(illegal.statusCode).toBe(400);
    expect(illegal.json().error).toMatchObject({ code: 'project.invalid_transition' });
    expect((await app.inject({ url: '/api/v1/projects?valueBand=enorme' })).statusCode).toBe(400);
    expect((await write('DELETE', `/api/v1/projects/${draft.id}/lots/7`)).statusCode).toBe(404);
  });
  it('filters the list by state and by several procedures, refuses a deadline window upside down', async () => {
    const cpv = '90919200';
    const aoo = await buildProject(store.db, buyer, { cpvCodes: cpv, procedure: 'AOO' });
    const mapa = await buildProject(store.db, buyer, { cpvCodes: cpv, procedure: 'MAPA' });
    const dc = await buildProject(store.db, buyer, { cpvCodes: cpv, procedure: 'DC' });
    for (const p of [aoo, mapa, dc]) {
      await changeProjectStatus(store.db, buyer.actor, p.id, 'publish');
    }
    await changeProjectStatus(store.db, buyer.actor, dc.id, 'abandon');
    const ids = async (query: string) =>
      ((await app.inject({ url: `/api/v1/projects?cpv=${cpv}&${query}` })).json().results as { id: number }[])
        .map((r) => r.id)
        .sort((a, b) => a - b);
    expect(await ids('procedure=AOO&procedure=MAPA')).toEqual([aoo.id, mapa.id]);
    expect(await ids('procedure=MAPA')).toEqual([mapa.id]);
    expect(await ids('status=abandoned')).toEqual([dc.id]);
    expect(await ids('status=published')).toEqual([aoo.id, mapa.id]);
    const draft = await app.inject({ url: '/api/v1/projects?status=draft' });
    expect(draft.statusCode).toBe(400);
    expect(draft.json().error.details.field).toBe('status');
    const reversed = await app.inject({
      url: '/api/v1/projects?deadlineFrom=2027-06-02&deadlineTo=2027-06-01',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error).toMatchObject({
      code: 'project.invalid',
      message:
        'La date limite des offres « au » doit être le même jour que la date « du » ou après : inversez-les.',
      details: { field: 'deadlineTo' },
    });
    // Instants carry the Paris offset, as the retro-planning's do.
    const one = (await app.inject({ url: `/api/v1/projects/${aoo.id}` })).json();
    expect(one.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?\+0[12]:00$/);
    const listed = (await app.inject({ url: `/api/v1/projects?cpv=${cpv}&procedure=AOO` })).json();
    expect(listed.results[0].publishedAt).toBe(one.publishedAt);
  });
});
