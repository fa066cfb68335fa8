import { CpvCode, Siren, Siret, type ParsedCpv } from '../../domain/shared/index.ts';
import {
  canonicalLabel,
  labelKey,
  NO_ENVIRONMENTAL_CONSIDERATION,
  NO_SOCIAL_CONSIDERATION,
  type LabelList,
} from './decp-labels.ts';
import type { DecpRawRecord } from './decp-read-item.ts';
import {
  amountOf,
  booleanOf,
  dateOf,
  Flags,
  htmlTextOf,
  identifierOf,
  integerOf,
  isGiven,
  isObject,
  labelOf,
  textOf,
} from './decp-values.ts';
import type {
  NormaliseContext,
  NormalisedContract,
  NormalisedModification,
  NormalisedTitulaire,
  NormaliseResult,
} from './normalised-contract.ts';

/**
 * Pure mapping of one DECP record, as read from a file of either format, onto the contract we store,
 * plus the quality flags saying what was repaired or left out. No I/O: the CPV list lookup is applied
 * afterwards by `resolveCpv`, and the SQL is in decp-writer.ts.
 *
 * Principles (see import-decp.ts for the whole set of rules):
 * - a value is repaired only when it has one possible reading (a numeric string, « 1 234,56 », a date with
 *   an offset, « oui », « Procedure adaptee »); otherwise it becomes null and a flag names the field.
 *   Nothing is guessed: 0218-10-29 is not "corrected" to 2018-10-29;
 * - a field that is simply absent gives null without a flag (the 2019 format has no `marcheInnovant`);
 * - a record without a buyer id or a contract id cannot be keyed, so it is rejected with the reason;
 * - free texts (object, names, place name, modification object) are often HTML-escaped by the publishing
 *   platform: character references (`&#8217;`, `&euro;`) are decoded and `<br>` / `<br />` become a newline
 *   (flag `html_decoded`); other tags are left alone, so « montant < 5000 » stays as written.
 */

/** The types of the normalised contract, re-exported for the importer and the writer. */
export type {
  NormaliseContext,
  NormalisedContract,
  NormalisedModification,
  NormalisedTitulaire,
  NormaliseRejectionCode,
  NormaliseResult,
} from './normalised-contract.ts';

/** Fields only the 2022 format has: one of them in a record means the 2022 format. */
const FORMAT_2022_FIELDS = [
  'marcheInnovant',
  'considerationsSociales',
  'considerationsEnvironnementales',
  'ccag',
  'offresRecues',
  'attributionAvance',
  'tauxAvance',
  'typeGroupementOperateurs',
  'sousTraitanceDeclaree',
  'typesPrix',
  'techniques',
  'modalitesExecution',
  'origineUE',
  'origineFrance',
  'actesSousTraitance',
];

/** Longest duration kept, in months (a century); above, the value is a typo or a placeholder. */
const MAX_DURATION_MONTHS = 1200;
/** Most offers kept for one contract. */
const MAX_OFFERS = 100_000;
/** `buyers.siret` is varchar(14). */
const MAX_BUYER_ID_LENGTH = 14;

/**
 * The items of a DECP list, whatever the shape it was written in:
 * - 2019 JSON: `[item, …]`, sometimes a lone `item`;
 * - 2022 JSON: `[{"titulaire": item}, …]`, or `{"titulaire": [item, …]}`;
 * - XML (both formats): `{"titulaire": item}` for one, `{"titulaire": [item, …]}` for several;
 * - an empty XML element: "".
 * @param value the field as read
 * @param wrapper the element name of one item, e.g. 'titulaire'
 */
export function unwrapList(value: unknown, wrapper: string): unknown[] {
  if (!isGiven(value) || value === '') {
    return [];
  }
  const isWrapper = (v: unknown): v is Record<string, unknown> =>
    isObject(v) && Object.keys(v).length === 1 && Object.prototype.hasOwnProperty.call(v, wrapper);
  if (Array.isArray(value)) {
    return value.flatMap((item) => (isWrapper(item) ? unwrapList(item[wrapper], wrapper) : [item]));
  }
  if (isWrapper(value)) {
    return unwrapList(value[wrapper], wrapper);
  }
  return [value];
}

