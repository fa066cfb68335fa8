/**
 * French labels of the import report: kinds of import, run statuses, quality flags and other figures.
 * A key without a label is shown as stored (a new flag added to an importer still appears, raw).
 *
 * The flags are those the importers count with `ImportRun.bump`: DECP flags come from
 * `src/ingest/decp/normalise-decp.ts` and `read-decp-json.ts` (stored in `contracts.quality_flags` too),
 * SIRENE flags from `src/ingest/sirene/sirene-layouts.ts`.
 */

const KIND_LABELS: Record<string, string> = {
  cpv: 'Nomenclature CPV',
  communes: 'Communes',
  sirene: 'SIRENE',
  decp: 'DECP',
};

const STATUS_LABELS: Record<string, string> = {
  running: 'en cours',
  done: 'terminé',
  failed: 'échoué',
};

const FLAG_LABELS: Record<string, string> = {
  // DECP: reading the file
  json_repaired: 'JSON réparé (caractère d’échappement invalide corrigé)',
  decp_id_shared: 'Identifiant DECP partagé par des marchés distincts (lots publiés sous un même id)',
  html_decoded: 'Entités HTML décodées (&#8217;, &euro;, <br />…) dans les textes',
  text_encoding_invalid: 'Texte mal encodé (caractères illisibles conservés)',
  // DECP: buyer and holders
  buyer_siret_invalid: 'SIRET de l’acheteur invalide (clé de contrôle fausse ou format inattendu)',
  titulaire_invalid: 'Titulaire illisible, ignoré',
  titulaire_type_unknown: 'Type d’identifiant du titulaire inconnu (conservé tel quel)',
  titulaire_id_missing: 'Identifiant du titulaire absent',
  titulaire_id_invalid: 'SIRET du titulaire invalide : titulaire non rattaché à une entreprise',
  titulaire_siret_is_siren: 'SIREN (9 chiffres) donné comme SIRET du titulaire',
  titulaire_name_invalid: 'Nom du titulaire illisible',
  titulaires_missing: 'Aucun titulaire',
  // DECP: CPV code
  cpv_invalid: 'Code CPV mal formé',
  cpv_unknown: 'Code CPV absent de la nomenclature',
  cpv_check_digit_wrong: 'Clé de contrôle du code CPV fausse',
  // DECP: contract values
  nature_unknown: 'Nature du marché inconnue',
  object_invalid: 'Objet du marché illisible',
  procedure_unknown: 'Procédure inconnue',
  place_invalid: 'Lieu d’exécution illisible',
  place_code_invalid: 'Code du lieu d’exécution illisible',
  place_type_unknown: 'Type de code du lieu d’exécution inconnu',
  amount_invalid: 'Montant illisible ou négatif',
  duration_invalid: 'Durée en mois illisible ou hors limites',
  price_form_unknown: 'Forme du prix inconnue',
  notified_on_invalid: 'Date de notification illisible',
  notified_on_out_of_range: 'Date de notification hors de 1990–2100',
  published_on_invalid: 'Date de publication des données illisible',
  published_on_out_of_range: 'Date de publication des données hors de 1990–2100',
  innovative_invalid: 'Indicateur « marché innovant » illisible',
  social_consideration_unknown: 'Considération sociale inconnue',
  environmental_consideration_unknown: 'Considération environnementale inconnue',
  ccag_unknown: 'CCAG inconnu',
  offers_received_invalid: 'Nombre d’offres reçues illisible',
  // DECP: modifications
  modification_invalid: 'Modification illisible, ignorée',
  modification_notified_on_invalid: 'Date de notification d’une modification illisible',
  modification_notified_on_out_of_range: 'Date de notification d’une modification hors de 1990–2100',
  modification_published_on_invalid: 'Date de publication d’une modification illisible',
  modification_published_on_out_of_range: 'Date de publication d’une modification hors de 1990–2100',
  modification_duration_invalid: 'Durée d’une modification illisible ou hors limites',
  modification_amount_invalid: 'Montant d’une modification illisible ou négatif',
  // SIRENE
  naf_invalid: 'Code NAF invalide',
  naf_not_rev2: 'Code d’activité d’une ancienne nomenclature (pas NAF rév. 2)',
  postal_code_repaired: 'Code postal réparé (zéro initial perdu, « .0 » final)',
  postal_code_invalid: 'Code postal invalide',
  legal_category_repaired: 'Catégorie juridique réparée (« .0 » final)',
  legal_category_invalid: 'Catégorie juridique invalide',
  employee_band_invalid: 'Tranche d’effectifs invalide',
  size_category_invalid: 'Catégorie d’entreprise invalide',
  commune_code_invalid: 'Code commune invalide',
  head_office_siret_invalid: 'SIRET du siège invalide',
  created_on_unknown: 'Date de création inconnue (1900-01-01 dans SIRENE)',
  created_on_invalid: 'Date de création invalide',
  non_diffusible_mask: 'Valeurs masquées « [ND] » : unité non diffusible',
  name_not_diffusible: 'Nom d’une personne physique non diffusible',
};

const REJECTION_CODE_LABELS: Record<string, string> = {
  json_invalid: 'JSON illisible',
  xml_invalid: 'XML illisible',
  file_truncated: 'fichier tronqué',
  file_unreadable_rest: 'suite du fichier illisible',
  file_shape_unknown: 'structure de fichier inconnue',
  not_an_object: 'enregistrement qui n’est pas un objet',
  buyer_missing: 'identifiant de l’acheteur absent',
  buyer_id_too_long: 'identifiant de l’acheteur trop long',
  id_missing: 'identifiant du marché absent',
};

const FIGURE_LABELS: Record<string, string> = {
  'supplier.head_office_set': 'Unités légales dont ce fichier a renseigné le siège',
};

/**
 * The French name of a kind of import.
 * @param kind 'cpv' | 'communes' | 'sirene' | 'decp'
 * @returns e.g. 'Nomenclature CPV'; an unknown kind as stored
 */
export function importKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/**
 * The French name of a run's status.
 * @param status 'running' | 'done' | 'failed'
 * @returns 'en cours' | 'terminé' | 'échoué'; an unknown status as stored
 */
export function importStatusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

/**
 * The French label of a quality flag.
 * @param name the flag without its `flag.` prefix, e.g. 'cpv_unknown'
 * @returns e.g. 'Code CPV absent de la nomenclature', or null when the flag has no label yet
 */
export function qualityFlagLabel(name: string): string | null {
  return FLAG_LABELS[name] ?? null;
}

/**
 * The French label of a figure that is neither an outcome nor a flag.
 * @param key the stored key, e.g. 'rejected.buyer_missing', 'supplier.head_office_set'
 * @returns e.g. 'Rejets : identifiant de l’acheteur absent', or null when the key has no label
 */
export function figureLabel(key: string): string | null {
  if (key.startsWith('rejected.')) {
    const code = key.slice('rejected.'.length);
    return `Rejets : ${REJECTION_CODE_LABELS[code] ?? code}`;
  }
  return FIGURE_LABELS[key] ?? null;
}
