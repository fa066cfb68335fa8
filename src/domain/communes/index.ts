/**
 * Public surface of the communes context (INSEE COG reads): lookups, the autocomplete search and the
 * resolution of a commune typed by a user. Other contexts import from here.
 */
export {
  findCommune,
  findCommunes,
  findCommunesByName,
  searchCommunes,
  type Commune,
} from './commune.repository.ts';
export {
  communeLabel,
  MAX_COMMUNE_CANDIDATES,
  resolveCommune,
  type CommuneResolution,
} from './resolve-commune.ts';