/** True when a list field uses the 2022 JSON wrapping `[{"titulaire": …}]`. */
function usesWrappedItems(value: unknown, wrapper: string): boolean {
  return Array.isArray(value) && value.some((item) => isObject(item) && wrapper in item);
}

function normaliseTitulaire(item: unknown, flags: Flags): NormalisedTitulaire | null {
  if (!isObject(item)) {
    flags.add('titulaire_invalid');
    return null;
  }
  const typeText = textOf(item.typeIdentifiant, flags);
  let identifierType: string | null = null;
  if (typeText !== null) {
    identifierType = canonicalLabel('identifierType', typeText);
    if (identifierType === null) {
      identifierType = typeText;
      flags.add('titulaire_type_unknown');
    }
  }
  const identifier = identifierOf(item.id, flags, 'titulaire_id_missing');
  if (identifier === null) {
    flags.add('titulaire_id_missing');
  }
  const name = htmlTextOf(item.denominationSociale, flags, 'titulaire_name_invalid');
  let siret: string | null = null;
  let supplierSiren: string | null = null;
  const typedSiret =
    identifierType === 'SIRET' || (identifierType === null && /^\d{14}$/.test(identifier ?? ''));
  if (typedSiret && identifier !== null) {
    const parsed = Siret.tryParse(identifier);
    if (parsed.ok) {
      siret = parsed.value;
      supplierSiren = Siret.siren(parsed.value);
    } else {
      const asSiren = /^\d{9}$/.test(identifier) ? Siren.tryParse(identifier) : null;
      if (asSiren?.ok) {
        // A valid SIREN typed « SIRET »: the legal unit is certain, the establishment is not.
        supplierSiren = asSiren.value;
        flags.add('titulaire_siret_is_siren');
      } else {
        flags.add('titulaire_id_invalid');
      }
    }
  }
  return { identifierType, identifier, name, siret, supplierSiren };
}

function normaliseTitulaires(value: unknown, wrapper: string, flags: Flags): NormalisedTitulaire[] {
  const result: NormalisedTitulaire[] = [];
  for (const item of unwrapList(value, wrapper)) {
    const titulaire = normaliseTitulaire(item, flags);
    if (titulaire) {
      result.push(titulaire);
    }
  }
  return result;
}

function considerationsOf(
  value: unknown,
  wrapper: string,
  list: LabelList,
  none: string,
  flags: Flags,
  flag: string,
): { labels: string[] | null; has: boolean | null } {
  if (!isGiven(value)) {
    return { labels: null, has: null };
  }
  const labels: string[] = [];
  for (const item of unwrapList(value, wrapper)) {
    const label = typeof item === 'string' ? canonicalLabel(list, item) : null;
    if (label === null) {
      flags.add(flag);
    } else if (!labels.includes(label)) {
      labels.push(label);
    }
  }
  if (labels.length === 0) {
    return { labels: null, has: null };
  }
  return { labels, has: labels.some((label) => label !== none) };
}

function kindOf(
  value: Record<string, unknown>,
  record: Pick<DecpRawRecord, 'container'>,
): 'marche' | 'concession' {
  if (record.container) {
    return record.container === 'contrat-concession' ? 'concession' : 'marche';
  }
  if (typeof value._type === 'string') {
    const type = labelKey(value._type);
    if (type === 'contrat de concession') {
      return 'concession';
    }
    if (type === 'marche') {
      return 'marche';
    }
  }
  return 'autoriteConcedante' in value || 'concessionnaires' in value ? 'concession' : 'marche';
}

function formatOf(
  value: Record<string, unknown>,
  record: Pick<DecpRawRecord, 'container' | 'syntax'>,
  holdersField: string,
  holderWrapper: string,
): 'decp-2019' | 'decp-2022' {
  if (record.syntax === 'json' && record.container !== null) {
    return 'decp-2022';
  }
  if (FORMAT_2022_FIELDS.some((field) => field in value)) {
    return 'decp-2022';
  }
  return record.syntax === 'json' && usesWrappedItems(value[holdersField], holderWrapper)
    ? 'decp-2022'
    : 'decp-2019';
}

