import { DomainError } from '../../src/domain/shared/index.ts';

/**
 * What a domain command refused: the code of the DomainError a promise rejects with, and its field
 * messages (`details.fields`, empty when none). Any other rejection is rethrown; a promise that resolves
 * fails the test.
 * @example expect((await failureOf(createSolution(db, ANONYMOUS, id, {}))).code).toBe('auth.unauthenticated')
 */
export async function failureOf(
  promise: Promise<unknown>,
): Promise<{ code: string; fields: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        code: error.code,
        fields: (error.details?.fields as Record<string, string> | undefined) ?? {},
      };
    }
    throw error;
  }
  throw new Error('expected the command to fail with a DomainError');
}
