/**
 * Public surface of the supplier-profiles context: what a supplier organisation shows of itself (profile,
 * labels, innovation signals, declared references) and its public page. Other contexts import only this.
 */
export * from './supplier-profile.ts';
export { authorize, can, type ProfileAction, type ProfileContext } from './supplier-profile.policy.ts';
export { updateSupplierProfile, type ProfileInput } from './update-supplier-profile.ts';
export { addDeclaredReference, removeDeclaredReference, type ReferenceInput } from './declared-references.ts';
export { getShowcase, SHOWCASE_CONTRACTS, type Showcase } from './get-showcase.ts';
export {
  presentProfile,
  presentReference,
  presentShowcase,
  presentSolutionSummary,
  type CodeLabel,
  type DeclaredReferenceView,
  type ShowcaseView,
  type SolutionSummaryView,
  type SupplierProfileView,
} from './showcase.presenter.ts';
