/**
 * Public surface of the solutions context: the « briques technologiques » of supplier organisations,
 * their documents, publication and moderation. Other contexts import only this file.
 */
export * from './solution.ts';
export { invalidFieldsOf, type SolutionErrorCode } from './solution.errors.ts';
export { authorize, can, type SolutionAction, type SolutionContext } from './solution.policy.ts';
export { listOf, type SolutionInput } from './solution-fields.ts';
export { organisationFor } from './solution-access.ts';
export { createSolution } from './create-solution.ts';
export { deleteSolution, updateSolution } from './update-solution.ts';
export { publishSolution, reinstateSolution, suspendSolution, unpublishSolution } from './solution-status.ts';
export {
  attachDocument,
  MAX_DOCUMENTS_PER_SOLUTION,
  openDocument,
  removeDocument,
  type DocumentUpload,
} from './solution-documents.ts';
export {
  ACCEPTED_DOCUMENT_TYPES,
  checkDocument,
  DEFAULT_UPLOAD_MAX_BYTES,
  documentTooLarge,
  formatMegabytes,
  sanitizeFileName,
} from './document-file.ts';
export {
  getSolution,
  listOrganisationSolutions,
  listSolutionsForReview,
  type SolutionAbilities,
  type SolutionDetails,
} from './find-solution.ts';
export type { SolutionForReview } from './solution.repository.ts';
export {
  presentDocument,
  presentSolution,
  priceLabel,
  type PlaceView,
  type SolutionDocumentView,
  type SolutionView,
} from './solution.presenter.ts';
