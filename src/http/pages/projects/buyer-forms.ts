import { DateTime } from 'luxon';
import {
  BUYER_TYPES,
  MILESTONES,
  PROCEDURE_CODES,
  PROCEDURES,
  PURCHASE_NATURES,
  type MilestoneCode,
} from '../../../domain/planning/index.ts';
import {
  AWARD_CRITERIA_KEYS,
  AWARD_CRITERIA_LABELS,
  GREEN_PROCUREMENT,
  INNOVATION_PROCUREMENT,
  RESERVED_ARTICLE_LABELS,
  SOCIAL_PROCUREMENT,
  STRATEGIC_PROCUREMENT,
  type EformsCode,
  type LotView,
  type ProjectView,
  type RawLotInput,
  type RawProjectInput,
} from '../../../domain/projects/index.ts';
import { DomainError, PARIS_ZONE } from '../../../domain/shared/index.ts';
import { field } from '../accounts/forms.ts';

/**
 * The buyer's forms of a project and of a lot: reading a urlencoded body into the domain's raw input (a
 * checkbox list left empty is sent as nothing by browsers: it is read as an empty list, not as « keep »),
 * the values shown back in the form, and the items of its selects and checkboxes.
 */

/** Form values: text fields, and the checked codes of the lists. */
export type FormValues = Record<string, string | string[]>;

const TEXT_FIELDS = [
  'reference',
  'title',
  'need',
  'nature',
  'buyerType',
  'cpvCodes',
  'estimatedValue',
  'budget',
  'placeKind',
  'placeCode',
  'procedure',
  'targetNotificationDate',
  'targetStartDate',
  'contactName',
  'contactEmail',
  'reservedParticipation',
  'reservedArticle',
] as const;
const LOT_TEXT_FIELDS = [
  'number',
  'title',
  'cpvCodes',
  'estimatedValue',
  'variants',
  'variantMinimumRequirements',
  'reservedParticipation',
  'reservedArticle',
] as const;
const LIST_FIELDS = [
  'strategicProcurement',
  'greenProcurement',
  'socialProcurement',
  'innovationProcurement',
] as const;

function bodyOf(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

const listOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];

/**
 * The project form as typed.
 * @param body the urlencoded body
 * @returns every field of the form (blank ones as '' or [])
 */
export function readProjectForm(body: unknown): FormValues {
  const b = bodyOf(body);
  const values: FormValues = {};
  for (const name of TEXT_FIELDS) {
    values[name] = field(body, name);
  }
  for (const name of LIST_FIELDS) {
    values[name] = listOf(b[name]);
  }
  values.innovativePurchase = field(body, 'innovativePurchase') === 'oui' ? 'oui' : 'non';
  return values;
}

/** The domain input of a project form (every field present: the form sends them all). */
export function projectInputOf(values: FormValues): RawProjectInput {
  return { ...values } as RawProjectInput;
}

/**
 * The form values of a saved project.
 * @param project its API view
 * @returns the values to show in the edit form
 */
export function projectFormValues(project: ProjectView): FormValues {
  const amount = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
  const codes = (list: { code: string }[]) => list.map((c) => c.code);
  return {
    reference: project.reference ?? '',
    title: project.title,
    need: project.need,
    nature: project.nature,
    buyerType: project.buyerType,
    cpvCodes: project.cpvCodes.join(' '),
    estimatedValue: amount(project.estimatedValue),
    budget: amount(project.budget),
    placeKind: project.place?.kind ?? '',
    placeCode: project.place?.code ?? '',
    procedure: project.procedure.code,
    innovativePurchase: project.innovativePurchase ? 'oui' : 'non',
    targetNotificationDate: project.targetNotificationDate?.split('-').reverse().join('/') ?? '',
    targetStartDate: project.targetStartDate?.split('-').reverse().join('/') ?? '',
    contactName: project.contact.name ?? '',
    contactEmail: project.contact.email ?? '',
    strategicProcurement: codes(project.sustainability.strategicProcurement),
    greenProcurement: codes(project.sustainability.greenProcurement),
    socialProcurement: codes(project.sustainability.socialProcurement),
    innovationProcurement: codes(project.sustainability.innovationProcurement),
    reservedParticipation: project.sustainability.reserved?.code ?? 'none',
    reservedArticle: project.sustainability.reserved?.article ?? '',
  };
}

/**
 * The lot form as typed, as the domain's input.
 * @param body the urlencoded body
 * @returns the domain input (criteria from `crit-price`, `crit-technical`…) and the values to show back
 */
export function readLotForm(body: unknown): { input: RawLotInput; values: FormValues } {
  const values: Record<string, string> = {};
  for (const name of LOT_TEXT_FIELDS) {
    values[name] = field(body, name);
  }
  values.variantWithoutBaseOffer = field(body, 'variantWithoutBaseOffer') === 'oui' ? 'oui' : 'non';
  const awardCriteria: Record<string, string> = {};
  for (const key of AWARD_CRITERIA_KEYS) {
    values[`crit-${key}`] = field(body, `crit-${key}`);
    awardCriteria[key] = values[`crit-${key}`]!;
  }
  const input: RawLotInput = { awardCriteria, variantWithoutBaseOffer: values.variantWithoutBaseOffer };
  for (const name of LOT_TEXT_FIELDS) {
    input[name] = values[name];
  }
  return { input, values };
}

/**
 * The form values of a saved lot.
 * @param lot its view
 * @returns the values to show in its edit form
 */
