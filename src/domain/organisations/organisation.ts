import { DomainError } from '../shared/index.ts';

/**
 * Types and pure rules of the organisations context: buyer organisations (public entities) and supplier
 * organisations (companies), identified by SIRET; the users who act for them (members, with a role); the
 * claims that make a user a member.
 */

/** A public buyer (collectivité, État, hôpital…) or a supplier (company, association…). */
export type OrganisationKind = 'buyer' | 'supplier';
/** `admin`: manages members and decides claims; `member`: acts for the organisation. */
export type MemberRole = 'admin' | 'member';
/** `suspended` by a platform admin (moderation): its members cannot act for it any more. */
export type OrganisationStatus = 'active' | 'suspended';
/**
 * `email_domain`: verified by a link sent to an address at the organisation's own domain;
 * `approval`: decided by an administrator of the organisation or of the platform.
 */
export type ClaimMethod = 'email_domain' | 'approval';
export type ClaimStatus = 'pending' | 'verified' | 'approved' | 'rejected' | 'expired';

export interface Organisation {
  id: number;
  /** 14 digits. */
  siret: string;
  /** 9 digits: joins the directory (`suppliers.siren`, DECP buyers). */
  siren: string;
  kind: OrganisationKind;
  name: string;
  /** Domain proven by the first claim verified by e-mail, e.g. 'rennes.fr'; null until then. */
  emailDomain: string | null;
  status: OrganisationStatus;
  createdAt: Date;
}

export interface Member {
  userId: string;
  displayName: string;
  email: string;
  role: MemberRole;
  since: Date;
}

export interface Claim {
  id: number;
  organisationId: number;
  userId: string;
  /** The address the claimant gave (at the organisation's domain for `email_domain`). */
  email: string;
  method: ClaimMethod;
  status: ClaimStatus;
  createdAt: Date;
  expiresAt: Date | null;
  decidedAt: Date | null;
  reason: string | null;
}

/** Validity of a claim verification link: 48 hours. */
export const CLAIM_LINK_LIFETIME_MS = 48 * 60 * 60 * 1000;

/** French names of the kinds, for pages and messages. */
export const KIND_LABELS: Record<OrganisationKind, string> = {
  buyer: 'acheteur public',
  supplier: 'fournisseur',
};

/**
 * The domain of an e-mail address.
 * @param email normalised (lower case)
 * @returns e.g. 'rennes.fr' for 'marie@rennes.fr'
 */
export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/**
 * Whether a SIRENE catégorie juridique (niveau III, 4 digits) is a public-law entity: 7xxx personnes
 * morales de droit public (État, collectivités, établissements publics administratifs, hôpitaux), 4xxx
 * personnes morales de droit public soumises au droit commercial (EPIC…). Source: INSEE, nomenclature
 * des catégories juridiques.
 * @param legalCategory e.g. '7210' (commune)
 */
export function isPublicLegalCategory(legalCategory: string | null): boolean {
  return legalCategory !== null && /^[47]/.test(legalCategory);
}

/**
 * A claim that cannot be made, naming the field.
 * @param field form field ('siret', 'kind', 'email', 'name')
 * @param message French
 */
export function invalidClaim(field: string, message: string): DomainError {
  return new DomainError('organisation.invalid', message, {
    message: `invalid claim: ${field}`,
    details: { field, fields: { [field]: message } },
  });
}

export function organisationNotFound(key: string): DomainError {
  return new DomainError('organisation.not_found', `Aucune organisation ${key} sur Amont.`, {
    details: { key },
  });
}

export function claimNotFound(): DomainError {
  return new DomainError('claim.not_found', 'Cette demande de rattachement n’existe pas.');
}

/**
 * A claim link that cannot be used.
 * @param reason unknown, used (already decided) or expired
 */
export function invalidClaimLink(reason: 'unknown' | 'used' | 'expired'): DomainError {
  const messages = {
    unknown: 'Ce lien n’est pas valable : vérifiez qu’il a été copié en entier.',
    used: 'Ce lien a déjà servi : votre rattachement a déjà été traité.',
    expired: 'Ce lien a expiré : refaites la demande de rattachement.',
  };
  return new DomainError('claim.invalid_token', messages[reason], { details: { reason } });
}

/** The claimant has not confirmed their own account's address yet. */
export function unverifiedAccount(): DomainError {
  return new DomainError(
    'organisation.invalid_account',
    'Confirmez d’abord votre adresse électronique (lien reçu à l’inscription).',
    { details: { field: 'email' } },
  );
}
