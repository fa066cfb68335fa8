import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '../../domain/shared/index.ts';

/**
 * The one place where errors become HTTP answers.
 *
 * - `DomainError`: its code is mapped to a status by `STATUS_BY_CODE` (the only code→status table); its
 *   French `userMessage` is shown.
 * - Schema validation errors: 400 `request.invalid`, naming the field (`details.field`) and where it was
 *   (`details.in`: querystring, params, body).
 * - Anything else is a 5xx: logged with the request context, answered with a generic French message.
 *
 * `/api/…` answers JSON `{ error: { code, message, details } }`; every other URL an HTML page.
 */

/** Code patterns → HTTP status, first match wins. Codes that match none are bugs: 500. */
export const STATUS_BY_CODE: readonly (readonly [RegExp, number])[] = [
  [/^auth\.unauthenticated$/, 401],
  [/^auth\.(forbidden|csrf_rejected)$/, 403],
  [/^auth\.rate_limited$/, 429],
  [/\.not_found$/, 404],
  [/\.(invalid|invalid_[a-z_]+|out_of_range|unknown_code|wrong_check_digit)$/, 400],
  [/^request\./, 400],
  [/^store\.(locked|unreachable)$/, 503],
];

/**
 * HTTP status of a DomainError code.
 * @param code e.g. 'siren.invalid_key'
 * @returns e.g. 400; 500 when no pattern matches
 */
export function statusOfCode(code: string): number {
  for (const [pattern, status] of STATUS_BY_CODE) {
    if (pattern.test(code)) {
      return status;
    }
  }
  return 500;
}

/** The body of every error answer. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}

const GENERIC_5XX =
  'Une erreur inattendue est survenue de notre côté. Réessayez dans quelques instants ; ' +
  'si le problème persiste, signalez-le aux mainteneurs d’Amont.';

const UNAVAILABLE = 'Le service est momentanément indisponible. Réessayez dans quelques instants.';

const TITLES: Record<number, string> = {
  400: 'Demande invalide',
  401: 'Connexion nécessaire',
  403: 'Action refusée',
  429: 'Trop de tentatives',
  404: 'Page introuvable',
  503: 'Service momentanément indisponible',
};

/**
 * Whether a request gets JSON errors (the API and its documentation) rather than HTML pages.
 * @param request the request
 * @returns true for `/api/…`
 */
export function wantsJson(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

/**
 * Sends an error answer in the right format.
 * @param request the request
 * @param reply its reply
 * @param status HTTP status
 * @param body code, French message and details
 */
export async function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: ErrorBody,
): Promise<FastifyReply> {
  reply.code(status);
  if (wantsJson(request)) {
    return reply
      .type('application/json; charset=utf-8')
      .send({ error: { ...body, details: body.details ?? {} } });
  }
  const html = await reply.viewAsync('errors/error.njk', {
    status,
    title: TITLES[status] ?? (status >= 500 ? 'Erreur du service' : 'Demande refusée'),
    message: body.message,
    code: body.code,
  });
  return reply.type('text/html; charset=utf-8').send(html);
}

interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/**
 * French message and field of a schema validation error (first failing rule).
 * @param error the Fastify validation error
 * @returns the body of the 400 answer
 */
export function validationBody(error: FastifyError): ErrorBody {
  const first = (error.validation?.[0] ?? {}) as AjvError;
  const fromPath = (first.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const missing = typeof first.params?.missingProperty === 'string' ? first.params.missingProperty : '';
  const field = fromPath || missing || '(requête)';
  const where = error.validationContext ?? 'request';
  const params = first.params ?? {};
  let rule: string;
  switch (first.keyword) {
    case 'required':
      rule = 'est obligatoire';
      break;
    case 'type':
      rule =
        params.type === 'integer' ? 'doit être un nombre entier' : `doit être de type ${String(params.type)}`;
      break;
    case 'minimum':
      rule = `doit être supérieur ou égal à ${String(params.limit)}`;
      break;
    case 'maximum':
      rule = `doit être inférieur ou égal à ${String(params.limit)}`;
      break;
    case 'maxLength':
      rule = `ne doit pas dépasser ${String(params.limit)} caractères`;
      break;
    case 'enum':
      rule = `doit valoir ${(params.allowedValues as unknown[] | undefined)?.map(String).join(', ') ?? 'une valeur permise'}`;
      break;
    default:
      rule = 'n’a pas une valeur acceptée';
  }
  return {
    code: 'request.invalid',
    message: `Le paramètre « ${field} » ${rule}.`,
    details: { field, in: where },
  };
}

/**
 * Installs the error and not-found handlers on the root instance.
 * @param app the root instance
 */
async function errorHandler(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      const status = statusOfCode(error.code);
      if (status >= 500) {
        request.log.error(
          { err: error, code: error.code, url: request.url },
          'domain error answered with a 5xx',
        );
        return sendError(request, reply, status, {
          code: error.code,
          message: status === 503 ? UNAVAILABLE : GENERIC_5XX,
        });
      }
      return sendError(request, reply, status, {
        code: error.code,
        message: error.userMessage,
        details: error.details,
      });
    }
    if (error.validation) {
      return sendError(request, reply, 400, validationBody(error));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendError(request, reply, status, {
        code: `request.${status === 404 ? 'not_found' : 'rejected'}`,
        message: status === 404 ? 'Cette page n’existe pas.' : 'La demande n’a pas pu être traitée.',
      });
    }
    request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
    return sendError(request, reply, 500, { code: 'internal', message: GENERIC_5XX });
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, 404, {
      code: 'route.not_found',
      message: wantsJson(request)
        ? `Aucune ressource ne répond à ${request.method} ${request.url.split('?')[0] ?? ''}.`
        : 'Cette page n’existe pas ou a été déplacée. Vérifiez l’adresse, ou repartez de l’accueil.',
    }),
  );
}

export default fp(errorHandler, { name: 'amont-error-handler', dependencies: ['amont-views'] });
