import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCpvCode } from '../../../test/factories/index.ts';
import { buildBuyerMember, buildProject, type BuiltMember } from '../../../test/factories/projects.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { DomainError } from '../shared/index.ts';
import { addLot } from './project-lots.ts';
import { createProject, updateProject } from './save-project.ts';

/** The field errors of a rejected command. */
async function fieldErrors(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'project.invalid') {
      return error.details?.fields;
    }
    throw error;
  }
  throw new Error('expected project.invalid');
}

/**
 * Projects and lots take only CPV codes of the CPV 2008 list imported in the store (its own store: the list
 * is imported here, with the codes' real check digits).
 */
describeWithStore('purchase projects against the CPV 2008 list', () => {
  let store: Store;
  let buyer: BuiltMember;

  beforeAll(async () => {
    store = await openTestStore();
    await buildCpvCode(store.db, {
      code: '45321000',
      check_digit: '3',
      label: 'Travaux d’isolation thermique',
    });
    await buildCpvCode(store.db, { code: '72000000', check_digit: '5' });
    buyer = await buildBuyerMember(store.db);
  });
  afterAll(async () => {
    await store.close();
  });

  it('refuses a code absent from the list and a wrong check digit, naming the code, with the other errors', async () => {
    const base = { title: 'Isolation', need: 'Moins chauffer.', procedure: 'MAPA' };
    expect(
      await fieldErrors(
        createProject(store.db, buyer.actor, buyer.organisation.id, { ...base, cpvCodes: '12345678' }),
      ),
    ).toEqual({ cpvCodes: 'Le code CPV 12345678 n’existe pas dans la nomenclature CPV 2008.' });
    expect(
      await fieldErrors(
        createProject(store.db, buyer.actor, buyer.organisation.id, {
          ...base,
          cpvCodes: '72000000 45321000-4',
        }),
      ),
    ).toEqual({
      cpvCodes: 'Le code CPV 45321000-4 a un chiffre de contrôle erroné : le bon est 45321000-3.',
    });
    expect(
      await fieldErrors(
        createProject(store.db, buyer.actor, buyer.organisation.id, {
          ...base,
          title: '',
          cpvCodes: '12345678',
        }),
      ),
    ).toMatchObject({ title: expect.any(String), cpvCodes: expect.stringContaining('12345678') });
    const project = await createProject(store.db, buyer.actor, buyer.organisation.id, {
      ...base,
      cpvCodes: '45321000-3, 72000000',
    });
    expect(project.cpvCodes).toEqual(['45321000', '72000000']);
  });

  it('checks the codes of a change and of a lot the same way', async () => {
    const project = await buildProject(store.db, buyer);
    expect(
      await fieldErrors(updateProject(store.db, buyer.actor, project.id, { cpvCodes: '45321001' })),
    ).toEqual({
      cpvCodes: 'Le code CPV 45321001 n’existe pas dans la nomenclature CPV 2008.',
    });
    expect(
      await fieldErrors(
        addLot(store.db, buyer.actor, project.id, { title: 'Combles', cpvCodes: '45321000-9' }),
      ),
    ).toEqual({
      cpvCodes: 'Le code CPV 45321000-9 a un chiffre de contrôle erroné : le bon est 45321000-3.',
    });
    const lot = await addLot(store.db, buyer.actor, project.id, { title: 'Combles', cpvCodes: '45321000' });
    expect(lot.cpvCodes).toEqual(['45321000']);
  });
});
