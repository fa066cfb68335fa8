/**
 * Public surface of the purchase-projects context (« projets d'achat »): buyers publish their projects
 * upstream of the tender — need, lots, procedure and retro-planning, social and environmental aspects in
 * eForms codes, preliminary studies — with every change after publication versioned. Other contexts and
 * the HTTP layer import only this file.
 */
export * from './purchase-project.ts';
export * from './eforms-codes.ts';
export type { ProjectErrorCode } from './project.errors.ts';
export {
  abilitiesOf,
  can,
  type ProjectAbilities,
  type ProjectAction,
  type ProjectContext,
} from './project.policy.ts';
export { NEED_MAX_LENGTH, TITLE_MAX_LENGTH, type RawProjectInput } from './project-input.ts';
export type { RawLotInput } from './lot-input.ts';
export { placeLabel } from './place.ts';
export { defaultVariantPolicy, effectiveVariants, type EffectiveVariants } from './variants.ts';
export {
  milestoneCodesOf,
  planningOptionsOf,
  planProject,
  projectPlanningToIcs,
  type ProjectPlanning,
} from './project-planning.ts';
export { createProject, updateProject } from './save-project.ts';
export {
  previewProjectDates,
  previewTargetDates,
  type MilestoneDateChange,
  type TargetDatesPreview,
} from './preview-target-dates.ts';
export { changeProjectStatus } from './change-project-status.ts';
export { addLot, MAX_LOTS, removeLot, updateLot } from './project-lots.ts';
export {
  attachStudy,
  MAX_STUDIES,
  openStudy,
  setStudyVisibility,
  type StudyUpload,
} from './project-studies.ts';
export { getProject, listOrganisationProjects, type ProjectDetails } from './find-project.ts';
export {
  listPublicProjects,
  PROJECT_SORTS,
  PROJECTS_MAX_PER_PAGE,
  PROJECTS_PER_PAGE,
  VALUE_BANDS,
  type ProjectFilters,
  type ProjectList,
  type ProjectListItem,
  type ProjectSort,
  type ValueBand,
} from './list-projects.ts';
export { amountHt, describeChange, diffLot, diffProjectFields } from './project-diff.ts';
export {
  CLIMATE_LAW_EFFECTIVE_DATE,
  checkSustainability,
  type SustainabilityReminder,
} from './sustainability-check.ts';
export { decpConsiderations, type DecpConsiderations } from './decp-considerations.ts';
export {
  presentLot,
  presentProject,
  presentProjectSummary,
  presentReservation,
  type CodeView,
  type DocumentView,
  type LotView,
  type ProjectSummaryView,
  type ProjectView,
  type ReservationView,
  type VersionView,
} from './project.presenter.ts';
export {
  DEFAULT_OCDS_PREFIX,
  OCDS_EXTENSIONS,
  projectToOcdsPackage,
  projectToOcdsRelease,
  type OcdsOptions,
} from './project-ocds.ts';
