/**
 * Valid SIREN and SIRET numbers for tests: each call gives a new one whose Luhn key is right, so that
 * `Siren.parse` / `Siret.parse` accept them. They are generated from a counter, not taken from SIRENE: one
 * may happen to be a real company's number, which does not matter in a test database.
 */
import { Siren, Siret } from '../../src/domain/shared/index.ts';

/**
 * Appends the digit that makes a number a valid SIREN (8 digits given) or SIRET (13 digits given), as the
 * domain's own parsers judge it.
 * @param payload digits without their key
 * @returns payload + key digit
 * @example withLuhnKey('73282932') // '732829320'
 */
export function withLuhnKey(payload: string): string {
  const parser = payload.length === 8 ? Siren : Siret;
  for (let d = 0; d <= 9; d++) {
    if (parser.tryParse(`${payload}${d}`).ok) {
      return `${payload}${d}`;
    }
  }
  throw new Error('unreachable: one Luhn digit always fits');
}

/**
 * Changes the key of a valid identifier so that it fails the Luhn check (for 400 tests).
 * @param valid a valid SIREN or SIRET
 * @returns the same digits with the last one changed
 */
export function withWrongKey(valid: string): string {
  const last = Number(valid.at(-1));
  return `${valid.slice(0, -1)}${(last + 1) % 10}`;
}

let sequence = 0;

/**
 * A new valid SIREN, different at each call within a process.
 * @returns 9 digits
 */
export function nextSiren(): string {
  sequence += 1;
  return withLuhnKey(`9${String(sequence).padStart(7, '0')}`);
}

/**
 * A valid SIRET of an establishment of `siren`.
 * @param siren a valid SIREN (default: a new one)
 * @param nic the 4 first digits of the NIC (default '0001': the key makes the 5th)
 * @returns 14 digits
 */
export function siretOf(siren: string = nextSiren(), nic = '0001'): string {
  return withLuhnKey(`${siren}${nic}`);
}
