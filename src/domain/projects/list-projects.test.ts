import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildBuyerMember, buildProject, type BuiltMember } from '../../../test/factories/projects.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { DomainError } from '../shared/index.ts';
import { changeProjectStatus } from './change-project-status.ts';
import { listPublicProjects, type ProjectFilters } from './list-projects.ts';
import { addLot } from './project-lots.ts';
import type { RawProjectInput } from './project-input.ts';
import type { ProjectTransition } from './purchase-project.ts';

/**
 * The public list on a small fixture: six published projects and a draft, each built to match or miss
 * each filter. Expected results are the fixture names that match, by construction.
 */
const FIXTURE: Record<
  string,
  RawProjectInput & { draft?: boolean; reservedLot?: boolean; then?: ProjectTransition[] }
> = {
  capteurs: {
    title: 'Capteurs de qualité de l’air dans les écoles',
    need: 'Mesurer le dioxyde de carbone dans les classes.',
    procedure: 'MAPA',
    cpvCodes: '38540000',
    placeKind: 'commune',
    placeCode: '35238',
    estimatedValue: '35000',
    targetNotificationDate: '2027-05-03',
    innovativePurchase: true,
  },
  voirie: {
    title: 'Réfection de voirie',
    need: 'Reprendre la chaussée de la rue principale.',
    procedure: 'AOO',
    cpvCodes: '45233140',
    placeKind: 'departement',
    placeCode: '35',
    estimatedValue: '5404000',
    targetNotificationDate: '2027-09-30',
    then: ['launchTender', 'award'],
  },
  insertion: {
    title: 'Entretien des espaces verts',
    need: 'Tondre et tailler les parcs.',
    procedure: 'AOO',
    cpvCodes: '77310000',
    placeKind: 'region',
    placeCode: '53',
    estimatedValue: '250000',
    targetNotificationDate: '2027-07-01',
    reservedParticipation: 'res-ws',
    reservedArticle: 'L2113-13',
  },
  logiciel: {
    title: 'Logiciel de prise de rendez-vous',
    need: 'Réduire l’attente au guichet.',
    procedure: 'DC',
    cpvCodes: '72000000',
    placeKind: 'commune',
    placeCode: '67482',
    estimatedValue: '90000',
    innovationProcurement: 'mar-nov',
    reservedLot: true,
  },
  strasbourg: {
    title: 'Mobilier scolaire',
    need: 'Des chaises pour les classes.',
    procedure: 'AOR',
    cpvCodes: '39160000',
    placeKind: 'departement',
    placeCode: '67',
    targetNotificationDate: '2027-06-15',
    then: ['abandon'],
  },
  sanslieu: {
    title: 'Étude de faisabilité',
    need: 'Une étude.',
    procedure: 'PNSPMC',
    cpvCodes: '71241000',
    estimatedValue: '20000',
  },
  brouillon: {
    title: 'Capteurs encore en brouillon',
    need: 'Capteurs.',
    procedure: 'MAPA',
    cpvCodes: '38540000',
    draft: true,
  },
};

