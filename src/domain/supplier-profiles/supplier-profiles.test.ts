import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import { failureOf } from '../../../test/setup/domain-failure.ts';
import { buildContract, buildSupplier } from '../../../test/factories/index.ts';
import { buildUser } from '../../../test/factories/accounts.ts';
import { addMember, buildOrganisation, buildSolution } from '../../../test/factories/showcase.ts';
import type { Store } from '../../store/database.ts';
import { ANONYMOUS, userActor, type Actor } from '../accounts/index.ts';
import { auditTrail } from '../audit/audit-log.ts';
import type { Organisation } from '../organisations/index.ts';
import { addDeclaredReference, removeDeclaredReference } from './declared-references.ts';
import { getShowcase } from './get-showcase.ts';
import { presentShowcase } from './showcase.presenter.ts';
import { updateSupplierProfile } from './update-supplier-profile.ts';

describeWithStore('supplier profiles', () => {
  let store: Store;
  let organisation: Organisation;
  let member: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    store = await openTestStore();
    organisation = await buildOrganisation(store.db, { name: 'ATELIER NUMÉRIQUE' });
    const user = await buildUser(store.db);
    await addMember(store.db, organisation.id, user.id);
    member = userActor(user.id);
    outsider = userActor((await buildUser(store.db)).id);
  });
  afterAll(async () => {
    await store.close();
  });

  it('saves the profile with its labels and signals, and audits before and after', async () => {
    const profile = await updateSupplierProfile(store.db, member, organisation.siret, {
      description: 'Capteurs pour les collectivités.',
      website: 'atelier-numerique.fr',
      labels: ['ess', 'siae'],
      innovationSignals: 'jei',
      innovationDetails: 'JEI depuis 2024.',
    });
    expect(profile).toMatchObject({
      website: 'https://atelier-numerique.fr/',
      labels: ['ess', 'siae'],
      innovationSignals: ['jei'],
    });
    const trail = await auditTrail(store.db, 'supplier_profile', String(organisation.id));
    expect(trail.filter((e) => e.action === 'supplier_profile.updated')).toHaveLength(1);
    expect(trail.find((e) => e.action === 'supplier_profile.updated')).toMatchObject({
      action: 'supplier_profile.updated',
      before: expect.objectContaining({ labels: [], website: null }),
      after: expect.objectContaining({ labels: ['ess', 'siae'] }),
    });
  });

  it('refuses a website that is not http(s) and unknown labels, per field', async () => {
    const { code, fields } = await failureOf(
      updateSupplierProfile(store.db, member, organisation.id, {
        website: 'javascript:alert(1)',
        labels: ['ess', 'licorne'],
        innovationSignals: ['nobel'],
      }),
    );
    expect(code).toBe('supplier_profile.invalid');
    expect(Object.keys(fields).sort()).toEqual(['innovationSignals', 'labels', 'website']);
    expect(fields.labels).toBe('Label inconnu : « licorne ».');
  });

  it('refuses anonymous (401) and non-members (403)', async () => {
    expect((await failureOf(updateSupplierProfile(store.db, ANONYMOUS, organisation.id, {}))).code).toBe(
      'auth.unauthenticated',
    );
    expect((await failureOf(updateSupplierProfile(store.db, outsider, organisation.id, {}))).code).toBe(
      'auth.forbidden',
    );
  });

  it('adds and removes declared references with checked fields', async () => {
    const bad = await failureOf(
      addDeclaredReference(
        store.db,
        member,
        organisation.id,
        { buyerName: '', buyerSiret: '123', year: 1900, title: 'Étude', amount: '-5' },
        new Date('2026-06-01T00:00:00Z'),
      ),
    );
    expect(Object.keys(bad.fields).sort()).toEqual(['amount', 'buyerName', 'buyerSiret', 'year']);
    expect(bad.fields.year).toBe('L’année est une année de 1990 à 2026.');
    const reference = await addDeclaredReference(store.db, member, organisation.id, {
      buyerName: 'Clinique privée du Parc',
      year: '2021',
      title: 'Capteurs de CO2',
      amount: '18 500',
    });
    expect(reference).toMatchObject({ buyerSiret: null, year: 2021, amount: 18500 });
    await removeDeclaredReference(store.db, member, organisation.id, reference.id);
    const trail = await auditTrail(store.db, 'supplier_profile', String(organisation.id));
    expect(trail.map((e) => e.action).slice(-2)).toEqual([
      'declared_reference.added',
      'declared_reference.removed',
    ]);
  });

  it('shows the public page: profile, published solutions only, DECP contracts', async () => {
    const unit = await buildSupplier(store.db, { name: 'VITRINE PUBLIQUE' });
    await buildContract(store.db, { titulaires: [unit], object: 'Maintenance des capteurs', amount: 42_000 });
    const shown = await buildOrganisation(store.db, {
      siret: unit.head_office_siret!,
      name: 'VITRINE PUBLIQUE',
    });
    const user = await buildUser(store.db);
    await addMember(store.db, shown.id, user.id);
    await updateSupplierProfile(store.db, userActor(user.id), shown.id, { labels: ['rge'] });
    await buildSolution(store.db, shown, { title: 'Brouillon secret' });
    await buildSolution(store.db, shown, { title: 'Capteur publié', status: 'published' });
    const view = presentShowcase(await getShowcase(store.db, ANONYMOUS, shown.siret));
    expect(view.name).toBe('VITRINE PUBLIQUE');
    expect(view.solutions.map((s) => s.title)).toEqual(['Capteur publié']);
    expect(view.profile.labels).toEqual([{ code: 'rge', label: 'Reconnu garant de l’environnement (RGE)' }]);
    expect(view.decpContracts?.total).toBe(1);
    expect(view.decpContracts?.shown[0]).toMatchObject({ object: 'Maintenance des capteurs', amount: 42000 });
    expect(view.abilities).toEqual({ edit: false, member: false });
    const own = presentShowcase(await getShowcase(store.db, userActor(user.id), shown.siret));
    expect(own.solutions.map((s) => s.title).sort()).toEqual(['Brouillon secret', 'Capteur publié']);
    expect(own.abilities).toEqual({ edit: true, member: true });
  });

  it('hides the name of a natural person whose SIRENE record is not diffusible', async () => {
    const unit = await buildSupplier(store.db, {
      name: 'DUPONT JEANNE',
      legal_category: '1000',
      diffusible: false,
      commune_code: '35238',
    });
    const own = await buildOrganisation(store.db, { siret: unit.head_office_siret!, name: 'DUPONT JEANNE' });
    const view = presentShowcase(await getShowcase(store.db, ANONYMOUS, own.siret));
    expect(view.name).toBe('Entrepreneur individuel (identité non diffusible)');
    expect(JSON.stringify(view)).not.toContain('DUPONT');
    expect(view.unit).toMatchObject({ diffusible: false, communeName: null, departmentCode: null });
  });

  it('hides a suspended organisation from the public but not from its members', async () => {
    const suspended = await buildOrganisation(store.db, { status: 'suspended' });
    const user = await buildUser(store.db);
    await addMember(store.db, suspended.id, user.id);
    expect((await failureOf(getShowcase(store.db, ANONYMOUS, suspended.siret))).code).toBe(
      'organisation.not_found',
    );
    expect((await getShowcase(store.db, userActor(user.id), suspended.siret)).abilities).toEqual({
      edit: false,
      member: true,
    });
  });
});
