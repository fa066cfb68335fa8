import {
  departementName,
  DepartementCode,
  regionName,
  RegionCode,
  type IsoDate,
} from '../../../domain/shared/index.ts';
import { excelCsv, type CsvCell } from '../../excel-csv.ts';
import type { SearchExtract } from '../../search-run.ts';

/**
 * The CSV export of a search (`/recherche.csv`): its first `EXPORT_CAP` results in ranking order, one row
 * per supplier, French headers, for Excel FR (see excel-csv.ts).
 */

/** Most rows in an export; the file name says when the list was cut. */
export const EXPORT_CAP = 5000;

const YES_NO = (value: boolean) => (value ? 'oui' : 'non');

/**
 * The file name of an export, dated (Europe/Paris) and saying when the list was cut.
 * @param today the day of the export
 * @param total the number of matching suppliers
 * @param rows the number of rows written
 * @param totalIsLowerBound true when the engine counted only part of the matches (« plus de … »)
 * @returns e.g. 'amont-recherche-2026-12-01.csv', 'amont-recherche-2026-12-01-5000-premiers-sur-12345.csv',
 *   or 'amont-recherche-2026-12-01-5000-premiers.csv' when the total is a lower bound
 */
export function exportFileName(
  today: IsoDate,
  total: number,
  rows: number,
  totalIsLowerBound = false,
): string {
  if (totalIsLowerBound && rows <= total) {
    return `amont-recherche-${today}-${rows}-premiers.csv`;
  }
  return rows < total
    ? `amont-recherche-${today}-${rows}-premiers-sur-${total}.csv`
    : `amont-recherche-${today}.csv`;
}

function departmentText(code: string | null): string | null {
  if (code === null) {
    return null;
  }
  const parsed = DepartementCode.tryParse(code);
  return parsed.ok ? departementName(parsed.value) : null;
}

function regionText(code: string | null): string | null {
  if (code === null) {
    return null;
  }
  const parsed = RegionCode.tryParse(code);
  return parsed.ok ? regionName(parsed.value) : null;
}

/**
 * Writes the export.
 * @param extract the results (with the communes of their head offices)
 * @param options `withDistance` adds the « Distance (km) » column (search around a commune); `origin` is
 *   the site's address for the link to each supplier, e.g. 'https://amont.example'
 * @returns the file content (UTF-8 with BOM, `;`, CRLF)
 */
export function searchCsv(
  extract: SearchExtract,
  options: { withDistance: boolean; origin: string },
): string {
  const id = (value: string | null): CsvCell => (value === null ? null : { id: value });
  const header = [
    'SIREN',
    'Nom',
    'Code NAF',
    'Activité principale (NAF)',
    'Code commune INSEE',
    'Commune',
    'Code département',
    'Département',
    'Région',
    'Taille',
    'ESS',
    'Marchés publics remportés',
    'A remporté un marché innovant',
    ...(options.withDistance ? ['Distance (km)'] : []),
    'Score de pertinence',
    'Fiche Amont',
  ];
  const rows = extract.results.map((result): CsvCell[] => [
    { id: result.siren },
    result.name,
    id(result.nafCode),
    result.nafLabel,
    id(result.communeCode),
    result.communeCode === null ? null : (extract.communes.get(result.communeCode)?.name ?? null),
    id(result.departmentCode),
    departmentText(result.departmentCode),
    regionText(result.regionCode),
    result.sizeCategory,
    YES_NO(result.ess),
    result.contractCount,
    YES_NO(result.hasInnovativeContract),
    ...(options.withDistance ? [result.distanceKm ?? null] : []),
    result.score,
    `${options.origin}/fournisseurs/${result.siren}`,
  ]);
  return excelCsv(header, rows);
}