describeWithStore('public list of projects', () => {
  let store: Store;
  let buyer: BuiltMember;
  const ids = new Map<number, string>();

  beforeAll(async () => {
    store = await openTestStore();
    buyer = await buildBuyerMember(store.db);
    for (const [name, { draft, reservedLot, then = [], ...raw }] of Object.entries(FIXTURE)) {
      const project = await buildProject(store.db, buyer, {
        placeKind: undefined,
        placeCode: undefined,
        estimatedValue: undefined,
        targetNotificationDate: undefined,
        ...raw,
      });
      ids.set(project.id, name);
      if (reservedLot) {
        await addLot(store.db, buyer.actor, project.id, {
          title: 'Accueil',
          reservedParticipation: 'res-ws',
          reservedArticle: 'L2113-12',
        });
      }
      if (!draft) {
        await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
      }
      for (const transition of then) {
        await changeProjectStatus(store.db, buyer.actor, project.id, transition);
      }
    }
  });
  afterAll(async () => {
    await store.close();
  });

  const names = async (filters: ProjectFilters) =>
    (await listPublicProjects(store.db, filters)).results.map((r) => ids.get(r.project.id)).sort();

  it('lists published projects only, newest publication first, with their organisation and lots', async () => {
    const list = await listPublicProjects(store.db, {});
    expect(list.total).toBe(6);
    expect(list.results.map((r) => ids.get(r.project.id))).toEqual([
      'sanslieu',
      'strasbourg',
      'logiciel',
      'insertion',
      'voirie',
      'capteurs',
    ]);
    expect(list.results.find((r) => ids.get(r.project.id) === 'logiciel')!.lots.map((l) => l.title)).toEqual([
      'Accueil',
    ]);
    expect(list.results[0]!.organisationName).toBe(buyer.organisation.name);
  });

  it('filters by text (stems, no accents), CPV (hierarchy), place, procedure and value band', async () => {
    expect(await names({ q: 'capteur qualite' })).toEqual(['capteurs']);
    expect(await names({ q: 'classes' })).toEqual(['capteurs', 'strasbourg']);
    expect(await names({ cpv: '45000000' })).toEqual(['voirie']);
    expect(await names({ cpv: '38000000-5' })).toEqual(['capteurs']);
    // Ille-et-Vilaine: Rennes, the département itself, and the région-wide project of Bretagne.
    expect(await names({ department: '35' })).toEqual(['capteurs', 'insertion', 'voirie']);
    expect(await names({ region: '44' })).toEqual(['logiciel', 'strasbourg']);
    expect(await names({ procedure: 'AOO' })).toEqual(['insertion', 'voirie']);
    expect(await names({ procedure: ['AOO', 'MAPA'] })).toEqual(['capteurs', 'insertion', 'voirie']);
    expect(await names({ valueBand: 'lt60k' })).toEqual(['capteurs', 'sanslieu']);
    expect(await names({ valueBand: '60k-100k' })).toEqual(['logiciel']);
    expect(await names({ valueBand: '100k-216k' })).toEqual([]);
    expect(await names({ valueBand: 'gte5404k' })).toEqual(['voirie']);
  });

  it('filters by state: published, tender launched, awarded, abandoned', async () => {
    expect(await names({ status: 'published' })).toEqual(['capteurs', 'insertion', 'logiciel', 'sanslieu']);
    expect(await names({ status: 'awarded' })).toEqual(['voirie']);
    expect(await names({ status: 'abandoned' })).toEqual(['strasbourg']);
    expect(await names({ status: 'tender_launched' })).toEqual([]);
  });

  it('filters reserved and innovative projects, and by offers deadline', async () => {
    expect(await names({ reserved: true })).toEqual(['insertion', 'logiciel']);
    expect(await names({ innovation: true })).toEqual(['capteurs', 'logiciel']);
    const all = await listPublicProjects(store.db, { sort: 'deadline' });
    const deadlines = all.results.map(
      (r) => [ids.get(r.project.id), r.project.offersDeadline?.toISOString().slice(0, 10) ?? null] as const,
    );
    // Nearest deadline first, projects without a target date last.
    const dated = deadlines.filter(([, d]) => d !== null);
    expect(dated.map(([, d]) => d)).toEqual([...dated.map(([, d]) => d)].sort());
    expect(
      deadlines
        .slice(dated.length)
        .map(([n]) => n)
        .sort(),
    ).toEqual(['logiciel', 'sanslieu']);
    const [first, second] = dated;
    expect(await names({ deadlineTo: first![1]! })).toEqual([first![0]]);
    expect(await names({ deadlineFrom: second![1]!, deadlineTo: second![1]! })).toEqual([second![0]]);
  });

  it('paginates and refuses unknown filter values with a French message naming the filter', async () => {
    const page2 = await listPublicProjects(store.db, { perPage: 4, page: 2 });
    expect([page2.total, page2.results.length]).toEqual([6, 2]);
    for (const [filters, field] of [
      [{ cpv: '12' }, 'cpv'],
      [{ department: '20' }, 'department'],
      [{ region: '99' }, 'region'],
      [{ procedure: 'XYZ' }, 'procedure'],
      [{ valueBand: 'huge' }, 'valueBand'],
      [{ procedure: ['AOO', 'XYZ'] }, 'procedure'],
      [{ status: 'draft' }, 'status'],
      [{ valueBand: 'huge' }, 'valueBand'],
      [{ deadlineFrom: '1 mai' }, 'deadlineFrom'],
      [{ deadlineFrom: '2027-06-02', deadlineTo: '2027-06-01' }, 'deadlineTo'],
    ] as [ProjectFilters, string][]) {
      const error = await listPublicProjects(store.db, filters).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details?.field).toBe(field);
    }
    const reversed = await listPublicProjects(store.db, {
      deadlineFrom: '2027-06-02',
      deadlineTo: '2027-06-01',
    }).catch((e: unknown) => e);
    expect((reversed as DomainError).userMessage).toBe(
      'La date limite des offres « au » doit être le même jour que la date « du » ou après : inversez-les.',
    );
    // Same day on both sides is a one-day window, not an error.
    expect(await names({ deadlineFrom: '2027-06-01', deadlineTo: '2027-06-01' })).toEqual([]);
  });
});
