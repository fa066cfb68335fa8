import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { accessibleAutocompleteDistDir, assetsDir, govukDistDir, mojDir } from './paths.ts';

/**
 * Static assets under `/assets/`: our own files (`src/http/assets`: amont.css, favicon, init.js) and the
 * compiled CSS/JS of govuk-frontend and the MoJ frontend.
 *
 * Re-branding: Amont is not a GOV.UK service. The GDS Transport typeface is licensed for GOV.UK only, so
 * the design-system CSS is served rewritten: its `@font-face` rules are removed and the font stack is
 * replaced by the system fonts. GOV.UK's images (crown, crest, favicons) are never served.
 */

/** System font stack used instead of GDS Transport. */
export const SYSTEM_FONT_STACK =
  'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif';

/**
 * Removes the GDS Transport typeface from a compiled design-system stylesheet.
 * @param css govuk-frontend or MoJ frontend minified CSS
 * @returns the CSS without `@font-face` rules and with the system font stack wherever GDS Transport was
 */
export function rebrandCss(css: string): string {
  return css
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(
      /font-family:\s*"?GDS Transport"?\s*,\s*arial\s*,\s*sans-serif/gi,
      `font-family:${SYSTEM_FONT_STACK}`,
    )
    .replace(/"?GDS Transport"?/g, 'system-ui');
}

interface Asset {
  body: string;
  type: string;
  etag: string;
}

function asset(body: string, type: string): Asset {
  return { body, type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** A compiled JS or CSS file without its trailing source-map comment (the maps are not served). */
function withoutSourceMap(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\n*(?:\/\/# sourceMappingURL=.*|\/\*# sourceMappingURL=.*\*\/)\s*$/, '\n');
}

/**
 * Registers the asset routes on the root instance.
 * @param app the root instance
 */
async function staticAssets(app: FastifyInstance): Promise<void> {
  const govukDir = path.join(govukDistDir, 'govuk');
  const rewritten: Record<string, Asset> = {
    '/assets/govuk-frontend.min.css': asset(
      rebrandCss(fs.readFileSync(path.join(govukDir, 'govuk-frontend.min.css'), 'utf8')),
      'text/css; charset=utf-8',
    ),
    '/assets/moj-frontend.min.css': asset(
      rebrandCss(fs.readFileSync(path.join(mojDir, 'moj', 'moj-frontend.min.css'), 'utf8')),
      'text/css; charset=utf-8',
    ),
    '/assets/govuk-frontend.min.js': asset(
      // Drop the source-map comment: the map is not served.
      fs
        .readFileSync(path.join(govukDir, 'govuk-frontend.min.js'), 'utf8')
        .replace(/\n?\/\/# sourceMappingURL=.*$/, ''),
      'text/javascript; charset=utf-8',
    ),
    // The commune autocomplete of /recherche (alphagov accessible-autocomplete, MIT); maps not served.
    '/assets/accessible-autocomplete.min.js': asset(
      withoutSourceMap(path.join(accessibleAutocompleteDistDir, 'accessible-autocomplete.min.js')),
      'text/javascript; charset=utf-8',
    ),
    '/assets/accessible-autocomplete.min.css': asset(
      withoutSourceMap(path.join(accessibleAutocompleteDistDir, 'accessible-autocomplete.min.css')),
      'text/css; charset=utf-8',
    ),
  };
  for (const [url, file] of Object.entries(rewritten)) {
    app.get(url, { schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header('cache-control', 'public, max-age=86400').header('etag', file.etag).type(file.type);
      if (request.headers['if-none-match'] === file.etag) {
        return reply.code(304).send();
      }
      return file.body;
    });
  }
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: '/assets/',
    maxAge: 86_400_000,
    schemaHide: true,
  });
}

export default fp(staticAssets, { name: 'amont-static' });
