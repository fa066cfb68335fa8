import { describe, expect, it } from 'vitest';
import { canonicalLabel, labelKey, NATURES, PROCEDURES } from './decp-labels.ts';

describe('canonicalLabel', () => {
  it('repairs lost accents, case, typographic apostrophes, hyphens and spaces', () => {
    expect(canonicalLabel('procedure', 'Procedure adaptee')).toBe('Procédure adaptée');
    expect(canonicalLabel('procedure', '  PROCÉDURE   ADAPTÉE ')).toBe('Procédure adaptée');
    expect(canonicalLabel('procedure', 'appel d’offres ouvert')).toBe("Appel d'offres ouvert");
    expect(canonicalLabel('procedure', "Appel d' offres restreint")).toBe("Appel d'offres restreint");
    expect(
      canonicalLabel('procedure', 'marche negocie sans publicite ni mise en concurrence prealable'),
    ).toBe('Marché négocié sans publicité ni mise en concurrence préalable');
    expect(canonicalLabel('nature', 'ACCORD CADRE')).toBe('Accord-cadre');
    expect(canonicalLabel('ccag', "Maîtrise d'oeuvre")).toBe("Maitrise d'œuvre");
    expect(canonicalLabel('identifierType', 'hors ue')).toBe('HORS-UE');
    expect(canonicalLabel('placeType', 'code departement')).toBe('Code département');
  });

  it('reads the abbreviations every buyer uses, and nothing else', () => {
    expect(canonicalLabel('procedure', 'MAPA')).toBe('Procédure adaptée');
    expect(canonicalLabel('procedure', 'AOO')).toBe("Appel d'offres ouvert");
    expect(canonicalLabel('procedure', 'Procédure imaginaire')).toBeNull();
    expect(canonicalLabel('procedure', 'adaptée')).toBeNull();
    expect(canonicalLabel('nature', 'Marchés')).toBeNull();
  });

  it('maps every canonical label onto itself, in both format versions', () => {
    for (const label of PROCEDURES) {
      expect(canonicalLabel('procedure', label)).toBe(label);
    }
    for (const label of NATURES) {
      expect(canonicalLabel('nature', label)).toBe(label);
    }
    expect(new Set(PROCEDURES.map(labelKey)).size).toBe(PROCEDURES.length);
  });
});
