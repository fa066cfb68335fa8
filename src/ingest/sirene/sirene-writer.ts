import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { RecordOutcome } from '../import-run.ts';
import type { EstablishmentPatch, SupplierPatch } from './sirene-layouts.ts';

/**
 * The SQL of the SIRENE import: write a batch of legal units or establishments with a handful of
 * multi-row statements over `jsonb_to_recordset`, and link legal units to their head-office establishment.
 * Every function takes the transaction of the batch (`ImportRun.commitBatch`); the rules (enrichment, not
 * replacement) are described in import-sirene.ts.
 */

export type SupplierColumn = Exclude<keyof SupplierPatch, 'siren'>;

/** Columns of `suppliers` a SIRENE record can set, with their SQL types for `jsonb_to_recordset`. */
const SUPPLIER_TYPES: Record<SupplierColumn, string> = {
  name: 'text',
  naf_code: 'text',
  legal_category: 'text',
  employee_band: 'text',
  size_category: 'text',
  ess: 'boolean',
  diffusible: 'boolean',
  head_office_siret: 'text',
  postal_code: 'text',
  commune_code: 'text',
  created_on: 'date',
  active: 'boolean',
};
export const SUPPLIER_COLUMNS = Object.keys(SUPPLIER_TYPES) as SupplierColumn[];