function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'une liste';
  }
  switch (typeof value) {
    case 'string':
      return 'un texte';
    case 'number':
      return 'un nombre';
    case 'boolean':
      return 'un booléen';
    default:
      return typeof value;
  }
}

/**
 * Maps one record read from a DECP file (2019 or 2022 format, JSON or XML) onto a contract.
 * @param record the record as read: its value, the list it was in, the file syntax and the reader's flags
 * @param context what the file says about all its records (its base name, the default `source`)
 * @returns `{ ok: true, contract }` with quality flags, or `{ ok: false, code, reason }` (French) when the
 *   record cannot be keyed: not an object, no buyer id (`acheteur.id`, `autoriteConcedante.id`), a buyer id
 *   longer than a SIRET, no contract `id`
 * @example normaliseDecpRecord({ value, container: null, syntax: 'json', readerFlags: [] }, { fileSource: 'f.json' })
 */
export function normaliseDecpRecord(
  record: Pick<DecpRawRecord, 'value' | 'container' | 'syntax' | 'readerFlags'>,
  context: NormaliseContext,
): NormaliseResult {
  const value = record.value;
  if (!isObject(value)) {
    return {
      ok: false,
      code: 'not_an_object',
      reason: `L'enregistrement n'est pas un objet mais ${typeName(value)} : il ne décrit aucun marché.`,
    };
  }
  const flags = new Flags();
  for (const flag of record.readerFlags) {
    flags.add(flag);
  }
  const kind = kindOf(value, record);
  const buyerField = kind === 'concession' ? 'autoriteConcedante' : 'acheteur';
  const buyerObject = value[buyerField] ?? value[kind === 'concession' ? 'acheteur' : 'autoriteConcedante'];
  const buyerId = isObject(buyerObject) ? identifierOf(buyerObject.id, flags) : null;
  if (buyerId === null) {
    return {
      ok: false,
      code: 'buyer_missing',
      reason: `Identifiant de l'acheteur absent (champ ${buyerField}.id) : le marché ne peut pas être rattaché.`,
    };
  }
  if (buyerId.length > MAX_BUYER_ID_LENGTH) {
    return {
      ok: false,
      code: 'buyer_id_too_long',
      reason: `Identifiant de l'acheteur « ${buyerId.slice(0, 40)} » trop long pour un SIRET (14 chiffres).`,
    };
  }
  const decpId = textOf(value.id, flags);
  if (decpId === null) {
    return { ok: false, code: 'id_missing', reason: 'Identifiant du marché absent (champ id).' };
  }
  const buyerSiret = Siret.tryParse(buyerId);
  if (!buyerSiret.ok) {
    flags.add('buyer_siret_invalid');
  }
  const buyerName = isObject(buyerObject) ? htmlTextOf(buyerObject.nom, flags) : null;

  const holdersField = kind === 'concession' ? 'concessionnaires' : 'titulaires';
  const holderWrapper = kind === 'concession' ? 'concessionnaire' : 'titulaire';
  const format = formatOf(value, record, holdersField, holderWrapper);

  let cpv: ParsedCpv | null = null;
  if (isGiven(value.codeCPV)) {
    const text =
      typeof value.codeCPV === 'string' || typeof value.codeCPV === 'number' ? String(value.codeCPV) : '';
    const parsed = CpvCode.tryParse(text.replace(/\s+/g, ''));
    if (parsed.ok) {
      cpv = parsed.value;
    } else {
      flags.add('cpv_invalid');
    }
  }

  const place = value.lieuExecution;
  let placeCode: string | null = null;
  let placeType: string | null = null;
  let placeName: string | null = null;
  if (isObject(place)) {
    placeCode = identifierOf(place.code, flags, 'place_code_invalid');
    placeType = labelOf('placeType', place.typeCode, flags, 'place_type_unknown');
    placeName = htmlTextOf(place.nom, flags);
  } else if (isGiven(place) && place !== '') {
    flags.add('place_invalid');
  }

  const initialAmount = amountOf(
    kind === 'concession' ? (value.valeurGlobale ?? value.montant) : value.montant,
    flags,
    'amount_invalid',
  );
  const initialDurationMonths = integerOf(value.dureeMois, flags, 'duration_invalid', MAX_DURATION_MONTHS);
  const notifiedOn = dateOf(
    kind === 'concession' ? (value.dateSignature ?? value.dateNotification) : value.dateNotification,
    flags,
    'notified_on',
  );
  const publishedOn = dateOf(value.datePublicationDonnees, flags, 'published_on');

  let titulaires = normaliseTitulaires(value[holdersField], holderWrapper, flags);
  if (titulaires.length === 0) {
    flags.add('titulaires_missing');
  }

  const modifications: NormalisedModification[] = [];
  unwrapList(value.modifications, 'modification').forEach((item, i) => {
    if (!isObject(item)) {
      flags.add('modification_invalid');
      return;
    }
    const newHolders = isGiven(item[holdersField])
      ? normaliseTitulaires(item[holdersField], holderWrapper, flags)
      : [];
    modifications.push({
      position: i + 1,
      decpId: textOf(item.id, flags),
      object: htmlTextOf(item.objetModification, flags),
      notifiedOn: dateOf(
        item.dateNotificationModification ?? item.dateSignatureModification,
        flags,
        'modification_notified_on',
      ),
      publishedOn: dateOf(item.datePublicationDonneesModification, flags, 'modification_published_on'),
      durationMonths: integerOf(item.dureeMois, flags, 'modification_duration_invalid', MAX_DURATION_MONTHS),
      amount: amountOf(
        kind === 'concession' ? (item.valeurGlobale ?? item.montant) : item.montant,
        flags,
        'modification_amount_invalid',
      ),
      // An empty list of new holders says nothing: the holders are unchanged.
      titulaires: newHolders.length > 0 ? newHolders : null,
      raw: item,
    });
  });

  // DECP modifications carry the new values, not differences: the latest given value wins, in file order.
  let amount = initialAmount;
  let durationMonths = initialDurationMonths;
  for (const modification of modifications) {
    amount = modification.amount ?? amount;
    durationMonths = modification.durationMonths ?? durationMonths;
    titulaires = modification.titulaires ?? titulaires;
  }

  const social = considerationsOf(
    value.considerationsSociales,
    'considerationSociale',
    'social',
    NO_SOCIAL_CONSIDERATION,
    flags,
    'social_consideration_unknown',
  );
  const environmental = considerationsOf(
    value.considerationsEnvironnementales,
    'considerationEnvironnementale',
    'environmental',
    NO_ENVIRONMENTAL_CONSIDERATION,
    flags,
    'environmental_consideration_unknown',
  );

  const decpSource = textOf(value.source, flags);
  const contract: NormalisedContract = {
    buyer: { siret: buyerSiret.ok ? buyerSiret.value : buyerId, siretValid: buyerSiret.ok, name: buyerName },
    decpId,
    uid: textOf(value.uid, flags),
    kind,
    format,
    nature: labelOf('nature', value.nature, flags, 'nature_unknown'),
    object: htmlTextOf(value.objet, flags, 'object_invalid'),
    cpv,
    cpvCode: null,
    procedure: labelOf('procedure', value.procedure, flags, 'procedure_unknown'),
    placeCode,
    placeType,
    placeName,
    durationMonths,
    initialDurationMonths,
    amount,
    initialAmount,
    priceForm: labelOf('priceForm', value.formePrix, flags, 'price_form_unknown'),
    notifiedOn,
    publishedOn,
    innovative: booleanOf(value.marcheInnovant, flags, 'innovative_invalid'),
    socialConsiderations: social.labels,
    environmentalConsiderations: environmental.labels,
    hasSocialConsideration: social.has,
    hasEnvironmentalConsideration: environmental.has,
    ccag: labelOf('ccag', value.ccag, flags, 'ccag_unknown'),
    offersReceived: integerOf(value.offresRecues, flags, 'offers_received_invalid', MAX_OFFERS),
    source: decpSource ?? context.fileSource,
    sourceFromFile: decpSource === null,
    titulaires,
    modifications,
    flags: [],
    raw: value,
  };
  contract.flags = flags.sorted();
  return { ok: true, contract };
}
