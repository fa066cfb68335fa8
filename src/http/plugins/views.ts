import fastifyView from '@fastify/view';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import { formatEuros, formatFrenchDate } from '../../domain/shared/index.ts';
import { govukDistDir, mojDir, viewsDir } from './paths.ts';

/**
 * Server-side rendering with Nunjucks. Templates are searched in our `src/http/views`, then in
 * govuk-frontend (`govuk/template.njk`, `govuk/components/…/macro.njk`) and in the Ministry of Justice
 * frontend (`moj/components/…`). Every user-facing string lives in our templates, in French.
 */

let frenchNumber: Intl.NumberFormat | undefined;

/**
 * `euros` filter: a French amount, or an empty string when unknown (templates say « Non communiqué »).
 * @param value euros as a number or a decimal string, or null
 * @returns e.g. '80 000,00 €' (narrow no-break space, no-break space before €)
 */
export function eurosFilter(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? formatEuros(n) : '';
}

/**
 * `frDate` filter: a calendar day written in French.
 * @param value 'YYYY-MM-DD' or null
 * @returns e.g. '3 décembre 2018', '1er mars 2019', or an empty string
 */
export function frDateFilter(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    return '';
  }
  try {
    return formatFrenchDate(value);
  } catch {
    return value;
  }
}

/**
 * `siren` filter: groups of 3 digits as INSEE prints them; anything else unchanged.
 * @param value a SIREN (9 digits)
 * @returns e.g. '356 000 000'
 */
export function sirenFilter(value: unknown): string {
  const s = String(value ?? '');
  return /^\d{9}$/.test(s) ? `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}` : s;
}

/**
 * `siret` filter: groups 3 3 3 5 as INSEE prints them; anything else unchanged.
 * @param value a SIRET (14 digits)
 * @returns e.g. '356 000 000 00048'
 */
export function siretFilter(value: unknown): string {
  const s = String(value ?? '');
  return /^\d{14}$/.test(s) ? `${sirenFilter(s.slice(0, 9))} ${s.slice(9)}` : s;
}

/**
 * `frNumber` filter: an integer with French digit grouping.
 * @param value a number
 * @returns e.g. '5 123' (narrow no-break space)
 */
export function frNumberFilter(value: unknown): string {
  frenchNumber ??= new Intl.NumberFormat('fr-FR');
  return typeof value === 'number' ? frenchNumber.format(value) : String(value ?? '');
}

/**
 * Registers `reply.view(template, data)` for the whole app, with the filters above.
 * @param app the root instance
 */
async function views(app: FastifyInstance): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [viewsDir, govukDistDir, mojDir],
    viewExt: 'njk',
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure(env: nunjucks.Environment) {
        env.addFilter('euros', eurosFilter);
        env.addFilter('frDate', frDateFilter);
        env.addFilter('siren', sirenFilter);
        env.addFilter('siret', siretFilter);
        env.addFilter('frNumber', frNumberFilter);
      },
    },
  });
}

export default fp(views, { name: 'amont-views' });