/** `jsonb_to_recordset` over the batch: one parameter, however many rows and columns. */
function recordset(rows: object[], types: Record<string, string>, keyColumn: string): RawBuilder<unknown> {
  const definition = [`${keyColumn} text`, ...Object.entries(types).map(([c, t]) => `${c} ${t}`)].join(', ');
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(${sql.raw(definition)})`;
}

/**
 * Writes a batch of legal units: updates the known ones where something changes, then inserts the new
 * ones. Column by column, a null keeps the stored value; columns in `fillOnly` only fill a stored null.
 * @returns siren → 'inserted' | 'updated'; unchanged sirens are absent
 */
export async function upsertSuppliers(
  trx: Transaction<Database>,
  rows: SupplierPatch[],
  fillOnly: ReadonlySet<SupplierColumn>,
  options: { insert: boolean } = { insert: true },
): Promise<Map<string, RecordOutcome>> {
  const outcomes = new Map<string, RecordOutcome>();
  if (rows.length === 0) {
    return outcomes;
  }
  const next = (c: SupplierColumn) =>
    fillOnly.has(c) ? `coalesce(s.${c}, v.${c})` : `coalesce(v.${c}, s.${c})`;
  // SIRENE's name wins over a DECP one: the source follows the name.
  const nameSource = fillOnly.has('name')
    ? 's.name_source'
    : `case when v.name is null then s.name_source else 'sirene' end`;
  const assignments = [
    ...SUPPLIER_COLUMNS.map((c) => `${c} = ${next(c)}`),
    `name_source = ${nameSource}`,
  ].join(', ');
  const before = [...SUPPLIER_COLUMNS.map((c) => `s.${c}`), 's.name_source'].join(', ');
  const after = [...SUPPLIER_COLUMNS.map(next), nameSource].join(', ');
  const updated = await sql<{ siren: string }>`
    update suppliers s set ${sql.raw(assignments)}, updated_at = now()
    from ${recordset(rows, SUPPLIER_TYPES, 'siren')}
    where s.siren = v.siren and (${sql.raw(before)}) is distinct from (${sql.raw(after)})
    returning s.siren`.execute(trx);
  for (const row of updated.rows) {
    outcomes.set(row.siren, 'updated');
  }
  if (!options.insert) {
    return outcomes;
  }
  const inserted = await sql<{ siren: string }>`
    insert into suppliers (siren, name_source, ${sql.raw(SUPPLIER_COLUMNS.join(', '))})
    select v.siren, 'sirene', ${sql.raw(SUPPLIER_COLUMNS.map((c) => (c === 'diffusible' ? 'coalesce(v.diffusible, true)' : `v.${c}`)).join(', '))}
    from ${recordset(rows, SUPPLIER_TYPES, 'siren')}
    where v.name is not null and not exists (select 1 from suppliers s where s.siren = v.siren)
    on conflict (siren) do nothing
    returning siren`.execute(trx);
  for (const row of inserted.rows) {
    outcomes.set(row.siren, 'inserted');
  }
  return outcomes;
}

/**
 * After legal units are written, takes their address from their head-office establishment when the
 * establishments were imported first: the one whose SIRET is the unit's head office, or, when the unit
 * does not say, the one flagged `head_office`.
 * @returns the sirens whose row changed
 */
export async function headOfficeFromEstablishments(
  trx: Transaction<Database>,
  sirens: string[],
): Promise<Set<string>> {
  if (sirens.length === 0) {
    return new Set();
  }
  const result = await sql<{ siren: string }>`
    update suppliers s set
      head_office_siret = e.siret,
      postal_code = coalesce(e.postal_code, s.postal_code),
      commune_code = coalesce(e.commune_code, s.commune_code),
      updated_at = now()
    from establishments e
    where s.siren = any(${sirens}::text[]) and e.siren = s.siren
      and (e.siret = s.head_office_siret or (s.head_office_siret is null and e.head_office))
      and (s.head_office_siret, s.postal_code, s.commune_code)
        is distinct from (e.siret, coalesce(e.postal_code, s.postal_code), coalesce(e.commune_code, s.commune_code))
    returning s.siren`.execute(trx);
  return new Set(result.rows.map((r) => r.siren));
}

type EstablishmentColumn = Exclude<keyof EstablishmentPatch, 'siret'>;
const ESTABLISHMENT_TYPES: Record<EstablishmentColumn, string> = {
  siren: 'text',
  head_office: 'boolean',
  name: 'text',
  postal_code: 'text',
  commune_code: 'text',
  diffusible: 'boolean',
};
const ESTABLISHMENT_COLUMNS = Object.keys(ESTABLISHMENT_TYPES) as EstablishmentColumn[];

/**
 * Writes a batch of establishments, like `upsertSuppliers`; `fillOnly` (later duplicates) only fills
 * stored nulls and inserts nothing.
 * @returns siret → 'inserted' | 'updated'; unchanged sirets are absent
 */
export async function upsertEstablishments(
  trx: Transaction<Database>,
  rows: EstablishmentPatch[],
  fillOnly: boolean,
): Promise<Map<string, RecordOutcome>> {
  const outcomes = new Map<string, RecordOutcome>();
  if (rows.length === 0) {
    return outcomes;
  }
  const next = (c: EstablishmentColumn) =>
    fillOnly ? `coalesce(e.${c}, v.${c})` : `coalesce(v.${c}, e.${c})`;
  // The name is dropped, not kept, when the establishment becomes non-diffusible.
  const nextName = fillOnly
    ? next('name')
    : `case when v.diffusible = false then null else coalesce(v.name, e.name) end`;
  const after = ESTABLISHMENT_COLUMNS.map((c) => (c === 'name' ? nextName : next(c)));
  const assignments = ESTABLISHMENT_COLUMNS.map((c, i) => `${c} = ${after[i]}`).join(', ');
  const before = ESTABLISHMENT_COLUMNS.map((c) => `e.${c}`).join(', ');
  const updated = await sql<{ siret: string }>`
    update establishments e set ${sql.raw(assignments)}, updated_at = now()
    from ${recordset(rows, ESTABLISHMENT_TYPES, 'siret')}
    where e.siret = v.siret and (${sql.raw(before)}) is distinct from (${sql.raw(after.join(', '))})
    returning e.siret`.execute(trx);
  for (const row of updated.rows) {
    outcomes.set(row.siret, 'updated');
  }
  if (fillOnly) {
    return outcomes;
  }
  const inserted = await sql<{ siret: string }>`
    insert into establishments (siret, ${sql.raw(ESTABLISHMENT_COLUMNS.join(', '))})
    select v.siret, ${sql.raw(ESTABLISHMENT_COLUMNS.map((c) => (c === 'diffusible' ? 'coalesce(v.diffusible, true)' : `v.${c}`)).join(', '))}
    from ${recordset(rows, ESTABLISHMENT_TYPES, 'siret')}
    where not exists (select 1 from establishments e where e.siret = v.siret)
    on conflict (siret) do nothing
    returning siret`.execute(trx);
  for (const row of inserted.rows) {
    outcomes.set(row.siret, 'inserted');
  }
  return outcomes;
}

/**
 * Head-office establishments set their legal unit's head office and address (SIRENE's establishment
 * address is the reference). Legal units not in the store yet are left alone: they pick it up when
 * imported (`headOfficeFromEstablishments`).
 * @returns siren → siret of the legal units whose row changed
 */
export async function setHeadOffices(
  trx: Transaction<Database>,
  rows: EstablishmentPatch[],
): Promise<Map<string, string>> {
  if (rows.length === 0) {
    return new Map();
  }
  const result = await sql<{ siren: string; siret: string }>`
    update suppliers s set
      head_office_siret = v.siret,
      postal_code = coalesce(v.postal_code, s.postal_code),
      commune_code = coalesce(v.commune_code, s.commune_code),
      updated_at = now()
    from ${recordset(rows, { postal_code: 'text', commune_code: 'text', siret: 'text' }, 'siren')}
    where s.siren = v.siren
      and (s.head_office_siret, s.postal_code, s.commune_code)
        is distinct from (v.siret, coalesce(v.postal_code, s.postal_code), coalesce(v.commune_code, s.commune_code))
    returning s.siren, s.head_office_siret as siret`.execute(trx);
  return new Map(result.rows.map((r) => [r.siren, r.siret]));
}
