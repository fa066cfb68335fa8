import type { SolutionView } from '../../../domain/solutions/index.ts';
import { field } from '../accounts/forms.ts';

/**
 * The solution form: what a form post gives as `SolutionInput`, and the values the form shows for a
 * saved solution (lists written back as « 35, 56 »).
 */

/** The form's fields, as typed (all strings). */
export type SolutionFormValues = Record<
  | 'title'
  | 'summary'
  | 'description'
  | 'cpvCodes'
  | 'trl'
  | 'perimeterKind'
  | 'commune'
  | 'radiusKm'
  | 'departements'
  | 'regions'
  | 'priceMin'
  | 'priceMax'
  | 'priceUnit',
  string
>;

const FIELDS: (keyof SolutionFormValues)[] = [
  'title',
  'summary',
  'description',
  'cpvCodes',
  'trl',
  'perimeterKind',
  'commune',
  'radiusKm',
  'departements',
  'regions',
  'priceMin',
  'priceMax',
  'priceUnit',
];

/**
 * Reads the solution form of a post.
 * @param body `request.body` (urlencoded)
 * @returns the values as typed
 */
export function readSolutionForm(body: unknown): SolutionFormValues {
  return Object.fromEntries(FIELDS.map((name) => [name, field(body, name)])) as SolutionFormValues;
}

/** The form of a new solution. */
export const EMPTY_SOLUTION_FORM: SolutionFormValues = Object.freeze({
  ...(Object.fromEntries(FIELDS.map((name) => [name, ''])) as SolutionFormValues),
  perimeterKind: 'national',
});

/**
 * The form of a saved solution.
 * @param solution its view
 */
export function formValuesOf(solution: SolutionView): SolutionFormValues {
  const p = solution.perimeter;
  const text = (value: number | null) => (value === null ? '' : String(value).replace('.', ','));
  return {
    title: solution.title,
    summary: solution.summary,
    description: solution.description,
    cpvCodes: solution.cpv.map((c) => c.code).join(', '),
    trl: solution.trl === null ? '' : String(solution.trl.level),
    perimeterKind: p.kind,
    commune: p.commune?.code ?? '',
    radiusKm: p.radiusKm === null ? '' : String(p.radiusKm),
    departements: p.departements.map((d) => d.code).join(', '),
    regions: p.regions.map((r) => r.code).join(', '),
    priceMin: text(solution.price.min),
    priceMax: text(solution.price.max),
    priceUnit: solution.price.unit ?? '',
  };
}

/**
 * Every value of a repeated field (checkboxes): urlencoded gives a string for one box, an array for more.
 * @param body `request.body`
 * @param name the field
 */
export function fieldValues(body: unknown, name: string): string[] {
  const value =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string');
}
