import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  parsePlanningRequest,
  planningToIcs,
  planningToOcds,
  planProcurement,
  presentPlan,
  type ProcurementPlan,
  type RawPlanningRequest,
} from '../../../domain/planning/index.ts';
import { todayInParis } from '../../../domain/shared/index.ts';
import { getPlanningIcsSchema, getPlanningOcdsSchema, getPlanningSchema } from './schema.ts';

/**
 * The public retro-planning calculator (no login), mounted under `/api/v1`: `GET /planning` (JSON),
 * `GET /planning.ics` (iCalendar) and `GET /planning/ocds` (OCDS `planning.milestones`). Each parses the
 * query with the domain's reader (French errors naming the field) and calls the engine.
 */

/**
 * Plans from a query, or throws the first field error (400 with `details.field`).
 * @param query the validated query string
 * @returns the plan and its advice
 */
function planFromQuery(query: RawPlanningRequest): ProcurementPlan {
  const parsed = parsePlanningRequest(query);
  if (!parsed.ok) {
    throw parsed.errors[0]!;
  }
  return planProcurement(parsed.request, todayInParis());
}

const planningApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/planning', { schema: getPlanningSchema }, async (request) =>
    presentPlan(planFromQuery(request.query)),
  );

  app.get('/planning.ics', { schema: getPlanningIcsSchema }, async (request, reply) => {
    const { planning } = planFromQuery(request.query);
    const day = planning.milestones[planning.milestones.length - 1]!.at.toFormat('yyyy-MM-dd');
    return reply
      .type('text/calendar; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="retroplanning-${planning.options.procedure}-${day}.ics"`,
      )
      .send(planningToIcs(planning));
  });

  app.get('/planning/ocds', { schema: getPlanningOcdsSchema }, async (request) =>
    planningToOcds(planFromQuery(request.query).planning),
  );
};

export default planningApi;
