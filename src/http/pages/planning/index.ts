import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import {
  BUYER_TYPES,
  parsePlanningRequest,
  planningRows,
  planProcurement,
  PROCEDURE_CODES,
  PROCEDURES,
  PURCHASE_NATURES,
  type RawPlanningRequest,
} from '../../../domain/planning/index.ts';
import { todayInParis } from '../../../domain/shared/index.ts';
import { urlWith } from '../pagination.ts';

/**
 * `GET /planning` « Calculer un rétroplanning »: the public calculator (no login, no JavaScript needed).
 * An empty query shows the form; a submitted one shows the timeline, the warnings, the advice and the
 * download links, or answers 400 with the govuk error summary, one message per field.
 */

const text = Type.Optional(Type.String({ maxLength: 200 }));
const CalculatorQuery = Type.Object({
  procedure: text,
  from: text,
  'date-day': text,
  'date-month': text,
  'date-year': text,
  department: text,
  electronic: text,
  pin: text,
  urgency: text,
  estimatedValue: text,
  buyerType: text,
  nature: text,
  innovative: text,
});

type Form = Partial<Record<keyof typeof CalculatorQuery.properties, string>>;

/** Form field (and element id) of each request field, for the error summary links. */
const FIELD_IDS: Record<string, string> = {
  procedure: 'procedure',
  notificationDate: 'date-day',
  startDate: 'date-day',
  department: 'department',
  electronic: 'electronic',
  pin: 'pin',
  urgency: 'urgency',
  estimatedValue: 'estimatedValue',
  buyerType: 'buyerType',
  nature: 'nature',
  innovative: 'innovative',
};

const BUYER_LABELS: Record<(typeof BUYER_TYPES)[number], string> = {
  central: 'État ou autorité publique centrale',
  local: 'Collectivité territoriale ou autre pouvoir adjudicateur',
  utility: 'Entité adjudicatrice (eau, énergie, transports, poste)',
};
const NATURE_LABELS: Record<(typeof PURCHASE_NATURES)[number], string> = {
  works: 'Travaux',
  supplies: 'Fournitures',
  services: 'Services',
};

/**
 * The day typed in the three boxes of the date input, as `JJ/MM/AAAA` for the domain's date reader.
 * @param form the submitted form
 * @returns the date text, '' when the three boxes are empty, or null when only some are filled
 */
function typedDate(form: Form): string | null {
  const parts = [form['date-day'], form['date-month'], form['date-year']].map((p) => (p ?? '').trim());
  if (parts.every((p) => p === '')) {
    return '';
  }
  return parts.some((p) => p === '') ? null : parts.join('/');
}

function toRequest(form: Form, date: string): RawPlanningRequest {
  const fromStart = form.from === 'start';
  return {
    procedure: form.procedure,
    ...(fromStart ? { startDate: date } : { notificationDate: date }),
    department: form.department,
    electronic: form.electronic ?? 'oui',
    pin: form.pin ?? 'non',
    urgency: form.urgency ?? 'non',
    estimatedValue: form.estimatedValue,
    buyerType: form.buyerType,
    nature: form.nature,
    innovative: form.innovative ?? 'non',
  };
}

function options<T extends string>(
  values: readonly T[],
  labels: (v: T) => string,
  selected: string | undefined,
) {
  return [
    { value: '', text: 'Choisir', selected: !selected },
    ...values.map((value) => ({ value, text: labels(value), selected: selected === value })),
  ];
}

const planningPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/planning', { schema: { querystring: CalculatorQuery } }, async (request, reply) => {
    const form: Form = request.query;
    const view = {
      nav: 'planning',
      form,
      procedureItems: options(PROCEDURE_CODES, (c) => `${PROCEDURES[c].label} (${c})`, form.procedure),
      buyerItems: options(BUYER_TYPES, (b) => BUYER_LABELS[b], form.buyerType),
      natureItems: options(PURCHASE_NATURES, (n) => NATURE_LABELS[n], form.nature),
    };
    const submitted = Object.values(form).some((value) => (value ?? '').trim() !== '');
    if (!submitted) {
      return reply.view('planning/calculator.njk', view);
    }
    const date = typedDate(form);
    const parsed = parsePlanningRequest(toRequest(form, date ?? ''));
    const errors = parsed.ok
      ? []
      : parsed.errors.map((e) => ({ field: String(e.details?.field ?? ''), text: e.userMessage }));
    if (date === null) {
      const dateErrors = errors.filter((e) => e.field !== 'notificationDate' && e.field !== 'startDate');
      errors.splice(
        0,
        errors.length,
        { field: 'notificationDate', text: 'Indiquez le jour, le mois et l’année.' },
        ...dateErrors,
      );
    }
    if (!parsed.ok || errors.length > 0) {
      const order = Object.keys(FIELD_IDS);
      errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
      const errorList = errors.map((e) => ({ text: e.text, href: `#${FIELD_IDS[e.field] ?? 'procedure'}` }));
      const byField: Record<string, { text: string }> = {};
      for (const e of errors) {
        const key = e.field === 'startDate' ? 'notificationDate' : e.field;
        byField[key] ??= { text: e.text };
      }
      return reply.code(400).view('planning/calculator.njk', { ...view, errorList, errors: byField });
    }
    const plan = planProcurement(parsed.request, todayInParis());
    const { options: chosen, anchor } = parsed.request;
    const apiQuery = {
      procedure: chosen.procedure,
      [anchor.from === 'start' ? 'startDate' : 'notificationDate']: anchor.date,
      department: chosen.departement ?? '',
      electronic: String(chosen.electronic),
      pin: String(chosen.pin),
      urgency: String(chosen.urgency),
    };
    return reply.view('planning/calculator.njk', {
      ...view,
      plan,
      procedureLabel: PROCEDURES[chosen.procedure].label,
      rows: planningRows(plan.planning),
      icsHref: urlWith('/api/v1/planning.ics', apiQuery, { department: '' }),
      ocdsHref: urlWith('/api/v1/planning/ocds', apiQuery, { department: '' }),
      jsonHref: urlWith('/api/v1/planning', apiQuery, { department: '' }),
    });
  });
};

export default planningPages;
