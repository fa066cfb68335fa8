import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import { isoWithOffset } from './format.ts';
import { planningToOcds } from './ocds.ts';
import { computePlanning } from './retro-planning.ts';

/**
 * Ajv is in node_modules only through Fastify, not as a dependency of ours, so the milestones are checked
 * against the `Milestone` definition of the OCDS 1.1 release schema by the code below: required fields,
 * no unknown field, JSON types, `date-time` format (RFC 3339), closed enums, codelist values.
 */
interface PropertySchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  codelist?: string;
  minLength?: number;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function jsonType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  return Number.isInteger(value) ? 'integer' : typeof value;
}

function codelist(file: string): string[] {
  const csv = fs.readFileSync(sharedDataPath('ocds', 'schema-1.1', 'codelists', file), 'utf8');
  return csv
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',')[0]!);
}

function violations(
  milestone: Record<string, unknown>,
  definition: { required: string[]; properties: Record<string, PropertySchema> },
) {
  const problems: string[] = [];
  for (const name of definition.required) {
    if (!(name in milestone)) {
      problems.push(`${name}: required`);
    }
  }
  for (const [name, value] of Object.entries(milestone)) {
    const schema = definition.properties[name];
    if (schema === undefined) {
      problems.push(`${name}: not in the schema`);
      continue;
    }
    const types = ([] as string[]).concat(schema.type ?? []);
    const actual = jsonType(value);
    if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      problems.push(`${name}: ${actual} is not ${types.join('|')}`);
    }
    if (schema.format === 'date-time' && typeof value === 'string' && !RFC3339.test(value)) {
      problems.push(`${name}: not a date-time`);
    }
    if (schema.enum !== undefined && !schema.enum.includes(value)) {
      problems.push(`${name}: ${String(value)} not in enum`);
    }
    if (
      schema.codelist !== undefined &&
      typeof value === 'string' &&
      !codelist(schema.codelist).includes(value)
    ) {
      problems.push(`${name}: ${value} not in ${schema.codelist}`);
    }
    if (schema.minLength !== undefined && typeof value === 'string' && value.length < schema.minLength) {
      problems.push(`${name}: too short`);
    }
  }
  return problems;
}

describe('planningToOcds', () => {
  const plan = computePlanning(
    { procedure: 'AOR', departement: '67', electronic: true, pin: true, urgency: false },
    { from: 'notification', date: '2026-12-14' },
  );
  const ocds = planningToOcds(plan);

  it.skipIf(!hasSharedData('ocds', 'schema-1.1', 'release-schema.json'))(
    'gives milestones valid against the OCDS 1.1 release schema’s Milestone definition',
    () => {
      const schema = JSON.parse(
        fs.readFileSync(sharedDataPath('ocds', 'schema-1.1', 'release-schema.json'), 'utf8'),
      );
      expect(schema.definitions.Planning.properties.milestones.items.$ref).toBe('#/definitions/Milestone');
      const definition = schema.definitions.Milestone;
      expect(ocds.planning.milestones).toHaveLength(plan.milestones.length);
      for (const milestone of ocds.planning.milestones) {
        expect(
          violations(milestone as unknown as Record<string, unknown>, definition),
          milestone.code,
        ).toEqual([]);
      }
      // The checker does catch a bad milestone.
      expect(violations({ id: '', type: 'timeline', dueDate: '2026-12-14', extra: 1 }, definition)).toEqual([
        'id: too short',
        'type: timeline not in milestoneType.csv',
        'dueDate: not a date-time',
        'extra: not in the schema',
      ]);
    },
  );

  it('keeps the Paris offset, the timeline order and cites the article', () => {
    expect(ocds.planning.milestones.map((m) => m.id)).toEqual(plan.milestones.map((_, i) => String(i + 1)));
    const offers = ocds.planning.milestones.find((m) => m.code === 'offersDeadline')!;
    const planned = plan.milestones.find((m) => m.code === 'offersDeadline')!;
    expect(offers).toMatchObject({
      type: 'engagement',
      status: 'scheduled',
      dueDate: isoWithOffset(planned.at),
    });
    expect(offers.description).toContain(`art. ${planned.article}`);
    expect(ocds.planning.milestones.find((m) => m.code === 'notification')!.type).toBe('approval');
  });
});
