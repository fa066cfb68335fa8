import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Actor } from '../accounts/index.ts';
import type { ContractPage } from '../buyers/index.ts';
import type { Organisation } from '../organisations/index.ts';
import { DomainError } from '../shared/index.ts';
import { listOrganisationSolutions, type Solution } from '../solutions/index.ts';
import {
  findSupplier,
  NON_DIFFUSIBLE_LABEL,
  type Supplier,
  type SupplierContract,
} from '../suppliers/index.ts';
import { can } from './supplier-profile.policy.ts';
import { authorizeProfile } from './profile-access.ts';
import { findProfile, listReferences } from './supplier-profile.repository.ts';
import { emptyProfile, type DeclaredReference, type SupplierProfile } from './supplier-profile.ts';

/** DECP contracts shown on an organisation's page (the most recent). */
export const SHOWCASE_CONTRACTS = 10;

/** An organisation's public page: identity, profile, solutions and references. */
export interface Showcase {
  organisation: Organisation;
  /**
   * The name to show: the organisation's, or `NON_DIFFUSIBLE_LABEL` for a natural person whose SIRENE
   * record is not diffusible (their name is personal data they asked INSEE not to publish).
   */
  displayName: string;
  /** SIRENE facts of its legal unit, when imported; null otherwise. Never an address when not diffusible. */
  unit:
    | (Pick<Supplier, 'nafCode' | 'nafLabel' | 'sizeCategory' | 'ess' | 'diffusible'> & {
        communeName: string | null;
        departmentCode: string | null;
      })
    | null;
  profile: SupplierProfile;
  /** The solutions the actor may see (published ones for the public; all of them for members). */
  solutions: Solution[];
  declaredReferences: DeclaredReference[];
  /** The most recent DECP contracts of its SIREN (public data), null when DECP names it nowhere. */
  decpContracts: ContractPage<SupplierContract> | null;
  abilities: { edit: boolean; member: boolean };
}

/** SIRENE legal categories of natural persons (entrepreneurs individuels): 1xxx. */
const NATURAL_PERSON = /^1/;

async function supplierOf(db: Kysely<Database>, siren: string) {
  try {
    return await findSupplier(db, siren, { page: 1, perPage: SHOWCASE_CONTRACTS });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'supplier.not_found') {
      return null;
    }
    throw error;
  }
}

/**
 * An organisation's page, for whoever may read it (anyone while it is active; its members and the
 * platform admins when suspended).
 * @param siret 14 digits, spaces allowed
 * @throws DomainError `siret.*` (malformed), `organisation.not_found` (unknown, or suspended for the public)
 */
export async function getShowcase(db: Kysely<Database>, actor: Actor, siret: string): Promise<Showcase> {
  const { organisation, context } = await authorizeProfile(db, actor, siret, 'read');
  const [profile, references, listed, found] = await Promise.all([
    findProfile(db, organisation.id),
    listReferences(db, organisation.id),
    listOrganisationSolutions(db, actor, organisation.id),
    supplierOf(db, organisation.siren),
  ]);
  const supplier = found?.supplier ?? null;
  const hidden =
    supplier !== null &&
    !supplier.diffusible &&
    (NATURAL_PERSON.test(supplier.legalCategory ?? '') || supplier.name === NON_DIFFUSIBLE_LABEL);
  return {
    organisation,
    displayName: hidden ? NON_DIFFUSIBLE_LABEL : organisation.name,
    unit:
      supplier === null
        ? null
        : {
            nafCode: supplier.nafCode,
            nafLabel: supplier.nafLabel,
            sizeCategory: supplier.sizeCategory,
            ess: supplier.ess,
            diffusible: supplier.diffusible,
            communeName: supplier.communeName,
            departmentCode: supplier.departmentCode,
          },
    profile: profile ?? emptyProfile(organisation.id),
    solutions: listed.solutions,
    declaredReferences: references,
    decpContracts: found !== null && found.contracts.total > 0 ? found.contracts : null,
    abilities: { edit: can(context, 'edit'), member: context.role !== null },
  };
}
