/** Organisations context: buyer and supplier organisations by SIRET, members, claims, moderation. */
export * from './organisation.ts';
export * from './organisation.policy.ts';
export {
  findOrganisationById,
  findOrganisationBySiret,
  isPlatformAdmin,
  loadOrganisationContext,
  organisationsOfUser,
} from './organisation.repository.ts';
export {
  claimOrganisation,
  confirmClaimLink,
  decideClaim,
  type ClaimOutcome,
  type ClaimRequest,
} from './claims.ts';
export { changeMemberRole, membersOf, removeMember } from './members.ts';
export {
  grantPlatformAdmin,
  listClaimsForReview,
  setOrganisationStatus,
  type ClaimForReview,
} from './moderation.ts';
export { isPersonalWebmail } from './webmail-domains.ts';
