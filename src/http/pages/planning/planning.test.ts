import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../../test/setup/test-store.ts';
import type { Store } from '../../../store/database.ts';
import { buildApp } from '../../app.ts';

/** Visible text of an HTML page: tags removed, entities decoded, spaces (NBSP, NNBSP) collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

describeWithStore('page /planning', () => {
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

  it('shows the empty calculator, without login, with « Rétroplanning » in the main menu', async () => {
    const res = await app.inject('/planning');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-l">Calculer un rétroplanning</h1>');
    expect(res.body).toMatch(
      /<a class="govuk-service-navigation__link" href="\/planning" aria-current="true">\s*<strong[^>]*>Rétroplanning</,
    );
    expect(res.body).toContain('name="date-day"');
    expect(res.body).not.toContain('govuk-error-summary');
    expect(res.body).not.toContain('Jalons, heure de Paris');
  });

  it('shows the timeline in French with rules, articles, the Easter Monday shift and the downloads', async () => {
    // AOO on paper launched Monday 2 March 2026: 2 March + 35 = Easter Monday 6 April → Tuesday 7 April.
    const res = await app.inject(
      '/planning?procedure=AOO&from=start&date-day=2&date-month=3&date-year=2026&electronic=non',
    );
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Date limite de réception des offres mardi 7 avril 2026 à 12 h 00');
    expect(text).toContain('Reporté : le lundi 6 avril 2026 n’est pas ouvré (jour férié : Lundi de Pâques)');
    expect(text).toContain('35 jours au moins après l’envoi de l’avis de marché art. R2161-2');
    expect(text).toContain('Envoi de l’avis d’appel à la concurrence lundi 2 mars 2026 à 9 h 00');
    expect(text).toContain('Signature et notification du marché vendredi 15 mai 2026 à 9 h 00');
    expect(text).toContain('Ouverture des plis recommandation mardi 7 avril 2026 à 14 h 00');
    expect(res.body).toContain('<time datetime="2026-04-07T12:00:00+02:00">');
    expect(res.body).toContain(
      'href="/api/v1/planning.ics?procedure=AOO&amp;startDate=2026-03-02&amp;electronic=false&amp;pin=false&amp;urgency=false"',
    );
    expect(res.body).toContain('href="/api/v1/planning/ocds?procedure=AOO&amp;startDate=2026-03-02');
    expect(text).toContain('les délais sans réception électronique sont plus longs. (art. R2132-7)');
  });

  it('shows the procedure advice and its warning without blocking the plan', async () => {
    const res = await app.inject(
      '/planning?procedure=MAPA&date-day=1&date-month=7&date-year=2026&estimatedValue=180+000&buyerType=central&nature=services',
    );
    expect(res.statusCode).toBe(200);
    const text = textOf(res.body);
    expect(text).toContain('Conseil de procédure');
    expect(text).toContain('Attention : 180 000 € HT atteint le seuil européen de 140 000 € HT');
    expect(text).toContain('(art. R2124-1)');
    expect(text).toContain('Procédures adaptées à cette valeur : AOO , AOR , PCN , DC .');
    expect(text).toContain('Date limite de réception des offres recommandation jeudi 4 juin 2026 à 12 h 00');
  });

  it('answers 400 with an error summary linking each field at fault', async () => {
    const res = await app.inject(
      '/planning?procedure=&date-day=30&date-month=&date-year=2026&department=20&estimatedValue=abc',
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Erreur : Calculer un rétroplanning – Amont</title>');
    const summary = res.body.slice(res.body.indexOf('govuk-error-summary'), res.body.indexOf('<h1'));
    const links = [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]!.trim()]);
    expect(links.map((l) => l[0])).toEqual([
      'procedure',
      'date-day',
      'department',
      'estimatedValue',
      'buyerType',
      'nature',
    ]);
    expect(links[0]![1]).toBe('Choisissez une procédure.');
    expect(links[1]![1]).toBe('Indiquez le jour, le mois et l’année.');
    expect(textOf(links[2]![1] ?? '')).toContain('la Corse est codée 2A');
    expect(res.body).toContain('id="procedure-error"');
    expect(res.body).toContain('id="date-error"');
    expect(res.body).toContain('value="30"');
  });

  it('answers 400 for a date that does not exist or is out of range', async () => {
    const bad = await app.inject('/planning?procedure=AOO&date-day=30&date-month=2&date-year=2026');
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain("ce jour n'existe pas dans le calendrier");
    const old = await app.inject('/planning?procedure=AOO&date-day=30&date-month=6&date-year=2018');
    expect(old.statusCode).toBe(400);
    expect(textOf(old.body)).toContain('du 1er avril 2019');
  });

  describe('with Alsace-Moselle', () => {
    it('counts Good Friday as a holiday for département 68', async () => {
      // Launch Wednesday 4 March 2026 + 30 = Good Friday 3 April → Tuesday 7 April in Haut-Rhin.
      const base = '/planning?procedure=AOO&from=start&date-day=4&date-month=3&date-year=2026';
      expect(textOf((await app.inject(`${base}&department=68`)).body)).toContain(
        'Date limite de réception des offres mardi 7 avril 2026 à 12 h 00',
      );
      expect(textOf((await app.inject(base)).body)).toContain(
        'Date limite de réception des offres vendredi 3 avril 2026 à 12 h 00',
      );
    });
  });
});
