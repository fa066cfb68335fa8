import {
  CommuneCode,
  communeName,
  departementName,
  departementOfCommune,
  DepartementCode,
  regionName,
  regionOfDepartement,
  RegionCode,
} from '../shared/index.ts';
import { isBlank, type FieldErrorBag, type Raw } from './field-readers.ts';
import { PLACE_KINDS, type Place, type PlaceKind } from './purchase-project.ts';

/**
 * The place of execution of a project: a commune, a département or a région of the COG (DECP
 * `lieuExecution` with `typeCode` « Code commune », « Code département », « Code région »). The département
 * and région are derived once, on save, so that the public list filters on them directly.
 */

/**
 * Reads a place from its kind and code.
 * @param errors the request's error bag (fields `placeKind`, `placeCode`)
 * @param kind 'commune' | 'departement' | 'region', or blank for no place
 * @param code COG code of that kind
 * @returns the place with its département and région, or null
 */
export function readPlace(errors: FieldErrorBag, kind: Raw, code: Raw): Place | null {
  if (isBlank(kind) && isBlank(code)) {
    return null;
  }
  if (!(PLACE_KINDS as readonly string[]).includes(String(kind))) {
    errors.add('placeKind', 'Choisissez le type de lieu d’exécution : commune, département ou région.');
    return null;
  }
  if (isBlank(code)) {
    errors.add(
      'placeCode',
      'Indiquez le code du lieu d’exécution (code INSEE de la commune, du département ou de la région).',
    );
    return null;
  }
  const text = String(code);
  switch (kind as PlaceKind) {
    case 'commune': {
      const parsed = CommuneCode.tryParse(text);
      if (!parsed.ok) {
        errors.add('placeCode', parsed.error.userMessage);
        return null;
      }
      if (communeName(parsed.value) === null) {
        errors.add(
          'placeCode',
          `La commune ${parsed.value} n’existe pas dans le code officiel géographique en vigueur.`,
        );
        return null;
      }
      const department = departementOfCommune(parsed.value);
      return {
        kind: 'commune',
        code: parsed.value,
        department,
        region: regionOfDepartement(department) || null,
      };
    }
    case 'departement': {
      const parsed = DepartementCode.tryParse(text);
      if (!parsed.ok) {
        errors.add('placeCode', parsed.error.userMessage);
        return null;
      }
      return {
        kind: 'departement',
        code: parsed.value,
        department: parsed.value,
        region: regionOfDepartement(parsed.value) || null,
      };
    }
    case 'region': {
      const parsed = RegionCode.tryParse(text);
      if (!parsed.ok) {
        errors.add('placeCode', parsed.error.userMessage);
        return null;
      }
      return { kind: 'region', code: parsed.value, department: null, region: parsed.value };
    }
  }
}

/**
 * The place in French.
 * @param place a place
 * @returns e.g. 'Rennes (35)', 'Ille-et-Vilaine (35)', 'Bretagne (région)'
 */
export function placeLabel(place: Place): string {
  switch (place.kind) {
    case 'commune':
      return `${communeName(place.code as CommuneCode) ?? place.code} (${place.department ?? ''})`;
    case 'departement':
      return `${departementName(place.code as DepartementCode)} (${place.code})`;
    case 'region':
      return `${regionName(place.code as RegionCode)} (région)`;
  }
}
