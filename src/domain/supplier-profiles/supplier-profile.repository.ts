import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, DeclaredReferencesTable, SupplierProfilesTable } from '../../store/schema.ts';
import type {
  DeclaredReference,
  InnovationSignal,
  SupplierLabel,
  SupplierProfile,
} from './supplier-profile.ts';

/** Reads and writes of supplier profiles and declared references. */

type Db = Kysely<Database> | Transaction<Database>;

function toProfile(row: Selectable<SupplierProfilesTable>): SupplierProfile {
  return {
    organisationId: row.organisation_id,
    description: row.description,
    website: row.website,
    labels: row.labels as SupplierLabel[],
    innovationSignals: row.innovation_signals as InnovationSignal[],
    innovationDetails: row.innovation_details,
    updatedAt: row.updated_at,
  };
}

function toReference(row: Selectable<DeclaredReferencesTable>): DeclaredReference {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    buyerName: row.buyer_name,
    buyerSiret: row.buyer_siret,
    year: row.year,
    title: row.title,
    amount: row.amount === null ? null : Number(row.amount),
    createdAt: row.created_at,
  };
}

export async function findProfile(db: Db, organisationId: number): Promise<SupplierProfile | undefined> {
  const row = await db
    .selectFrom('supplier_profiles')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row && toProfile(row);
}

/** Creates or replaces the profile of an organisation. */
export async function saveProfile(
  trx: Db,
  values: Omit<Insertable<SupplierProfilesTable>, 'created_at' | 'updated_at'>,
): Promise<SupplierProfile> {
  const now = new Date();
  const changes = {
    description: values.description,
    website: values.website,
    labels: values.labels,
    innovation_signals: values.innovation_signals,
    innovation_details: values.innovation_details,
  };
  const row = await trx
    .insertInto('supplier_profiles')
    .values({ ...values, updated_at: now })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet({ ...changes, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProfile(row);
}

/** Declared references of an organisation, most recent year first. */
export async function listReferences(db: Db, organisationId: number): Promise<DeclaredReference[]> {
  const rows = await db
    .selectFrom('declared_references')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('year', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toReference);
}

export async function findReference(
  db: Db,
  organisationId: number,
  id: number,
): Promise<DeclaredReference | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) {
    return undefined;
  }
  const row = await db
    .selectFrom('declared_references')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toReference(row);
}

export async function insertReference(
  trx: Db,
  values: Insertable<DeclaredReferencesTable>,
): Promise<DeclaredReference> {
  return toReference(
    await trx.insertInto('declared_references').values(values).returningAll().executeTakeFirstOrThrow(),
  );
}

export async function deleteReference(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('declared_references').where('id', '=', id).execute();
}
