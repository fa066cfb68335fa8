import { describe, expect, it } from 'vitest';
import { adviseProcedure, type AdviceInput } from './advice.ts';

const base: AdviceInput = {
  estimatedValue: 180_000,
  buyerType: 'local',
  nature: 'services',
  innovative: false,
  launchDate: '2026-06-01',
};

const codes = (input: AdviceInput) =>
  adviseProcedure(input).items.map((i) => [i.code, i.severity, i.article]);

describe('adviseProcedure (2026–2027 thresholds)', () => {
  it('advises a MAPA with a BOAMP notice for 180 000 € of services of a collectivité (EU 216 000)', () => {
    const advice = adviseProcedure({ ...base, procedure: 'MAPA' });
    expect(advice.recommended).toEqual(['MAPA']);
    expect(advice.euThreshold).toMatchObject({ amount: 216_000, article: 'R2124-1' });
    expect(advice.noPublicityThreshold).toMatchObject({ amount: 60_000, article: 'R2122-8' });
    expect(codes({ ...base, procedure: 'MAPA' })).toEqual([
      ['mapa', 'info', 'R2123-1 1°'],
      ['mapa_notice', 'info', 'R2131-12'],
      ['free_documents', 'info', 'R2132-2'],
    ]);
  });

  it('warns, without blocking, that a MAPA of 180 000 € of State services needs a formalised procedure (EU 140 000)', () => {
    const advice = adviseProcedure({ ...base, buyerType: 'central', procedure: 'MAPA' });
    expect(advice.recommended).toEqual(['AOO', 'AOR', 'PCN', 'DC']);
    const warning = advice.items.find((i) => i.severity === 'warning')!;
    expect(warning).toMatchObject({ code: 'procedure_above_threshold', article: 'R2124-1' });
    expect(warning.message).toContain('140');
  });

  it('counts a value equal to the works threshold (5 404 000 €) as above it', () => {
    const at = adviseProcedure({ ...base, nature: 'works', estimatedValue: 5_404_000 });
    expect(at.items.map((i) => i.code)).toEqual(['formalised']);
    const below = adviseProcedure({ ...base, nature: 'works', estimatedValue: 5_403_999 });
    expect(below.items.map((i) => i.code)).toEqual(['mapa', 'mapa_notice']);
  });

  it('uses 432 000 € for the supplies of a contracting entity (utility)', () => {
    expect(adviseProcedure({ ...base, buyerType: 'utility', nature: 'supplies' }).euThreshold?.amount).toBe(
      432_000,
    );
  });

  it('raises the no-publicity threshold of supplies and services from 40 000 to 60 000 € on 1 April 2026', () => {
    const before = adviseProcedure({ ...base, estimatedValue: 50_000, launchDate: '2026-03-31' });
    expect(before.noPublicityThreshold?.amount).toBe(40_000);
    expect(before.recommended).toEqual(['MAPA']);
    const after = adviseProcedure({ ...base, estimatedValue: 50_000, launchDate: '2026-04-01' });
    expect(after.noPublicityThreshold?.amount).toBe(60_000);
    expect(after.recommended).toEqual(['PNSPMC', 'MAPA']);
    expect(after.items[0]).toMatchObject({ code: 'no_publicity', article: 'R2122-8' });
  });

  it('allows works below 100 000 € without publicity from 1 January 2026', () => {
    const advice = adviseProcedure({
      ...base,
      nature: 'works',
      estimatedValue: 99_999,
      launchDate: '2026-01-05',
    });
    expect(advice.items[0]).toMatchObject({ code: 'no_publicity', article: 'R2122-8' });
    expect(advice.items[0]!.message).toContain('100');
  });

  it('offers the innovative-purchase exemption below 100 000 € (R2122-9-1), and warns without it', () => {
    const innovative = adviseProcedure({
      ...base,
      estimatedValue: 95_000,
      innovative: true,
      procedure: 'PNSPMC',
    });
    expect(innovative.recommended).toEqual(['PNSPMC', 'MAPA', 'PI']);
    expect(innovative.items.map((i) => i.code)).toEqual(['innovative_exemption', 'mapa', 'mapa_notice']);
    const plain = adviseProcedure({ ...base, estimatedValue: 95_000, procedure: 'PNSPMC' });
    expect(plain.items.find((i) => i.severity === 'warning')).toMatchObject({
      code: 'procedure_above_threshold',
      article: 'R2122-8',
    });
  });

  it('says when Amont does not know the thresholds of the launch day', () => {
    const advice = adviseProcedure({ ...base, launchDate: '2028-01-10' });
    expect(advice.euThreshold).toBeNull();
    expect(advice.items[0]).toMatchObject({ code: 'thresholds_unknown', severity: 'info' });
  });

  it('recalls the conditions of a negotiated procedure and of an innovation partnership', () => {
    expect(codes({ ...base, estimatedValue: 300_000, procedure: 'PCN' })).toContainEqual([
      'negotiation_conditions',
      'info',
      'R2124-3',
    ]);
    expect(codes({ ...base, estimatedValue: 300_000, procedure: 'PI' })).toContainEqual([
      'innovation_partnership',
      'warning',
      'L2172-3',
    ]);
  });
});
