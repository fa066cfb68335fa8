import type { Prng } from './prng.ts';

/**
 * Plausible, fictional company names in SIRENE's style (upper case, legal form words, family names,
 * trades taken from the company's NAF label, places). No real company is meant.
 */

const FAMILY_NAMES = [
  'MARTIN',
  'BERNARD',
  'THOMAS',
  'PETIT',
  'ROBERT',
  'RICHARD',
  'DURAND',
  'DUBOIS',
  'MOREAU',
  'LAURENT',
  'SIMON',
  'MICHEL',
  'LEFEBVRE',
  'LEROY',
  'ROUX',
  'DAVID',
  'BERTRAND',
  'MOREL',
  'FOURNIER',
  'GIRARD',
  'BONNET',
  'DUPONT',
  'LAMBERT',
  'FONTAINE',
  'ROUSSEAU',
  'VINCENT',
  'MULLER',
  'LEFEVRE',
  'FAURE',
  'ANDRE',
  'MERCIER',
  'BLANC',
  'GUERIN',
  'BOYER',
  'GARNIER',
  'CHEVALIER',
  'FRANCOIS',
  'LEGRAND',
  'GAUTHIER',
  'GARCIA',
  'PERRIN',
  'ROBIN',
  'CLEMENT',
  'MORIN',
  'NICOLAS',
  'HENRY',
  'ROUSSEL',
  'MATHIEU',
  'GAUTIER',
  'MASSON',
  'MARCHAND',
  'DUVAL',
  'DENIS',
  'DUMONT',
  'MARIE',
  'LEMAIRE',
  'NOEL',
  'MEYER',
  'DUFOUR',
  'MEUNIER',
  'BRUN',
  'BLANCHARD',
  'GIRAUD',
  'JOLY',
  'RIVIERE',
  'LUCAS',
  'BRUNET',
  'GAILLARD',
  'BARBIER',
  'ARNAUD',
  'LE GALL',
  'KERGOAT',
  'LE ROUX',
  'TANGUY',
  'ETCHEVERRY',
  'OLIVIER',
  'PICARD',
  'RENAUD',
  'SCHMITT',
  'COLIN',
];
const FIRST_NAMES = [
  'JEAN',
  'MARIE',
  'PIERRE',
  'NATHALIE',
  'MICHEL',
  'ISABELLE',
  'PHILIPPE',
  'SYLVIE',
  'ALAIN',
  'CATHERINE',
  'NICOLAS',
  'SOPHIE',
  'JULIEN',
  'CELINE',
  'THOMAS',
  'AURELIE',
  'KEVIN',
  'LAURA',
  'YANN',
  'NOLWENN',
];
const LEGAL_FORMS = ['SARL', 'SAS', 'SASU', 'EURL', 'SA', 'SCOP', 'SELARL'];
const BRANDS = [
  'ATLANTIQUE',
  'OCEANE',
  'ALPES',
  'PROVENCE',
  'ARMOR',
  'ARMORIQUE',
  'AQUITAINE',
  'LOIRE',
  'RHONE',
  'NORD',
  'AZUR',
  'HORIZON',
  'NOVA',
  'ALPHA',
  'ECO',
  'BIO',
  'TECHNI',
  'PRO',
  'EURO',
  'INTER',
  'ARTIS',
  'OPTIMA',
];
const SECTOR_WORDS = [
  'SERVICES',
  'CONSEIL',
  'INGENIERIE',
  'SOLUTIONS',
  'TECHNOLOGIES',
  'SYSTEMES',
  'ENVIRONNEMENT',
  'BATIMENT',
  'ENERGIES',
  'DISTRIBUTION',
  'EQUIPEMENTS',
  'MAINTENANCE',
  'INDUSTRIE',
  'LOGISTIQUE',
  'NUMERIQUE',
  'HABITAT',
];
const SYLLABLES = [
  'SO',
  'GE',
  'TRA',
  'VEC',
  'MA',
  'TEC',
  'BA',
  'RI',
  'CO',
  'LOR',
  'DI',
  'NOR',
  'PA',
  'TEX',
  'SI',
  'VAL',
];
const SMALL_WORDS = new Set([
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'et',
  'en',
  'au',
  'aux',
  'pour',
  'sauf',
  'autres',
  'non',
]);

/** The trade words of a NAF label: its nouns of 5 letters or more, upper case, accents removed. */
export function tradeWords(label: string): string[] {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length >= 5 && !SMALL_WORDS.has(word.toLowerCase()))
    .map((word) => word.toUpperCase());
}

function acronym(prng: Prng): string {
  const n = prng.int(2, 4);
  return Array.from({ length: n }, () => prng.pick(SYLLABLES)).join('');
}

/**
 * A company name.
 * @param prng the document's generator
 * @param nafLabel its activity label (trade words are taken from it), or null
 * @param place a commune name for « … DE RENNES », or null
 */
export function companyName(prng: Prng, nafLabel: string | null, place: string | null): string {
  const trades = nafLabel === null ? [] : tradeWords(nafLabel);
  const trade = trades.length > 0 ? prng.pick(trades) : prng.pick(SECTOR_WORDS);
  const family = prng.pick(FAMILY_NAMES);
  const pattern = prng.int(0, 9);
  switch (pattern) {
    case 0:
      return `${prng.pick(LEGAL_FORMS)} ${family}`;
    case 1:
      return `${prng.pick(FIRST_NAMES)} ${family}`;
    case 2:
      return `ETABLISSEMENTS ${family}${prng.chance(0.3) ? ' ET FILS' : ''}`;
    case 3:
    case 4:
      return `${trade} ${family}`;
    case 5:
      return place === null ? `${trade} ${prng.pick(BRANDS)}` : `${trade} DE ${place.toUpperCase()}`;
    case 6:
      return `${prng.pick(BRANDS)} ${prng.pick(SECTOR_WORDS)}`;
    case 7:
      return `${acronym(prng)}${prng.chance(0.4) ? ` ${prng.pick(SECTOR_WORDS)}` : ''}`;
    case 8:
      return `${acronym(prng)} ${trade}`;
    default:
      return `${family} ${trade}${prng.chance(0.5) ? ` ${prng.pick(LEGAL_FORMS)}` : ''}`;
  }
}
