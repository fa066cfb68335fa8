import fs from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import jsonMergePatch from 'json-merge-patch';
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04';
import { sharedDataPath } from './shared-data.ts';

/**
 * OCDS 1.1 validation for tests, against the real schemas in ../shared/data/ocds: the release schema with
 * the extensions applied the way OCDS tooling does it (each extension's `release-schema.json` is a JSON
 * Merge Patch, RFC 7386, applied in order onto the core schema), compiled as draft-04 (the schemas'
 * `$schema`) with the `date-time` and `uri` formats checked.
 */

/** Extensions applied, in this order (lots first: the others patch its `Lot` definition). */
export const OCDS_TEST_EXTENSIONS = [
  'lots',
  'submissionTerms',
  'sustainability',
  'otherRequirements',
  'awardCriteria',
];

const readJson = (...segments: string[]): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(sharedDataPath('ocds', ...segments), 'utf8')) as Record<string, unknown>;

/** The core release schema with the extensions merged in. */
export function extendedReleaseSchema(): Record<string, unknown> {
  let schema = readJson('schema-1.1', 'release-schema.json');
  for (const extension of OCDS_TEST_EXTENSIONS) {
    schema = jsonMergePatch.apply(schema, readJson('extensions', extension, 'release-schema.json'));
  }
  return schema;
}

/** Validators of a release and of a release package (whose releases are checked by the extended schema). */
export interface OcdsValidators {
  release: ValidateFunction;
  releasePackage: ValidateFunction;
}

/** Compiles the validators (once per test file). */
export function ocdsValidators(): OcdsValidators {
  // CommonJS packages: under NodeNext their class and function are the `default` member of the import.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  ajvFormats.default(ajv, ['date-time', 'uri']);
  ajv.addSchema(extendedReleaseSchema());
  return {
    release: ajv.getSchema(String(readJson('schema-1.1', 'release-schema.json').id))!,
    releasePackage: ajv.compile(readJson('schema-1.1', 'release-package-schema.json')),
  };
}

/**
 * The errors of a validation, one line each, for a readable assertion.
 * @param errors `validate.errors`
 * @returns e.g. ['/tender/lots/0/submissionTerms/variantPolicy must be equal to one of the allowed values']
 */
export function errorLines(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
