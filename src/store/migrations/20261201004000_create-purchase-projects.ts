import { sql, type Kysely } from 'kysely';

/**
 * Purchase projects (issue 5): what a buyer organisation publishes upstream of a tender — the need, its
 * lots, the intended procedure and target dates, the social and environmental aspects — with their
 * preliminary studies and the history of every change made after publication.
 *
 * - `purchase_projects.status` follows draft → published → tender_launched → awarded, or abandoned; the
 *   state machine lives in the domain, the check here only refuses unknown values. `published_at` is set
 *   once, on the first publication: a project is public from then on, even abandoned.
 * - Amounts are euros HT, `numeric(16,2)` like every amount of the store.
 * - The place of execution is a COG code and its kind; `place_department` and `place_region` are derived by
 *   the application on every save (a commune's département and région) so that the list filters by
 *   département or région with a plain equality.
 * - eForms codes are stored as the eForms code lists spell them (`env-imp`, `clim-mitig`, `res-ws`…), checked
 *   against frozen lists: BT-06 strategic procurement, BT-774 green, BT-775 social, BT-776 innovation,
 *   BT-71 reserved participation, BT-63 variants. Adding a code means a migration, on purpose (the pages
 *   must be able to label it).
 * - `target_dates` holds the milestones the buyer set by hand (milestone code → ISO 8601 instant with the
 *   Paris offset); the others come from the retro-planning engine. `offers_deadline` is the effective
 *   offers deadline of that plan, recomputed on every save, so the list can filter and sort by it.
 * - `project_lots.variants` null means « not stated »: the default of the procedure applies (BT-63).
 * - `project_versions` is append-only: one row per change made after publication, the diff as
 *   field → { before, after } (JSON values as the domain stores them).
 * - `project_documents` keeps every version of a study: a new version points the previous one to itself
 *   through `replaced_by`. `storage_key` names the file in the document storage, never a path typed by a
 *   user; `sha256` lets an operator check a file against its row.
 * - `search_vector` is a STORED generated column (title weighted A, need B) for the text filter of the
 *   public list; PostgreSQL computes it on every write, whoever the writer.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('purchase_projects')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('reference', 'varchar(60)')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('nature', 'varchar(8)', (c) =>
      c.notNull().check(sql`nature in ('works', 'supplies', 'services')`),
    )
    .addColumn('buyer_type', 'varchar(8)', (c) =>
      c
        .notNull()
        .defaultTo('local')
        .check(sql`buyer_type in ('central', 'local', 'utility')`),
    )
    .addColumn('cpv_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('estimated_value', 'numeric(16, 2)', (c) => c.check(sql`estimated_value >= 0`))
    .addColumn('budget', 'numeric(16, 2)', (c) => c.check(sql`budget >= 0`))
    .addColumn('place_kind', 'varchar(12)', (c) =>
      c.check(sql`place_kind in ('commune', 'departement', 'region')`),
    )
    .addColumn('place_code', 'varchar(5)')
    .addColumn('place_department', 'varchar(3)')
    .addColumn('place_region', 'varchar(3)')
    .addColumn('procedure', 'varchar(8)', (c) =>
      c.notNull().check(sql`procedure in ('MAPA', 'AOO', 'AOR', 'PCN', 'DC', 'PI', 'PNSPMC')`),
    )
    .addColumn('innovative_purchase', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('target_notification_date', 'date')
    .addColumn('target_dates', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('offers_deadline', 'timestamptz')
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('status', 'varchar(16)', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'published', 'tender_launched', 'awarded', 'abandoned')`),
    )
    .addColumn('strategic_procurement', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(sql`strategic_procurement <@ array['env-imp', 'inn-pur', 'soc-obj', 'none']::text[]`),
    )
    .addColumn('green_procurement', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(
          sql`green_procurement <@ array['biodiv-eco', 'circ-econ', 'clim-adapt', 'clim-mitig', 'other', 'pollu-prev', 'water-mar']::text[]`,
        ),
    )
    .addColumn('social_procurement', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(
          sql`social_procurement <@ array['acc-all', 'et-eq', 'gen-eq', 'hum-right', 'opp', 'other', 'work-cond']::text[]`,
        ),
    )
    .addColumn('innovation_procurement', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{}'`)
        .check(sql`innovation_procurement <@ array['mar-nov', 'proc-innov', 'prod-innov', 'rd-act']::text[]`),
    )
    .addColumn('reserved_participation', 'varchar(12)', (c) =>
      c.check(sql`reserved_participation in ('none', 'res-ws', 'res-pub-ser')`),
    )
    .addColumn('reserved_article', 'varchar(10)', (c) =>
      c.check(sql`reserved_article in ('L2113-12', 'L2113-13', 'L2113-15')`),
    )
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('search_vector', sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('fr', coalesce(title, '')), 'A') || setweight(to_tsvector('fr', coalesce(need, '')), 'B')`,
        )
        .stored(),
    )
    .addCheckConstraint('purchase_projects_place_complete', sql`(place_kind is null) = (place_code is null)`)
    .execute();
  await db.schema
    .createIndex('purchase_projects_organisation_idx')
    .on('purchase_projects')
    .column('organisation_id')
    .execute();
  await sql`create unique index purchase_projects_reference_idx on purchase_projects (organisation_id, reference)
    where reference is not null`.execute(db);
  await sql`create index purchase_projects_public_idx on purchase_projects (published_at)
    where published_at is not null`.execute(db);
  await sql`create index purchase_projects_search_idx on purchase_projects using gin (search_vector)
    with (fastupdate = off)`.execute(db);

  await db.schema
    .createTable('project_lots')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('purchase_projects.id').onDelete('cascade'),
    )
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number between 1 and 999`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cpv_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('estimated_value', 'numeric(16, 2)', (c) => c.check(sql`estimated_value >= 0`))
    .addColumn('variants', 'varchar(12)', (c) =>
      c.check(sql`variants in ('allowed', 'not-allowed', 'required')`),
    )
    .addColumn('variant_minimum_requirements', 'text')
    .addColumn('variant_without_base_offer', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reserved_participation', 'varchar(12)', (c) =>
      c.check(sql`reserved_participation in ('none', 'res-ws', 'res-pub-ser')`),
    )
    .addColumn('reserved_article', 'varchar(10)', (c) =>
      c.check(sql`reserved_article in ('L2113-12', 'L2113-13', 'L2113-15')`),
    )
    .addColumn('award_criteria', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('project_lots_number_unique', ['project_id', 'number'])
    .execute();

  await db.schema
    .createTable('project_versions')
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('purchase_projects.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('changed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('diff', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_versions_pkey', ['project_id', 'version'])
    .execute();

  await db.schema
    .createTable('project_documents')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('project_id', 'integer', (c) =>
      c.notNull().references('purchase_projects.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`version >= 1`),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes > 0`))
    .addColumn('sha256', 'char(64)', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('visibility', 'varchar(10)', (c) =>
      c
        .notNull()
        .defaultTo('public')
        .check(sql`visibility in ('public', 'suppliers')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('replaced_by', 'integer', (c) => c.references('project_documents.id').onDelete('set null'))
    .execute();
  await db.schema
    .createIndex('project_documents_project_idx')
    .on('project_documents')
    .column('project_id')
    .execute();
}

/** Drops the four tables; the document files stay in the storage (an operator removes them by key). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('project_documents').execute();
  await db.schema.dropTable('project_versions').execute();
  await db.schema.dropTable('project_lots').execute();
  await db.schema.dropTable('purchase_projects').execute();
}
