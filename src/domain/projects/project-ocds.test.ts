import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { minimalPdf } from '../../../test/fixtures/documents/documents.ts';
import { buildBuyerMember, buildProject, type BuiltMember } from '../../../test/factories/projects.ts';
import { errorLines, ocdsValidators, type OcdsValidators } from '../../../test/setup/ocds-schema.ts';
import { describeWithStore, openTestStore } from '../../../test/setup/test-store.ts';
import type { Store } from '../../store/database.ts';
import { DiskStorage } from '../../storage/index.ts';
import { ANONYMOUS } from '../accounts/index.ts';
import { planningToOcds } from '../planning/index.ts';
import { changeProjectStatus } from './change-project-status.ts';
import { getProject } from './find-project.ts';
import { projectToOcdsPackage } from './project-ocds.ts';
import { addLot } from './project-lots.ts';
import { attachStudy } from './project-studies.ts';

/** Every export of these tests is validated against the OCDS 1.1 schemas with the five extensions merged. */
const OPTIONS = { prefix: 'ocds-test01', baseUrl: 'https://amont.exemple.fr' };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeWithStore('OCDS export of a project', () => {
  let store: Store;
  let root: string;
  let buyer: BuiltMember;
  let validators: OcdsValidators;

  beforeAll(async () => {
    store = await openTestStore();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'amont-ocds-'));
    buyer = await buildBuyerMember(store.db, 'Rennes Métropole');
    validators = ocdsValidators();
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function exported(id: number): Promise<Json> {
    const pkg = projectToOcdsPackage(
      await getProject(store.db, ANONYMOUS, id, '2026-11-30'),
      OPTIONS,
    ) as Json;
    const valid = validators.releasePackage(pkg);
    expect(errorLines(validators.releasePackage.errors)).toEqual([]);
    expect(valid).toBe(true);
    expect(validators.release(pkg.releases[0])).toBe(true);
    return pkg;
  }

  it('exports a published project with two lots, its sustainability, reservations, criteria and studies', async () => {
    const project = await buildProject(store.db, buyer, {
      title: 'Mobilité douce',
      procedure: 'AOO',
      cpvCodes: '34430000, 50000000',
      estimatedValue: '300000',
      budget: '320000',
      targetNotificationDate: '2027-06-30',
      contactName: 'Service achats',
      contactEmail: 'achats@exemple.fr',
      greenProcurement: 'clim-mitig',
      socialProcurement: 'opp',
      innovationProcurement: 'prod-innov',
      reservedParticipation: 'res-pub-ser',
    });
    await addLot(store.db, buyer.actor, project.id, {
      title: 'Vélos',
      cpvCodes: '34430000',
      estimatedValue: '200000',
      awardCriteria: { price: 40, technical: 30, environmental: 20, social: 10 },
    });
    await addLot(store.db, buyer.actor, project.id, {
      title: 'Entretien',
      cpvCodes: '50000000',
      estimatedValue: '100000',
      variants: 'allowed',
      variantMinimumRequirements: 'Pièces d’origine',
      reservedParticipation: 'res-ws',
      reservedArticle: 'L2113-12',
    });
    const storage = new DiskStorage(root);
    await attachStudy(
      store.db,
      storage,
      buyer.actor,
      project.id,
      { title: 'Étude de besoins', fileName: 'besoins.pdf', bytes: minimalPdf() },
      1 << 20,
    );
    await attachStudy(
      store.db,
      storage,
      buyer.actor,
      project.id,
      { title: 'Sourçage', fileName: 'sourcage.pdf', bytes: minimalPdf(), visibility: 'suppliers' },
      1 << 20,
    );
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');

    const pkg = await exported(project.id);
    expect(pkg.version).toBe('1.1');
    expect(pkg.uri).toBe(`https://amont.exemple.fr/api/v1/projects/${project.id}/ocds`);
    expect(pkg.extensions).toHaveLength(5);
    const release = pkg.releases[0];
    expect(release.ocid).toBe(`ocds-test01-projet-${project.id}`);
    expect(release.tag).toEqual(['planning']);
    expect(release.buyer).toEqual({ id: `FR-SIRET-${buyer.organisation.siret}`, name: 'Rennes Métropole' });
    expect(release.planning.budget.amount).toEqual({ amount: 320000, currency: 'EUR' });
    // The milestones are the planning engine's OCDS export of the project's plan.
    const details = await getProject(store.db, ANONYMOUS, project.id, '2026-11-30');
    expect(release.planning.milestones).toEqual(
      planningToOcds(details.planning!.planning).planning.milestones,
    );
    const tender = release.tender;
    expect(tender).toMatchObject({
      status: 'planning',
      procurementMethod: 'open',
      mainProcurementCategory: 'goods',
      value: { amount: 300000, currency: 'EUR' },
    });
    expect(tender.tenderPeriod.endDate).toBe(
      release.planning.milestones.find((m: Json) => m.code === 'offersDeadline').dueDate,
    );
    expect(tender.otherRequirements).toEqual({ reservedParticipation: ['publicServiceMissionOrganization'] });
    expect(tender.hasSustainability).toBe(true);
    expect(tender.sustainability).toEqual([
      {
        goal: 'environmental.climateChangeMitigation',
        strategies: ['awardCriteria', 'contractPerformanceConditions'],
      },
      {
        goal: 'social.disadvantagedEmploymentOpportunities',
        strategies: ['awardCriteria', 'contractPerformanceConditions', 'reservedParticipation'],
      },
      { goal: 'economic.productInnovationPromotion' },
    ]);
    expect(tender.lots).toEqual([
      {
        id: '1',
        title: 'Vélos',
        status: 'planning',
        value: { amount: 200000, currency: 'EUR' },
        // AOO, not stated: the formalised procedure's default (not allowed).
        submissionTerms: { variantPolicy: 'notAllowed' },
        awardCriteria: {
          criteria: [
            { type: 'price', name: 'Prix', numbers: [{ number: 40, weight: 'percentageExact' }] },
            {
              type: 'quality',
              name: 'Valeur technique',
              numbers: [{ number: 30, weight: 'percentageExact' }],
            },
            {
              type: 'quality',
              name: 'Performance sociale',
              numbers: [{ number: 10, weight: 'percentageExact' }],
            },
            {
              type: 'quality',
              name: 'Performance environnementale',
              numbers: [{ number: 20, weight: 'percentageExact' }],
            },
          ],
        },
      },
      {
        id: '2',
        title: 'Entretien',
        status: 'planning',
        value: { amount: 100000, currency: 'EUR' },
        submissionTerms: { variantPolicy: 'allowed' },
        otherRequirements: { reservedParticipation: ['shelteredWorkshop'] },
      },
    ]);
    expect(tender.items.map((i: Json) => [i.id, i.classification?.id, i.relatedLot])).toEqual([
      ['1', '34430000', undefined],
      ['lot-1', '34430000', '1'],
      ['lot-2', '50000000', '2'],
    ]);
    expect(tender.documents.map((d: Json) => [d.title, d.documentType, d.format, d.description])).toEqual([
      ['Étude de besoins', 'feasibilityStudy', 'application/pdf', undefined],
      [
        'Sourçage',
        'feasibilityStudy',
        'application/pdf',
        'Étude réservée aux fournisseurs connectés à Amont.',
      ],
    ]);

    await changeProjectStatus(store.db, buyer.actor, project.id, 'launchTender');
    const launched = (await exported(project.id)).releases[0];
    expect([launched.tag, launched.tender.status, launched.id]).toEqual([
      ['tender'],
      'active',
      `ocds-test01-projet-${project.id}-v2`,
    ]);
    await changeProjectStatus(store.db, buyer.actor, project.id, 'abandon');
    expect((await exported(project.id)).releases[0].tag).toEqual(['tenderCancellation']);
  });

  it('exports a project without lots, dates or value, the tender taking the procedure’s variants default', async () => {
    const project = await buildProject(store.db, buyer, {
      procedure: 'MAPA',
      estimatedValue: '',
      targetNotificationDate: '',
      placeKind: '',
      placeCode: '',
      strategicProcurement: 'none',
    });
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const tender = (await exported(project.id)).releases[0].tender;
    expect(tender.submissionTerms).toEqual({
      electronicSubmissionPolicy: 'required',
      variantPolicy: 'allowed',
    });
    expect(tender.hasSustainability).toBe(false);
    expect([tender.lots, tender.value, tender.tenderPeriod, tender.sustainability]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('would catch an export that breaks the schema (the validator is not a rubber stamp)', async () => {
    const project = await buildProject(store.db, buyer);
    await addLot(store.db, buyer.actor, project.id, { title: 'Lot' });
    await changeProjectStatus(store.db, buyer.actor, project.id, 'publish');
    const pkg = await exported(project.id);
    pkg.releases[0].tender.lots[0].submissionTerms.variantPolicy = 'not-allowed';
    pkg.releases[0].planning.milestones[0].dueDate = '30/06/2027';
    expect(validators.releasePackage(pkg)).toBe(false);
    expect(errorLines(validators.releasePackage.errors)).toEqual(
      expect.arrayContaining([
        '/releases/0/planning/milestones/0/dueDate must match format "date-time"',
        '/releases/0/tender/lots/0/submissionTerms/variantPolicy must be equal to one of the allowed values',
      ]),
    );
  });
});
