import { sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * What suppliers publish on Amont, added to their search documents (kind 'supplier') after the indexer
 * has written them from the open data, in the same transaction:
 * - the title and summary of each published solution, weight B (like the activity): in `tsv`, `tsv_head`
 *   (so the cheap pre-ranking sees them) and `tsv_exact`;
 * - the solutions' CPV codes, merged into `cpv_codes` with their prefixes and divisions recomputed (same
 *   rule as the indexer's `DERIVED_VALUES`), so « within this CPV code » finds them;
 * - `trl_levels`: the distinct TRL of the published solutions (facet « maturité »);
 * - `innovation_signals`: the signals of the supplier's profile (facet « signaux d’innovation »).
 * Only published solutions of active supplier organisations count: a draft, a suspended solution or a
 * suspended organisation adds nothing. Several organisations (establishments) of one SIREN add up.
 *
 * Call it inside the indexer's batch, after the documents are inserted; the domain commands' callers
 * refresh a supplier with `reindexSuppliers(db, [siren])` after each change.
 */

/** Separator between solutions in the indexed text (not a word: no position is shared across them). */
const SEPARATOR = ' ; ';

/**
 * Adds the published solutions and profile signals of a batch of suppliers to their documents.
 * @param trx the indexer's batch transaction
 * @param sirens the batch (9-digit SIRENs)
 * @returns how many documents changed
 */
export async function applyShowcaseFacts(trx: Transaction<Database>, sirens: string[]): Promise<number> {
  const result = await sql`
    with active_orgs as (
      select id, siren from organisations
       where siren = any(${sirens}::text[]) and status = 'active' and kind = 'supplier'),
    published as (
      select s.siren, s.id, s.title, s.summary, s.cpv_codes, s.trl
        from solutions s join active_orgs o on o.id = s.organisation_id
       where s.status = 'published'),
    solution_facts as (
      select siren, string_agg(title || '. ' || summary, ${SEPARATOR} order by id) as text,
             coalesce(array_agg(distinct trl order by trl) filter (where trl is not null), '{}') as trl_levels
        from published group by siren),
    solution_cpv as (
      select p.siren, array_agg(distinct c order by c) as cpv
        from published p cross join lateral unnest(p.cpv_codes) c group by p.siren),
    signals as (
      select o.siren, array_agg(distinct sig order by sig) as signals
        from active_orgs o join supplier_profiles sp on sp.organisation_id = o.id
             cross join lateral unnest(sp.innovation_signals) sig
       group by o.siren),
    facts as (
      select b.siren, f.text, coalesce(f.trl_levels, '{}') as trl_levels, coalesce(c.cpv, '{}') as cpv,
             coalesce(g.signals, '{}') as signals
        from (select siren from solution_facts union select siren from signals) b
        left join solution_facts f on f.siren = b.siren
        left join solution_cpv c on c.siren = b.siren
        left join signals g on g.siren = b.siren)
    update search_documents d set
      tsv = d.tsv || setweight(to_tsvector('fr', coalesce(f.text, '')), 'B'),
      tsv_head = d.tsv_head || setweight(to_tsvector('fr', coalesce(f.text, '')), 'B'),
      tsv_exact = d.tsv_exact || setweight(to_tsvector('fr_exact', coalesce(f.text, '')), 'B'),
      cpv_codes = array(select distinct c from unnest(d.cpv_codes || f.cpv) c order by c),
      cpv_prefixes = (
        select coalesce(array_agg(distinct left(p.prefix, n) order by left(p.prefix, n)), '{}')
          from (select amont_cpv_prefix(c) as prefix from unnest(d.cpv_codes || f.cpv) c) p,
               generate_series(2, length(p.prefix)) n
         where n = 2 or substr(p.prefix, n, 1) <> '0'),
      cpv_divisions = (select coalesce(array_agg(distinct left(c, 2) order by left(c, 2)), '{}')
                         from unnest(d.cpv_codes || f.cpv) c),
      trl_levels = f.trl_levels,
      innovation_signals = f.signals
    from facts f
    where d.kind = 'supplier' and d.siren = f.siren`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}
