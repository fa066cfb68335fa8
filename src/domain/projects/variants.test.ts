import { describe, expect, it } from 'vitest';
import { PROCEDURE_CODES } from '../planning/index.ts';
import { defaultVariantPolicy, effectiveVariants } from './variants.ts';

describe('variants policy (BT-63)', () => {
  it('defaults to not allowed in formalised procedures and allowed otherwise (R2151-8)', () => {
    expect(Object.fromEntries(PROCEDURE_CODES.map((p) => [p, defaultVariantPolicy(p)]))).toEqual({
      MAPA: 'allowed',
      AOO: 'not-allowed',
      AOR: 'not-allowed',
      PCN: 'not-allowed',
      DC: 'not-allowed',
      PI: 'not-allowed',
      PNSPMC: 'allowed',
    });
  });

  it('applies what the buyer stated over the default, with its conditions only when variants are open', () => {
    const unstated = {
      variants: null,
      variantMinimumRequirements: 'Même puissance',
      variantWithoutBaseOffer: true,
    };
    expect(effectiveVariants(unstated, 'AOO')).toEqual({
      policy: 'not-allowed',
      label: 'Non autorisée',
      stated: false,
      minimumRequirements: null,
      withoutBaseOffer: false,
    });
    expect(effectiveVariants(unstated, 'MAPA')).toEqual({
      policy: 'allowed',
      label: 'Autorisée',
      stated: false,
      minimumRequirements: 'Même puissance',
      withoutBaseOffer: true,
    });
    expect(effectiveVariants({ ...unstated, variants: 'required' }, 'AOO')).toMatchObject({
      policy: 'required',
      label: 'Requise',
      stated: true,
    });
    expect(effectiveVariants({ ...unstated, variants: 'not-allowed' }, 'MAPA')).toMatchObject({
      policy: 'not-allowed',
      stated: true,
    });
  });
});
