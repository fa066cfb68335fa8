import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';
import { DomainError } from '../../../domain/shared/index.ts';
import { createPostgresSearchIndex } from '../../../search/index.ts';
import {
  MAX_NEED_LENGTH,
  presentCpvSuggestion,
  suggestCpv,
  type CpvSuggestions,
} from '../../../search/cpv-suggest/index.ts';
import { suppliersForNeed } from './need-suppliers.ts';

/** Suggested codes passed to the supplier search. */
const CODES_FOR_SUPPLIERS = 3;

const NeedQuery = Type.Object({ q: Type.Optional(Type.String()) });

/** A search page link within a CPV code, with the need's words when they found suppliers. */
function searchHref(code: string, q: string | null): string {
  const params = new URLSearchParams({ cpv: code });
  if (q !== null) {
    params.set('q', q);
  }
  return `/recherche?${params.toString()}`;
}

function suggestionViews(result: CpvSuggestions, q: string | null) {
  return result.suggestions.map((suggestion) => ({
    ...presentCpvSuggestion(suggestion),
    href: searchHref(suggestion.code, q),
    percent: Math.round(suggestion.score * 100),
  }));
}

/**
 * `GET /besoin`: « Décrire mon besoin » (French, server-rendered, usable without JavaScript). A textarea
 * sent by GET (`?q=`); the answer lists the suggested CPV codes with their reasons, each linking to the
 * search page within that code, and the suppliers found by the search engine within the best codes.
 * A blank or too long text is answered 400 with the form and its error.
 */
const needPages: FastifyPluginAsyncTypebox = async (app) => {
  const index = createPostgresSearchIndex(app.store.db);

  app.get('/besoin', { schema: { querystring: NeedQuery } }, async (request, reply) => {
    const raw = request.query.q;
    if (raw === undefined) {
      return reply.view('need/page.njk', { nav: 'need', q: '' });
    }
    const q = raw.trim();
    const fail = (message: string) =>
      reply.code(400).view('need/page.njk', { nav: 'need', q, error: message });
    if (q.length > MAX_NEED_LENGTH) {
      return fail(`Votre besoin ne doit pas dépasser ${MAX_NEED_LENGTH} caractères : résumez-le.`);
    }
    let result: CpvSuggestions;
    try {
      result = await suggestCpv(app.store.db, { q });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'cpv_suggest.invalid_query') {
        return fail(error.userMessage);
      }
      throw error;
    }
    const codes = result.suggestions.slice(0, CODES_FOR_SUPPLIERS).map((s) => s.code);
    const suppliers = await suppliersForNeed(index, q, codes);
    return reply.view('need/page.njk', {
      nav: 'need',
      q,
      result,
      suggestions: suggestionViews(result, suppliers.byText ? q : null),
      suppliers,
    });
  });
};

export default needPages;
