import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

type Warning = { code: string };
/** The clock-dependent warning (launch already past) left out, so the answers do not age. */
const stable = (warnings: Warning[]) => warnings.filter((w) => w.code !== 'start_in_past');

describeWithStore('API /api/v1/planning', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore();
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  describe('GET /api/v1/planning', () => {
    it('answers the milestones of an open call for tenders with Paris offsets across the October change', async () => {
      const res = await app.inject('/api/v1/planning?procedure=AOO&notificationDate=2026-11-16');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        procedure: { code: 'AOO' },
        mode: 'backward',
        electronic: true,
        advice: null,
      });
      const pick = body.milestones.map((m: Record<string, unknown>) => [m.code, m.date, m.article]);
      expect(pick).toEqual([
        // notification − 11 − 21 − 30 (35 − 5 electronic) − 60: arithmetic in retro-planning.test.ts
        ['sourcingStart', '2026-07-17T09:00:00+02:00', 'R2111-1'],
        ['publication', '2026-09-15T09:00:00+02:00', 'R2131-16'],
        ['questionsDeadline', '2026-10-09T12:00:00+02:00', 'R2132-6'],
        ['offersDeadline', '2026-10-15T12:00:00+02:00', 'R2161-3 2°'],
        ['offersOpening', '2026-10-15T14:00:00+02:00', null],
        ['standstillStart', '2026-11-05T09:00:00+01:00', null],
        ['notification', '2026-11-16T09:00:00+01:00', 'R2182-1'],
      ]);
      expect(body.milestones[3]).toEqual({
        code: 'offersDeadline',
        label: 'Date limite de réception des offres',
        date: '2026-10-15T12:00:00+02:00',
        rule: '30 jours au moins après l’envoi de l’avis, candidatures et offres étant transmises par voie électronique',
        article: 'R2161-3 2°',
        basis: 'legal',
        days: 30,
        reference: 'publication',
        shiftedFrom: null,
      });
    });

    it('moves a Good Friday deadline in Bas-Rhin only, from a start date', async () => {
      const query = 'procedure=AOO&startDate=2026-03-04';
      const paris = (await app.inject(`/api/v1/planning?${query}&department=75`)).json();
      const strasbourg = (await app.inject(`/api/v1/planning?${query}&department=67`)).json();
      const offers = (b: { milestones: { code: string; date: string }[] }) =>
        b.milestones.find((m) => m.code === 'offersDeadline')!;
      expect(paris.mode).toBe('forward');
      expect(offers(paris).date).toBe('2026-04-03T12:00:00+02:00'); // 4 March + 30
      expect(offers(strasbourg)).toMatchObject({
        date: '2026-04-07T12:00:00+02:00', // Good Friday, weekend, Easter Monday
        shiftedFrom: { date: '2026-04-03', reason: 'jour férié : Vendredi Saint' },
      });
    });

    it('applies urgency and a PIN, and says what urgency requires', async () => {
      const body = (
        await app.inject('/api/v1/planning?procedure=AOO&startDate=2026-09-07&urgency=true&pin=true')
      ).json();
      const dates = Object.fromEntries(
        body.milestones.map((m: { code: string; date: string }) => [m.code, m.date]),
      );
      expect(dates.priorInformationNotice).toBe('2026-08-03T09:00:00+02:00');
      expect(dates.offersDeadline).toBe('2026-09-22T12:00:00+02:00'); // + 15
      expect(dates.questionsDeadline).toBe('2026-09-18T12:00:00+02:00'); // − 4 in urgency
      expect(stable(body.warnings).map((w) => w.code)).toEqual(['urgency_justification']);
    });

    it('gives procedure advice with its article when an estimated value is given, never blocking', async () => {
      const res = await app.inject(
        '/api/v1/planning?procedure=MAPA&notificationDate=2026-07-01&estimatedValue=180000&buyerType=central&nature=services',
      );
      expect(res.statusCode).toBe(200);
      const { advice, milestones } = res.json();
      expect(milestones).toHaveLength(7);
      expect(advice.euThreshold).toMatchObject({
        amount: 140000,
        validFrom: '2026-01-01',
        validUntil: '2027-12-31',
      });
      expect(advice.recommended.map((p: { code: string }) => p.code)).toEqual(['AOO', 'AOR', 'PCN', 'DC']);
      expect(advice.items).toContainEqual(
        expect.objectContaining({
          code: 'procedure_above_threshold',
          severity: 'warning',
          article: 'R2124-1',
        }),
      );
    });

    it('warns when the launch is already past', async () => {
      const body = (await app.inject('/api/v1/planning?procedure=AOO&notificationDate=2020-06-30')).json();
      expect(body.warnings.map((w: Warning) => w.code)).toContain('start_in_past');
    });

    it('answers 400 naming the field for each bad parameter', async () => {
      const cases: [string, string, string][] = [
        ['procedure=AOX&notificationDate=2026-06-30', 'request.invalid', 'procedure'],
        ['notificationDate=2026-06-30', 'request.invalid', 'procedure'],
        ['procedure=AOO&notificationDate=2026-02-30', 'date.invalid', 'notificationDate'],
        ['procedure=AOO&notificationDate=demain', 'date.invalid', 'notificationDate'],
        ['procedure=AOO&notificationDate=2018-06-30', 'date.out_of_range', 'notificationDate'],
        ['procedure=AOO&startDate=2101-01-03', 'date.out_of_range', 'startDate'],
        ['procedure=AOO', 'planning.invalid_anchor', 'notificationDate'],
        [
          'procedure=AOO&notificationDate=2026-06-30&startDate=2026-03-02',
          'planning.invalid_anchor',
          'notificationDate',
        ],
        [
          'procedure=AOO&notificationDate=2026-06-30&department=20',
          'cog.invalid_departement_code',
          'department',
        ],
        ['procedure=AOO&notificationDate=2026-06-30&electronic=peut-etre', 'request.invalid', 'electronic'],
        [
          'procedure=AOO&notificationDate=2026-06-30&estimatedValue=90000',
          'planning.invalid_buyer_type',
          'buyerType',
        ],
        ['procedure=AOO&notificationDate=2026-06-30&estimatedValue=-5', 'request.invalid', 'estimatedValue'],
      ];
      for (const [query, code, field] of cases) {
        const res = await app.inject(`/api/v1/planning?${query}`);
        expect(res.statusCode, query).toBe(400);
        const { error } = res.json();
        expect(error.code, query).toBe(code);
        expect(error.details.field, query).toBe(field);
        expect(error.message.length, query).toBeGreaterThan(10);
      }
      const range = (await app.inject('/api/v1/planning?procedure=AOO&notificationDate=2018-06-30')).json();
      expect(range.error.message).toContain('1er avril 2019');
    });
  });

  describe('GET /api/v1/planning.ics', () => {
    it('downloads an iCalendar file with Paris times', async () => {
      const res = await app.inject('/api/v1/planning.ics?procedure=AOO&notificationDate=2026-11-16');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="retroplanning-AOO-2026-11-16.ics"',
      );
      expect(res.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(res.body).toContain('DTSTART;TZID=Europe/Paris:20261015T120000');
      expect(res.body).toContain('DTSTART;TZID=Europe/Paris:20261116T090000');
      expect(res.body.match(/BEGIN:VEVENT/g)).toHaveLength(7);
    });

    it('answers a JSON 400 for a bad date', async () => {
      const res = await app.inject('/api/v1/planning.ics?procedure=AOO&notificationDate=31/02/2026');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'date.invalid',
        details: { field: 'notificationDate' },
      });
    });
  });

  describe('GET /api/v1/planning/ocds', () => {
    it('answers OCDS planning milestones with their types and due dates', async () => {
      const res = await app.inject('/api/v1/planning/ocds?procedure=PNSPMC&notificationDate=2026-05-29');
      expect(res.statusCode).toBe(200);
      expect(
        res.json().planning.milestones.map((m: Record<string, string>) => [m.code, m.type, m.dueDate]),
      ).toEqual([
        ['sourcingStart', 'preProcurement', '2026-04-10T09:00:00+02:00'],
        ['quoteRequest', 'engagement', '2026-05-12T09:00:00+02:00'],
        ['offersDeadline', 'engagement', '2026-05-22T12:00:00+02:00'],
        ['notification', 'approval', '2026-05-29T09:00:00+02:00'],
      ]);
    });
  });

  it('documents the three routes in OpenAPI', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    for (const path of ['/api/v1/planning', '/api/v1/planning.ics', '/api/v1/planning/ocds']) {
      expect(doc.paths[path].get.tags, path).toEqual(['planification']);
      expect(Object.keys(doc.paths[path].get.responses).sort(), path).toEqual(['200', '400', '500']);
    }
    const params = doc.paths['/api/v1/planning'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining(['procedure', 'notificationDate', 'department', 'electronic', 'pin', 'urgency']),
    );
    expect(Object.keys(doc.paths['/api/v1/planning.ics'].get.responses['200'].content)).toEqual([
      'text/calendar',
    ]);
  });
});
