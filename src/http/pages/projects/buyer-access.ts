import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from '../../../domain/accounts/account.errors.ts';
import { formatFrenchDate } from '../../../domain/shared/index.ts';
import { formatMegabytes } from '../../../domain/solutions/index.ts';
import { getProject, type ProjectDetails } from '../../../domain/projects/index.ts';
import { formErrors, NO_ERRORS, privatePage, type FormErrors } from '../accounts/forms.ts';
import {
  lotFormValues,
  milestoneInputValue,
  projectFormItems,
  projectFormValues,
  type FormValues,
} from './buyer-forms.ts';
import { projectPageView } from './project-view.ts';

/**
 * The buyer's management page of a project (`/mon-organisation/projets/:id`), shared by its routes: the
 * project's edit form, states, milestones, lots and studies, each form with its own errors, the reminders
 * and the procedure advice. An awarded or abandoned project shows no form (it no longer changes).
 */

/** What a refused form brings back to the page. */
export interface ManageForms {
  values?: FormValues;
  errors?: Record<string, string>;
  lotValues?: FormValues;
  lotErrors?: Record<string, string>;
  milestoneErrors?: Record<string, string>;
  studyErrors?: Record<string, string>;
  notice?: string | undefined;
}

const NOTICES: Record<string, string> = {
  cree: 'Le projet a été créé (brouillon) : complétez-le, ajoutez ses lots et ses études, puis publiez-le.',
  enregistre: 'Les modifications ont été enregistrées.',
  publie: 'Le projet est publié : il apparaît dans la liste publique des projets.',
  lance: 'La consultation est lancée.',
  attribue: 'Le projet est attribué.',
  abandonne: 'Le projet est abandonné.',
  lot: 'Le lot a été enregistré.',
  'lot-retire': 'Le lot a été retiré.',
  etude: 'L’étude a été ajoutée.',
  acces: 'L’accès à l’étude a été changé.',
  jalons: 'Les dates du rétroplanning ont été enregistrées.',
};

/**
 * The notice of a `?fait=` code.
 * @param code e.g. 'publie'
 * @returns the French notice, or undefined
 */
export function noticeOf(code: string | undefined): string | undefined {
  return NOTICES[code ?? ''];
}

/**
 * A project its member may manage.
 * @throws DomainError `project.not_found`, `auth.forbidden` (readable but not editable by the actor)
 */
export async function editableProject(request: FastifyRequest, id: number): Promise<ProjectDetails> {
  const details = await getProject(request.server.store.db, request.actor, id);
  if (!details.abilities.edit) {
    throw forbidden();
  }
  return details;
}

/**
 * The errors of one of the page's forms: messages by field name (as the templates read them), summary links
 * to the field's id on this page (`idOf`), since several forms share field names.
 */
function errorsOf(
  fields: Record<string, string> | undefined,
  idOf: (name: string) => string = (name) => name,
): FormErrors {
  if (fields === undefined) {
    return NO_ERRORS;
  }
  return {
    ...formErrors(fields),
    list: Object.entries(fields).map(([name, text]) => ({ text, href: `#${idOf(name)}` })),
  };
}

/**
 * Renders the management page (400 when a form was refused).
 * @param request the request
 * @param reply the reply
 * @param id the project
 * @param forms the values and errors of a refused form, or a notice
 */
export async function renderManage(
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  forms: ManageForms = {},
): Promise<FastifyReply> {
  const details = await editableProject(request, id);
  const page = projectPageView(details);
  const values = forms.values ?? projectFormValues(page.project);
  const refused = forms.errors ?? forms.lotErrors ?? forms.milestoneErrors ?? forms.studyErrors;
  privatePage(reply);
  return reply.code(refused ? 400 : 200).view('projects/buyer/manage.njk', {
    nav: 'account',
    ...page,
    organisationSiret: details.organisation.siret,
    values,
    ...projectFormItems(values),
    errors: errorsOf(forms.errors),
    lotValues: forms.lotValues ?? { variants: '', reservedParticipation: 'none' },
    lotErrors: errorsOf(
      forms.lotErrors,
      (name) => `new-lot-${name.replace(/^awardCriteria.*/, 'awardCriteria')}`,
    ),
    milestoneErrors: errorsOf(forms.milestoneErrors, (name) => name.replace(/^targetDates\./, 'jalon-')),
    studyErrors: errorsOf(forms.studyErrors, (name) => (name === 'title' ? 'study-title' : name)),
    lotForms: page.project.lots.map((lot) => ({ lot, values: lotFormValues(lot) })),
    milestoneValues: Object.fromEntries(
      Object.entries(details.project.targetDates).map(([code, iso]) => [code, milestoneInputValue(iso)]),
    ),
    currentStudies: page.project.documents.filter((d) => d.current),
    launchDateText: formatFrenchDate(details.launchDate),
    maxSize: formatMegabytes(request.server.uploads.maxBytes),
    notice: forms.notice,
  });
}
