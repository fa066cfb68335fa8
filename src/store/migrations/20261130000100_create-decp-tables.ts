import { sql, type Kysely } from 'kysely';

/**
 * Buyers, suppliers (titulaires) and awarded contracts from DECP (données essentielles de la commande
 * publique, arrêtés of 2019 and 2022), enriched by SIRENE.
 *
 * Identifiers are text, never numbers: SIREN/SIRET keep their leading zeros.
 * A DECP contract `id` is unique only per buyer, hence the key (buyer_siret, decp_id).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('buyers')
    .addColumn('siret', 'varchar(14)', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('siret_valid', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index buyers_name_trgm_idx on buyers using gin (amont_fold(name) gin_trgm_ops)`.execute(
    db,
  );

  // A supplier is a legal unit (unité légale) identified by its SIREN.
  await db.schema
    .createTable('suppliers')
    .addColumn('siren', 'varchar(9)', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_source', 'varchar(8)', (c) => c.notNull()) // 'sirene' | 'decp'
    .addColumn('naf_code', 'varchar(6)') // NAF rév. 2, canonical '62.01Z'
    .addColumn('legal_category', 'varchar(4)') // SIRENE categorieJuridiqueUniteLegale
    .addColumn('employee_band', 'varchar(2)') // SIRENE trancheEffectifsUniteLegale
    .addColumn('size_category', 'varchar(3)') // SIRENE categorieEntreprise: PME | ETI | GE
    .addColumn('ess', 'boolean') // SIRENE economieSocialeSolidaireUniteLegale
    .addColumn('diffusible', 'boolean', (c) => c.notNull().defaultTo(true)) // statutDiffusionUniteLegale
    .addColumn('head_office_siret', 'varchar(14)')
    .addColumn('postal_code', 'varchar(5)')
    .addColumn('commune_code', 'varchar(5)')
    .addColumn('created_on', 'date') // dateCreationUniteLegale
    .addColumn('active', 'boolean') // etatAdministratifUniteLegale = A
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index suppliers_name_trgm_idx on suppliers using gin (amont_fold(name) gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index suppliers_name_sort_idx on suppliers (name collate "und-x-icu", siren)`.execute(db);

  // Establishments (établissements) identified by SIRET, from SIRENE or from DECP titulaires.
  await db.schema
    .createTable('establishments')
    .addColumn('siret', 'varchar(14)', (c) => c.primaryKey())
    .addColumn('siren', 'varchar(9)', (c) => c.notNull())
    .addColumn('head_office', 'boolean')
    .addColumn('name', 'text')
    .addColumn('postal_code', 'varchar(5)')
    .addColumn('commune_code', 'varchar(5)')
    .addColumn('diffusible', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('establishments_siren_idx').on('establishments').column('siren').execute();

  await db.schema
    .createTable('contracts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('buyer_siret', 'varchar(14)', (c) => c.notNull().references('buyers.siret'))
    .addColumn('decp_id', 'text', (c) => c.notNull()) // DECP `id`
    .addColumn('uid', 'text') // DECP 2019 `uid` (buyer id + id)
    .addColumn('kind', 'varchar(12)', (c) => c.notNull()) // 'marche' | 'concession' (DECP `_type`)
    .addColumn('format', 'varchar(12)', (c) => c.notNull()) // 'decp-2019' | 'decp-2022'
    .addColumn('nature', 'text') // DECP `nature`: Marché, Accord-cadre, Marché subséquent…
    .addColumn('object', 'text') // DECP `objet`
    .addColumn('cpv_code', 'char(8)') // DECP `codeCPV`, 8 digits; null when invalid (flagged)
    .addColumn('procedure', 'text') // DECP `procedure`, canonical label
    .addColumn('place_code', 'text') // DECP `lieuExecution.code`
    .addColumn('place_type', 'text') // DECP `lieuExecution.typeCode`
    .addColumn('place_name', 'text') // DECP `lieuExecution.nom`
    .addColumn('duration_months', 'integer') // after modifications
    .addColumn('initial_duration_months', 'integer')
    .addColumn('amount', 'numeric(16, 2)') // euros HT, after modifications
    .addColumn('initial_amount', 'numeric(16, 2)') // euros HT, as notified
    .addColumn('price_form', 'text') // DECP `formePrix`
    .addColumn('notified_on', 'date') // DECP `dateNotification` (Europe/Paris calendar date)
    .addColumn('published_on', 'date') // DECP `datePublicationDonnees`
    .addColumn('innovative', 'boolean') // DECP 2022 `marcheInnovant`
    .addColumn('social_considerations', sql`text[]`) // DECP 2022 `considerationsSociales`
    .addColumn('environmental_considerations', sql`text[]`) // DECP 2022 `considerationsEnvironnementales`
    .addColumn('has_social_consideration', 'boolean')
    .addColumn('has_environmental_consideration', 'boolean')
    .addColumn('ccag', 'text')
    .addColumn('offers_received', 'integer')
    .addColumn('source', 'text') // DECP `source` or the file name
    .addColumn('quality_flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('content_hash', 'char(64)', (c) => c.notNull())
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('contracts_buyer_decp_id_key', ['buyer_siret', 'decp_id'])
    .execute();
  await db.schema.createIndex('contracts_cpv_idx').on('contracts').column('cpv_code').execute();
  await db.schema.createIndex('contracts_notified_idx').on('contracts').column('notified_on').execute();

  // Titulaires of a contract, in DECP order; supplier_siren is set when the identifier is a valid SIRET/SIREN.
  await db.schema
    .createTable('contract_titulaires')
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('position', 'smallint', (c) => c.notNull())
    .addColumn('identifier_type', 'text') // DECP `typeIdentifiant`: SIRET, TVA, TAHITI, HORS-UE…
    .addColumn('identifier', 'text') // DECP titulaire `id`, as given (spaces removed)
    .addColumn('name', 'text') // DECP `denominationSociale`
    .addColumn('supplier_siren', 'varchar(9)', (c) => c.references('suppliers.siren'))
    .addPrimaryKeyConstraint('contract_titulaires_pkey', ['contract_id', 'position'])
    .execute();
  await db.schema
    .createIndex('contract_titulaires_supplier_idx')
    .on('contract_titulaires')
    .column('supplier_siren')
    .execute();

  // DECP `modifications`, in order: the history behind the contract's current amount, duration and titulaires.
  await db.schema
    .createTable('contract_modifications')
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('contracts.id').onDelete('cascade'))
    .addColumn('position', 'smallint', (c) => c.notNull())
    .addColumn('decp_id', 'text') // modification `id`
    .addColumn('object', 'text') // `objetModification` (2019)
    .addColumn('notified_on', 'date') // `dateNotificationModification`
    .addColumn('published_on', 'date') // `datePublicationDonneesModification`
    .addColumn('duration_months', 'integer') // `dureeMois`: new duration, when changed
    .addColumn('amount', 'numeric(16, 2)') // `montant`: new amount in euros HT, when changed
    .addColumn('titulaires', 'jsonb') // new titulaires, when changed
    .addColumn('raw', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('contract_modifications_pkey', ['contract_id', 'position'])
    .execute();
}

/** Drops the DECP tables; they are rebuilt by re-importing the DECP files. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contract_modifications').execute();
  await db.schema.dropTable('contract_titulaires').execute();
  await db.schema.dropTable('contracts').execute();
  await db.schema.dropTable('establishments').execute();
  await db.schema.dropTable('suppliers').execute();
  await db.schema.dropTable('buyers').execute();
}
