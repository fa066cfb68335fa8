import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../store/schema.ts';

/**
 * Read access to the communes imported in `communes` (INSEE COG with La Poste postal codes and
 * reference points, see ingest/cog/import-communes.ts): lookup by INSEE code, and the search behind
 * the commune autocomplete and the "within N km of a commune" filter.
 */

/** A commune, a municipal arrondissement (ARM) or a commune of an overseas collectivity (COM_OM). */
export interface Commune {
  /** INSEE code, e.g. '35238', '2A004', '75101'. */
  inseeCode: string;
  name: string;
  /** 'COM' | 'ARM' | 'COM_OM' */
  type: string;
  /** For an arrondissement, its commune (75101 → '75056'); otherwise null. */
  parentCode: string | null;
  /** Département, e.g. '35', '2A', '974', or the overseas collectivity, e.g. '987'. */
  departmentCode: string;
  /** INSEE région, e.g. '53'; null for the overseas collectivities. */
  regionCode: string | null;
  /** The smallest of its postal codes. */
  postalCode: string | null;
  /** All its postal codes, e.g. ['35000', '35200', '35700'] for Rennes. */
  postalCodes: string[];
  /** WGS84 reference point, degrees. */
  latitude: number;
  longitude: number;
  /** Municipal population (INSEE populations légales), when known. */
  population: number | null;
}

type Db = Kysely<Database> | Transaction<Database>;

function toCommune(row: {
  insee_code: string;
  name: string;
  type: string;
  parent_code: string | null;
  department_code: string;
  region_code: string | null;
  postal_code: string | null;
  postal_codes: string[];
  latitude: number;
  longitude: number;
  population: number | null;
}): Commune {
  return {
    inseeCode: row.insee_code,
    name: row.name,
    type: row.type,
    parentCode: row.parent_code,
    departmentCode: row.department_code,
    regionCode: row.region_code,
    postalCode: row.postal_code,
    postalCodes: row.postal_codes,
    latitude: row.latitude,
    longitude: row.longitude,
    population: row.population,
  };
}

/**
 * Finds a commune by its INSEE code.
 * @param db the store (or a transaction)
 * @param inseeCode e.g. '35238'; Corsica's letter may be lower case ('2a004')
 * @returns the commune, or null when the code is not in the store
 * @example await findCommune(db, '35238') // { name: 'Rennes', latitude: 48.11168, longitude: -1.681869, … }
 */
export async function findCommune(db: Db, inseeCode: string): Promise<Commune | null> {
  const row = await db
    .selectFrom('communes')
    .selectAll()
    .where('insee_code', '=', inseeCode.trim().toUpperCase())
    .executeTakeFirst();
  return row === undefined ? null : toCommune(row);
}

/**
 * A LIKE prefix pattern for a name: wildcards escaped, and any run of spaces, hyphens or apostrophes
 * matching one such character ('saint etienne' → 'saint_etienne%'). Folded in SQL by `amont_fold`,
 * which leaves these ASCII characters alone.
 */
function namePrefixPattern(query: string): string {
  return `${query.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/[\s'’-]+/g, '_')}%`;
}

/**
 * Searches communes for an autocomplete: by postal code or INSEE code when the text is digits (a prefix
 * of 2 to 5 characters, e.g. '350' or '2A0'), otherwise by name, accents and case ignored
 * (`amont_fold`), as a prefix ('saint etienne' finds 'Saint-Étienne') or a close word (trigram
 * word similarity, so 'rene' still finds 'Rennes').
 * Name matches that start with the text come first, then the most populated.
 * @param db the store (or a transaction)
 * @param text what the user typed; blank text gives no result
 * @param limit maximum number of communes, default 10
 * @returns the matching communes, best first
 * @example await searchCommunes(db, '35000') // [Rennes]
 */
export async function searchCommunes(db: Db, text: string, limit = 10): Promise<Commune[]> {
  const query = text.trim();
  if (query === '') {
    return [];
  }
  const max = Math.max(1, Math.min(limit, 100));
  if (/^(?:\d|2[AaBb])[\d]{1,4}$/.test(query) || /^\d{2,5}$/.test(query)) {
    const code = query.toUpperCase();
    const rows = await db
      .selectFrom('communes')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('insee_code', 'like', `${code}%`),
          sql<boolean>`exists (select 1 from unnest(communes.postal_codes) p where p like ${`${code}%`})`,
        ]),
      )
      .orderBy(sql`communes.insee_code = ${code} or ${code} = any(communes.postal_codes)`, 'desc')
      .orderBy(sql`communes.population`, (ob) => ob.desc().nullsLast())
      .orderBy('insee_code')
      .limit(max)
      .execute();
    return rows.map(toCommune);
  }
  const prefix = sql<boolean>`amont_fold(communes.name) like amont_fold(${namePrefixPattern(query)})`;
  const rows = await db
    .selectFrom('communes')
    .selectAll()
    .where((eb) => eb.or([prefix, sql<boolean>`amont_fold(${query}) <% amont_fold(communes.name)`]))
    .orderBy(prefix, 'desc')
    .orderBy(sql`communes.population`, (ob) => ob.desc().nullsLast())
    .orderBy(sql`word_similarity(amont_fold(${query}), amont_fold(communes.name))`, 'desc')
    .orderBy('insee_code')
    .limit(max)
    .execute();
  return rows.map(toCommune);
}

/**
 * Finds the communes whose name is exactly the given text, accents, case, hyphens and apostrophes ignored
 * ('saint denis' finds both Saint-Denis, 93066 and 97411). Homonyms are common (about 1 name in 10): the
 * caller must not pick one silently.
 * @param db the store (or a transaction)
 * @param name a commune name as typed; blank text gives no result
 * @param limit maximum number of communes, default 50
 * @returns the communes of that name, most populated first, then by INSEE code
 * @example await findCommunesByName(db, 'rennes') // [Rennes (35238)]
 */
export async function findCommunesByName(db: Db, name: string, limit = 50): Promise<Commune[]> {
  const query = name.trim();
  if (query === '') {
    return [];
  }
  const rows = await db
    .selectFrom('communes')
    .selectAll()
    .where(sql<boolean>`amont_fold(communes.name) like amont_fold(${namePrefixPattern(query).slice(0, -1)})`)
    .orderBy(sql`communes.population`, (ob) => ob.desc().nullsLast())
    .orderBy('insee_code')
    .limit(Math.max(1, Math.min(limit, 100)))
    .execute();
  return rows.map(toCommune);
}

/**
 * Finds several communes by INSEE code at once (e.g. the head offices of a page of results).
 * @param db the store (or a transaction)
 * @param inseeCodes codes as stored; duplicates and unknown codes are allowed
 * @returns the communes found, keyed by INSEE code
 */
export async function findCommunes(db: Db, inseeCodes: readonly string[]): Promise<Map<string, Commune>> {
  const codes = [...new Set(inseeCodes)];
  if (codes.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('communes')
    .selectAll()
    .where(sql<boolean>`insee_code = any(${codes}::text[])`)
    .execute();
  return new Map(rows.map((row) => [row.insee_code, toCommune(row)]));
}
