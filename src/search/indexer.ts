import { sql, type Kysely, type Transaction } from 'kysely';
import {
  CommuneCode,
  DepartementCode,
  departementOfCommune,
  NafCode,
  regionOfDepartement,
} from '../domain/shared/index.ts';
import type { Database } from '../store/schema.ts';
import { applyShowcaseFacts } from './showcase-facts.ts';
import { refreshFacetCache } from './postgres/facet-cache.ts';

/**
 * Builds the search documents from the store, set-based, in batches of suppliers (one transaction each,
 * so searches keep answering during a full rebuild, from the old or the new rows).
 *
 * A supplier's document (kind 'supplier'):
 * - name (SIRENE, else DECP `denominationSociale`), NAF code and its label (NAF rév. 2);
 * - the DECP `objet` of the contracts it holds as titulaire, distinct, most recently notified first, at
 *   most `MAX_CONTRACT_OBJECTS` (bounds the vector of the suppliers holding thousands of contracts);
 * - their CPV codes (`codeCPV`) and all the prefixes of their CPV ancestors;
 * - location: the head office's commune, its COG département and région and its reference point
 *   (`communes`), none at all for a unit that is not diffusible (SIRENE `statutDiffusionUniteLegale`);
 * - size: GE and ETI from SIRENE `categorieEntreprise`; TPE when `trancheEffectifsUniteLegale` is below 10
 *   salariés (NN, 00–03: microentreprise, décret n° 2008-1354, art. 3); PME from `categorieEntreprise` or a
 *   band of 10 to 249 salariés;
 * - ESS flag, number of contracts, and whether one is innovative (DECP 2022 `marcheInnovant`).
 * - what the supplier publishes on Amont: its published solutions (text weight B, CPV codes, TRL) and the
 *   innovation signals of its profile (`showcase-facts.ts`).
 * Closed units (`active = false`) are not indexed: they cannot answer a need any more.
 *
 * Call `reindexSuppliers` after an import with the SIRENs it touched; `reindexAll` rebuilds everything and
 * the typo lexicon. Both end by refreshing the empty query's counts (postgres/facet-cache.ts).
 */

/** Contract objects kept per supplier. */
export const MAX_CONTRACT_OBJECTS = 50;
/** Suppliers per transaction. */
export const DEFAULT_BATCH_SIZE = 2000;

/** What a reindex did. */
export interface ReindexReport {
  /** Documents written. */
  documents: number;
  /** Documents deleted and not rewritten (supplier gone or closed). */
  removed: number;
  /** Words in the typo lexicon afterwards. */
  lexiconWords: number;
  durationMs: number;
}

const SIREN = /^\d{9}$/;

/**
 * The columns of a document that PostgreSQL derives from its text and CPV codes, for a row source with the
 * columns `name`, `naf_label`, `contract_objects` and `cpv_codes` (text[] of 8-digit codes), followed by
 * `DERIVED_LATERAL`:
 * - `cpv_prefixes`: the significant digits of every code and of all its ancestors (« 45233141 » gives
 *   45, 452, 4523, 45233, 452331, 4523314, 45233141), sorted;
 * - `cpv_divisions`: their first 2 digits;
 * - `tsv` (`fr`, weights A name, B activity, C contract objects), `tsv_head` (A and B only) and
 *   `tsv_exact` (`fr_exact`, same weights).
 * Shared with the bulk loader of the benchmark (bench/search/), so both write identical documents.
 */
export const DERIVED_COLUMNS = sql`cpv_prefixes, cpv_divisions, tsv, tsv_head, tsv_exact`;
/** The values of `DERIVED_COLUMNS`, in that order. */
export const DERIVED_VALUES = sql`
  (select coalesce(array_agg(distinct left(p.prefix, n) order by left(p.prefix, n)), '{}')
     from (select amont_cpv_prefix(c) as prefix from unnest(cpv_codes) c) p, generate_series(2, length(p.prefix)) n
    where n = 2 or substr(p.prefix, n, 1) <> '0'),
  (select coalesce(array_agg(distinct left(c, 2) order by left(c, 2)), '{}') from unnest(cpv_codes) c),
  v.head || setweight(to_tsvector('fr', coalesce(contract_objects, '')), 'C'), v.head,
  setweight(to_tsvector('fr_exact', name), 'A') || setweight(to_tsvector('fr_exact', coalesce(naf_label, '')), 'B')
    || setweight(to_tsvector('fr_exact', coalesce(contract_objects, '')), 'C')`;