export function lotFormValues(lot: LotView): FormValues {
  const values: FormValues = {
    number: String(lot.number),
    title: lot.title,
    cpvCodes: lot.cpvCodes.join(' '),
    estimatedValue: lot.estimatedValue === null ? '' : String(lot.estimatedValue).replace('.', ','),
    variants: lot.variants.stated ? lot.variants.policy : '',
    variantMinimumRequirements: lot.variants.minimumRequirements ?? '',
    variantWithoutBaseOffer: lot.variants.withoutBaseOffer ? 'oui' : 'non',
    reservedParticipation: lot.reserved?.code ?? 'none',
    reservedArticle: lot.reserved?.article ?? '',
  };
  for (const key of AWARD_CRITERIA_KEYS) {
    values[`crit-${key}`] = String(lot.awardCriteria.find((c) => c.key === key)?.weight ?? '');
  }
  return values;
}

/**
 * The field errors of a refused form: a DomainError's `details.fields`, or its single `details.field`.
 * @param error anything thrown
 * @returns field → message, or undefined when the error is not about the form (rethrow it)
 */
export function formFailure(error: unknown): Record<string, string> | undefined {
  if (!(error instanceof DomainError) || !/^project(_document|_lot)?\.invalid/.test(error.code)) {
    return undefined;
  }
  const fields = error.details?.fields;
  if (fields !== null && typeof fields === 'object') {
    return fields as Record<string, string>;
  }
  return { [String(error.details?.field ?? 'status')]: error.userMessage };
}

/**
 * The milestones' date fields (`jalon-<code>`) as the domain's `targetDates`.
 * @param body the urlencoded body
 * @returns code → typed text
 */
export function readMilestoneForm(body: unknown): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const name of Object.keys(bodyOf(body))) {
    if (name.startsWith('jalon-')) {
      dates[name.slice('jalon-'.length)] = field(body, name);
    }
  }
  return dates;
}

/**
 * A buyer-set instant as the milestone form shows it.
 * @param iso ISO 8601 with offset
 * @returns e.g. '01/03/2027 12:00' (Paris time)
 */
export function milestoneInputValue(iso: string): string {
  return DateTime.fromISO(iso, { zone: PARIS_ZONE }).toFormat('dd/MM/yyyy HH:mm');
}

/** A procedure's label with its code, unless the label already names it (« Procédure adaptée (MAPA) »). */
const withCode = (label: string, code: string) =>
  label.includes(`(${code})`) ? label : `${label} (${code})`;

const checked = (list: readonly EformsCode[], values: string[] | string | undefined) =>
  list.map((e) => ({
    value: e.code,
    text: e.label,
    checked: (Array.isArray(values) ? values : []).includes(e.code),
  }));

/**
 * The items of the project form's selects and checkboxes.
 * @param values the current values
 * @returns items for govukSelect and govukCheckboxes
 */
export function projectFormItems(values: FormValues) {
  const select = (options: { value: string; text: string }[], selected: unknown) =>
    options.map((o) => ({ ...o, selected: o.value === selected }));
  return {
    procedureItems: select(
      [
        { value: '', text: 'Choisir' },
        ...PROCEDURE_CODES.map((c) => ({ value: c, text: withCode(PROCEDURES[c].label, c) })),
      ],
      values.procedure,
    ),
    natureItems: select(
      [
        { value: '', text: 'Déduire du premier code CPV' },
        ...PURCHASE_NATURES.map((n) => ({
          value: n,
          text: { works: 'Travaux', supplies: 'Fournitures', services: 'Services' }[n],
        })),
      ],
      values.nature,
    ),
    buyerTypeItems: select(
      BUYER_TYPES.map((b) => ({
        value: b,
        text: {
          central: 'État ou autorité centrale',
          local: 'Collectivité ou autre pouvoir adjudicateur',
          utility: 'Entité adjudicatrice',
        }[b],
      })),
      values.buyerType || 'local',
    ),
    placeKindItems: select(
      [
        { value: '', text: 'Non précisé' },
        { value: 'commune', text: 'Commune' },
        { value: 'departement', text: 'Département' },
        { value: 'region', text: 'Région' },
      ],
      values.placeKind,
    ),
    reservedItems: select(
      [
        { value: 'none', text: 'Non réservée' },
        { value: 'res-ws', text: 'Structures du handicap ou de l’insertion (res-ws)' },
        {
          value: 'res-pub-ser',
          text: 'Économie sociale et solidaire, mission de service public (res-pub-ser)',
        },
      ],
      values.reservedParticipation || 'none',
    ),
    articleItems: select(
      [
        { value: '', text: 'Choisir l’article' },
        ...Object.entries(RESERVED_ARTICLE_LABELS).map(([value, text]) => ({ value, text })),
      ],
      values.reservedArticle,
    ),
    strategicItems: checked(STRATEGIC_PROCUREMENT, values.strategicProcurement),
    greenItems: checked(GREEN_PROCUREMENT, values.greenProcurement),
    socialItems: checked(SOCIAL_PROCUREMENT, values.socialProcurement),
    innovationItems: checked(INNOVATION_PROCUREMENT, values.innovationProcurement),
    criteria: AWARD_CRITERIA_KEYS.map((key) => ({ key, label: AWARD_CRITERIA_LABELS[key] })),
    milestoneLabels: Object.fromEntries(
      Object.entries(MILESTONES).map(([code, m]) => [code as MilestoneCode, m.label]),
    ),
  };
}
