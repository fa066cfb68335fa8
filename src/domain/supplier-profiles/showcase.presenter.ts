import {
  SOLUTION_STATUS_LABELS,
  TRL_LABELS,
  type Solution,
  type SolutionStatus,
} from '../solutions/index.ts';
import { presentSupplierContract, type SupplierContractView } from '../suppliers/index.ts';
import type { Showcase } from './get-showcase.ts';
import {
  INNOVATION_SIGNALS,
  SUPPLIER_LABELS,
  type DeclaredReference,
  type SupplierProfile,
} from './supplier-profile.ts';

/** The shapes of an organisation's page and of `GET /api/v1/organisations/:siret`: explicit fields. */

export interface CodeLabel {
  code: string;
  label: string;
}

export interface SupplierProfileView {
  description: string | null;
  website: string | null;
  labels: CodeLabel[];
  innovationSignals: CodeLabel[];
  innovationDetails: string | null;
}

export interface SolutionSummaryView {
  id: number;
  title: string;
  summary: string;
  trl: number | null;
  trlLabel: string | null;
  status: SolutionStatus;
  statusLabel: string;
  publishedAt: string | null;
  href: string;
}

export interface DeclaredReferenceView {
  id: number;
  buyerName: string;
  buyerSiret: string | null;
  year: number;
  title: string;
  /** Euros HT. */
  amount: number | null;
}

export interface ShowcaseView {
  siret: string;
  siren: string;
  kind: 'buyer' | 'supplier';
  name: string;
  status: 'active' | 'suspended';
  unit: Showcase['unit'];
  profile: SupplierProfileView;
  solutions: SolutionSummaryView[];
  declaredReferences: DeclaredReferenceView[];
  decpContracts: { total: number; shown: SupplierContractView[] } | null;
  abilities: Showcase['abilities'];
}

export function presentProfile(profile: SupplierProfile): SupplierProfileView {
  return {
    description: profile.description,
    website: profile.website,
    labels: profile.labels.map((code) => ({ code, label: SUPPLIER_LABELS[code] })),
    innovationSignals: profile.innovationSignals.map((code) => ({ code, label: INNOVATION_SIGNALS[code] })),
    innovationDetails: profile.innovationDetails,
  };
}

export function presentSolutionSummary(solution: Solution): SolutionSummaryView {
  return {
    id: solution.id,
    title: solution.title,
    summary: solution.summary,
    trl: solution.trl,
    trlLabel: solution.trl === null ? null : (TRL_LABELS[solution.trl] ?? null),
    status: solution.status,
    statusLabel: SOLUTION_STATUS_LABELS[solution.status],
    publishedAt: solution.publishedAt?.toISOString() ?? null,
    href: `/solutions/${solution.id}`,
  };
}

export function presentReference(reference: DeclaredReference): DeclaredReferenceView {
  return {
    id: reference.id,
    buyerName: reference.buyerName,
    buyerSiret: reference.buyerSiret,
    year: reference.year,
    title: reference.title,
    amount: reference.amount,
  };
}

/**
 * An organisation's page.
 * @param showcase what `getShowcase` read
 * @returns the view (the name already hidden for a non-diffusible natural person)
 */
export function presentShowcase(showcase: Showcase): ShowcaseView {
  const { organisation } = showcase;
  return {
    siret: organisation.siret,
    siren: organisation.siren,
    kind: organisation.kind,
    name: showcase.displayName,
    status: organisation.status,
    unit: showcase.unit,
    profile: presentProfile(showcase.profile),
    solutions: showcase.solutions.map(presentSolutionSummary),
    declaredReferences: showcase.declaredReferences.map(presentReference),
    decpContracts:
      showcase.decpContracts === null
        ? null
        : {
            total: showcase.decpContracts.total,
            shown: showcase.decpContracts.rows.map(presentSupplierContract),
          },
    abilities: showcase.abilities,
  };
}