/** The head vector (name and activity), computed once per row for `DERIVED_VALUES`. */
export const DERIVED_LATERAL = sql`cross join lateral (
  select setweight(to_tsvector('fr', name), 'A') || setweight(to_tsvector('fr', coalesce(naf_label, '')), 'B') as head
) v`;

/** NAF labels and COG département/région of the batch, computed with the value objects. */
async function batchReferences(trx: Transaction<Database>, sirens: string[]) {
  const rows = await trx
    .selectFrom('suppliers')
    .select(['naf_code', 'commune_code'])
    .distinct()
    .where('siren', 'in', sirens)
    .execute();
  const naf = new Map<string, string>();
  const geo = new Map<string, { department: string; region: string | null }>();
  for (const row of rows) {
    const parsedNaf = row.naf_code === null ? null : NafCode.tryParse(row.naf_code);
    if (row.naf_code !== null && parsedNaf?.ok) {
      naf.set(row.naf_code, NafCode.label(parsedNaf.value));
    }
    const commune = row.commune_code === null ? null : CommuneCode.tryParse(row.commune_code);
    if (row.commune_code !== null && commune?.ok) {
      const department = DepartementCode.tryParse(departementOfCommune(commune.value));
      geo.set(row.commune_code, {
        department: departementOfCommune(commune.value),
        region: department.ok ? regionOfDepartement(department.value) || null : null,
      });
    }
  }
  return { naf, geo };
}

/** Rewrites the documents of one batch of suppliers. */
async function indexBatch(
  trx: Transaction<Database>,
  sirens: string[],
): Promise<{ written: number; deleted: number }> {
  const { naf, geo } = await batchReferences(trx, sirens);
  const deleted = await trx
    .deleteFrom('search_documents')
    .where('kind', '=', 'supplier')
    .where('siren', 'in', sirens)
    .executeTakeFirst();
  const inserted = await sql`
    insert into search_documents (kind, siren, name, naf_code, naf_label, contract_objects, cpv_codes, commune_code,
      department_code, region_code, latitude, longitude, size_category, ess, contract_count, has_contracts,
      has_innovative_contract, ${DERIVED_COLUMNS})
    with batch(siren) as (select unnest(${sirens}::text[])),
    naf(code, label) as (select * from unnest(${[...naf.keys()]}::text[], ${[...naf.values()]}::text[])),
    geo(commune_code, department_code, region_code) as (
      select * from unnest(${[...geo.keys()]}::text[], ${[...geo.values()].map((g) => g.department)}::text[],
                           ${[...geo.values()].map((g) => g.region)}::text[])),
    won as (
      select t.supplier_siren as siren, c.id, btrim(c.object) as object, c.cpv_code::text as cpv_code,
             c.innovative, c.notified_on
        from contract_titulaires t join contracts c on c.id = t.contract_id
       where t.supplier_siren = any(${sirens}::text[])),
    objects as (
      select siren, string_agg(object, ' ; ' order by rn) as text
        from (select siren, object,
                     row_number() over (partition by siren order by max(notified_on) desc nulls last, object) as rn
                from won where object is not null and object <> '' group by siren, object) o
       where rn <= ${MAX_CONTRACT_OBJECTS}
       group by siren),
    stats as (
      select siren, count(distinct id)::int as n, coalesce(bool_or(innovative), false) as innovative,
             coalesce(array_agg(distinct cpv_code) filter (where cpv_code is not null), '{}') as cpv_codes
        from won group by siren),
    docs as (
      select s.siren, s.name, s.naf_code, naf.label as naf_label, o.text as contract_objects,
             coalesce(st.cpv_codes, '{}') as cpv_codes,
             case when s.diffusible then s.commune_code end as commune_code,
             case when s.diffusible then coalesce(co.department_code, g.department_code) end as department_code,
             case when s.diffusible then coalesce(co.region_code, g.region_code) end as region_code,
             case when s.diffusible then co.latitude end as latitude,
             case when s.diffusible then co.longitude end as longitude,
             case when s.size_category in ('GE', 'ETI') then s.size_category
                  when s.employee_band in ('NN', '00', '01', '02', '03') then 'TPE'
                  when s.size_category = 'PME' or s.employee_band in ('11', '12', '21', '22', '31') then 'PME'
             end as size_category,
             coalesce(s.ess, false) as ess, coalesce(st.n, 0) as contract_count,
             coalesce(st.innovative, false) as innovative
        from suppliers s
        join batch b on b.siren = s.siren
        left join naf on naf.code = s.naf_code
        left join geo g on g.commune_code = s.commune_code
        left join communes co on co.insee_code = s.commune_code
        left join objects o on o.siren = s.siren
        left join stats st on st.siren = s.siren
       where s.active is not false)
    select 'supplier', siren, name, naf_code, naf_label, contract_objects, cpv_codes, commune_code, department_code,
           region_code, latitude, longitude, size_category, ess, contract_count, contract_count > 0, innovative,
           ${DERIVED_VALUES}
      from docs ${DERIVED_LATERAL}`.execute(trx);
  await applyShowcaseFacts(trx, sirens);
  const written = Number(inserted.numAffectedRows ?? 0n);
  return { written, deleted: Math.max(0, Number(deleted.numDeletedRows) - written) };
}

