import { describe, expect, it } from 'vitest';
import { resolveRules } from './layout.ts';
import { applicableDelay, PROCEDURE_CODES, PROCEDURES } from './rules.ts';

const FLAGS = [false, true];

describe('procedure rules as data', () => {
  it('resolves a delay for every link of every procedure in every situation', () => {
    for (const procedure of PROCEDURE_CODES) {
      for (const electronic of FLAGS) {
        for (const pin of FLAGS) {
          for (const urgency of FLAGS) {
            const resolved = resolveRules({ procedure, departement: null, electronic, pin, urgency });
            expect(resolved.links.length, procedure).toBe(PROCEDURES[procedure].links.length);
            // The PIN milestone exists exactly when a PIN was published and the procedure uses it.
            const hasPin = resolved.satellites.some((s) => s.code === 'priorInformationNotice');
            expect(hasPin, `${procedure} pin=${pin}`).toBe(pin && PROCEDURES[procedure].pinReduces);
          }
        }
      }
    }
  });

  it('cites an article for every legal delay, and none is hidden as a recommendation', () => {
    for (const procedure of PROCEDURE_CODES) {
      const rules = PROCEDURES[procedure];
      for (const delay of [...rules.links, ...rules.satellites].flatMap((l) => l.delays)) {
        if (delay.basis === 'legal') {
          expect(delay.article, `${procedure}: ${delay.rule}`).toMatch(/^R\d{4}-\d+/);
        } else {
          expect(delay.rule, `${procedure}`).toMatch(/recommandation Amont|délai raisonnable|R2182-1/);
        }
      }
    }
  });

  it('takes the shortest applicable reduction: AOO 35, 30 electronic, 15 with a PIN or urgency', () => {
    const offers = PROCEDURES.AOO.links[0]!.delays;
    const days = (electronic: boolean, pin: boolean, urgency: boolean) =>
      applicableDelay(offers, { electronic, pin, urgency })?.days;
    expect(days(false, false, false)).toBe(35);
    expect(days(true, false, false)).toBe(30);
    expect(days(true, true, false)).toBe(15);
    expect(days(false, false, true)).toBe(15);
    expect(applicableDelay(offers, { electronic: true, pin: true, urgency: false })?.article).toBe(
      'R2161-3 1°',
    );
  });

  it('never lets urgency shorten the candidatures of an innovation partnership (R2172-28)', () => {
    const resolved = resolveRules({
      procedure: 'PI',
      departement: null,
      electronic: true,
      pin: true,
      urgency: true,
    });
    expect(resolved.links[0]!.delay).toMatchObject({ days: 30, article: 'R2161-12, R2172-28' });
  });
});
