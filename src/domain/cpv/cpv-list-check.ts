import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { CpvCode, DomainError } from '../shared/index.ts';
import { cpvCount, findCpv } from './cpv.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Checks CPV codes as a user typed them against the CPV 2008 list imported in `cpv_codes`: the code exists,
 * and its check digit, when given, is the list's. Syntax errors are reported too, so one call answers for
 * a whole field. When the list was never imported (an empty store), only the syntax is checked.
 * @param db the store (or a transaction)
 * @param values the codes as typed, e.g. ['45321000-3', '72000000']
 * @returns the first problem as a French sentence naming the code (e.g. « Le code CPV 12345678 n’existe pas
 *   dans la nomenclature CPV 2008. », « Le code CPV 45321000-4 a un chiffre de contrôle erroné : le bon est
 *   45321000-3. »), or null when every code is in the list
 */
export async function cpvListProblem(db: Db, values: readonly string[]): Promise<string | null> {
  const listed = values.length > 0 && (await cpvCount(db)) > 0;
  for (const value of values) {
    const parsed = CpvCode.tryParse(value);
    if (!parsed.ok) {
      return parsed.error.userMessage;
    }
    if (!listed) {
      continue;
    }
    const entry = await findCpv(db, parsed.value.code);
    if (entry === null) {
      return `Le code CPV ${parsed.value.code} n’existe pas dans la nomenclature CPV 2008.`;
    }
    try {
      CpvCode.verifyCheckDigit(parsed.value, entry.checkDigit);
    } catch (error) {
      if (error instanceof DomainError) {
        return error.userMessage;
      }
      throw error;
    }
  }
  return null;
}