/** Words of the folded, unstemmed vectors (letters only, 3 or more), with their stem and frequency. */
const LEXICON_COLUMNS = sql`word, (ts_lexize('french_stem', word))[1], ndoc`;
const LEXICON_WORD = sql`word ~ '^[a-z]{3,}$'`;

async function lexiconSize(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('search_lexicon')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Rebuilds the typo lexicon (`search_lexicon`) from every document's exact vector.
 * @param trx a transaction (the lexicon is emptied first)
 */
export async function rebuildLexicon(trx: Transaction<Database>): Promise<void> {
  await trx.deleteFrom('search_lexicon').execute();
  await sql`insert into search_lexicon (word, stem, ndoc)
    select ${LEXICON_COLUMNS} from ts_stat('select tsv_exact from search_documents') where ${LEXICON_WORD}`.execute(
    trx,
  );
}

/**
 * Rebuilds the search documents of every supplier, removes those of suppliers gone or closed, and
 * rebuilds the typo lexicon.
 * @param db the store
 * @param options `batchSize`: suppliers per transaction (default 2000)
 * @returns counts and duration
 */
export async function reindexAll(
  db: Kysely<Database>,
  options: { batchSize?: number } = {},
): Promise<ReindexReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let documents = 0;
  let removed = 0;
  let after = '';
  for (;;) {
    const batch = await db
      .selectFrom('suppliers')
      .select('siren')
      .where('siren', '>', after)
      .orderBy('siren')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) {
      break;
    }
    const sirens = batch.map((row) => row.siren);
    const counts = await db.transaction().execute((trx) => indexBatch(trx, sirens));
    documents += counts.written;
    removed += counts.deleted;
    after = sirens[sirens.length - 1] ?? after;
  }
  await db.transaction().execute(async (trx) => {
    const orphans = await sql`delete from search_documents d where d.kind = 'supplier'
      and not exists (select 1 from suppliers s where s.siren = d.siren and s.active is not false)`.execute(
      trx,
    );
    removed += Number(orphans.numAffectedRows ?? 0n);
    await rebuildLexicon(trx);
    await refreshFacetCache(trx);
  });
  return { documents, removed, lexiconWords: await lexiconSize(db), durationMs: performance.now() - started };
}

/**
 * Rebuilds the documents of some suppliers (after an import touched them) and adds their words to the
 * lexicon. A SIREN absent from `suppliers` (or closed) loses its document. Words of removed documents stay
 * in the lexicon until the next `reindexAll`: a correction may then find nothing, never something wrong.
 * @param db the store
 * @param sirens SIRENs (9 digits; others are ignored), any number
 * @returns counts and duration
 */
export async function reindexSuppliers(db: Kysely<Database>, sirens: string[]): Promise<ReindexReport> {
  const started = performance.now();
  const valid = [...new Set(sirens.filter((siren) => SIREN.test(siren)))];
  let documents = 0;
  let removed = 0;
  for (let start = 0; start < valid.length; start += DEFAULT_BATCH_SIZE) {
    const batch = valid.slice(start, start + DEFAULT_BATCH_SIZE);
    const counts = await db.transaction().execute(async (trx) => {
      const result = await indexBatch(trx, batch);
      await sql`insert into search_lexicon (word, stem, ndoc)
        select ${LEXICON_COLUMNS}
          from ts_stat(format('select tsv_exact from search_documents where kind = %L and siren = any(%L::text[])',
                              'supplier', ${batch}::text[]))
         where ${LEXICON_WORD}
        on conflict (word) do nothing`.execute(trx);
      return result;
    });
    documents += counts.written;
    removed += counts.deleted;
  }
  await refreshFacetCache(db);
  return { documents, removed, lexiconWords: await lexiconSize(db), durationMs: performance.now() - started };
}
