import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the HTTP layer finds its files: our views and assets beside this folder, and the design-system
 * packages wherever npm installed them (resolved, not assumed to be in ./node_modules).
 */
const require = createRequire(import.meta.url);
const httpDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `src/http/views`: our templates. */
export const viewsDir = path.join(httpDir, 'views');
/** `src/http/assets`: our CSS, favicon and script. */
export const assetsDir = path.join(httpDir, 'assets');
/** `govuk-frontend/dist`: holds `govuk/template.njk`, `govuk/components/*`, the compiled CSS and JS. */
export const govukDistDir = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
/** `@ministryofjustice/frontend`: holds `moj/components/*` and the compiled CSS. */
export const mojDir = path.dirname(require.resolve('@ministryofjustice/frontend/package.json'));
/** `accessible-autocomplete/dist`: the commune autocomplete of the search page (JS and CSS). */
export const accessibleAutocompleteDistDir = path.join(
  path.dirname(require.resolve('accessible-autocomplete/package.json')),
  'dist',
);
