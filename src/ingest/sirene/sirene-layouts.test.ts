import { describe, expect, it } from 'vitest';
import {
  NON_DIFFUSIBLE_NAME,
  detectSireneLayout,
  fillGaps,
  hasNonDiffusibleMask,
  mapEssNumeriqueEnriched,
  mapEtablissement,
  mapUniteLegale,
  type Field,
} from './sirene-layouts.ts';

/** A record given as column → value; absent columns read as ''. */
function record(values: Record<string, string>): Field {
  return (name) => values[name] ?? '';
}

describe('detectSireneLayout', () => {
  it('tells the three layouts apart from their headers', () => {
    expect(detectSireneLayout(['siren', 'statutDiffusionUniteLegale', 'denominationUniteLegale'])).toBe(
      'unites-legales',
    );
    expect(
      detectSireneLayout([
        'siren',
        'denominationUniteLegale',
        'nomUniteLegale',
        'sources',
        'methode_jointure',
      ]),
    ).toBe('unites-legales');
    expect(
      detectSireneLayout(['siren', 'nic', 'siret', 'statutDiffusionEtablissement', 'etablissementSiege']),
    ).toBe('etablissements');
    expect(detectSireneLayout(['siren', 'sources', 'denomination', 'code_postal', 'siret_siege'])).toBe(
      'ess-numerique-enriched',
    );
    expect(detectSireneLayout(['code_insee', 'nom'])).toBeNull();
  });
});

describe('mapUniteLegale', () => {
  it('maps a legal unit of the StockUniteLegale layout', () => {
    const mapped = mapUniteLegale(
      record({
        siren: '914994553',
        statutDiffusionUniteLegale: 'O',
        dateCreationUniteLegale: '2022-10-01',
        trancheEffectifsUniteLegale: 'NN',
        categorieEntreprise: 'PME',
        etatAdministratifUniteLegale: 'A',
        denominationUniteLegale: "SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF LE COMPTOIR CITOYEN",
        categorieJuridiqueUniteLegale: '5710',
        activitePrincipaleUniteLegale: '62.01Z',
        nomenclatureActivitePrincipaleUniteLegale: 'NAFRev2',
        nicSiegeUniteLegale: '00016',
        economieSocialeSolidaireUniteLegale: 'O',
      }),
    );
    expect(mapped).toEqual({
      ok: true,
      flags: [],
      value: {
        siren: '914994553',
        name: "SOCIÉTÉ COOPÉRATIVE D'INTÉRÊT COLLECTIF LE COMPTOIR CITOYEN",
        naf_code: '62.01Z',
        legal_category: '5710',
        employee_band: 'NN',
        size_category: 'PME',
        ess: true,
        diffusible: true,
        head_office_siret: '91499455300016',
        postal_code: null,
        commune_code: null,
        created_on: '2022-10-01',
        active: true,
      },
    });
  });

  it('reads what a poorer extract lacks as unknown (null), not as false', () => {
    const mapped = mapUniteLegale(
      record({ siren: '100029172', denominationUniteLegale: 'JUNIOR ISEN-MEDITERANNEE' }),
    );
    expect(mapped.ok && mapped.value).toMatchObject({
      ess: null,
      diffusible: null,
      active: null,
      size_category: null,
    });
  });

  it('hides the name of a natural person who refused diffusion', () => {
    const mapped = mapUniteLegale(
      record({
        siren: '123456782',
        statutDiffusionUniteLegale: 'P',
        prenom1UniteLegale: 'CLAIRE',
        nomUniteLegale: 'DURAND',
        categorieJuridiqueUniteLegale: '1000',
      }),
    );
    expect(mapped).toMatchObject({ ok: true, flags: ['flag.name_not_diffusible'] });
    expect(mapped.ok && mapped.value).toMatchObject({ name: NON_DIFFUSIBLE_NAME, diffusible: false });
    expect(JSON.stringify(mapped)).not.toContain('DURAND');
  });

  it('names a diffusible natural person by first name and usual last name', () => {
    const mapped = mapUniteLegale(
      record({
        siren: '987654324',
        statutDiffusionUniteLegale: 'O',
        prenom1UniteLegale: 'ÉLODIE',
        nomUniteLegale: 'LEFÈVRE',
        nomUsageUniteLegale: 'MARTIN',
        categorieJuridiqueUniteLegale: '1000',
      }),
    );
    expect(mapped.ok && mapped.value.name).toBe('ÉLODIE MARTIN');
  });

  it('takes INSEE\u2019s [ND] mask as non-diffusible when the file has no status column', () => {
    const masked = mapUniteLegale(
      record({ siren: '123456782', nomUniteLegale: '[ND]', prenom1UniteLegale: '[ND]' }),
      true,
    );
    expect(masked.ok && masked.value).toMatchObject({ name: NON_DIFFUSIBLE_NAME, diffusible: false });
    // A legal person keeps its name; only the diffusion status follows the mask.
    const legal = mapUniteLegale(
      record({ siren: '811742436', denominationUniteLegale: 'LOKTIS', nomUniteLegale: '[ND]' }),
      true,
    );
    expect(legal.ok && legal.value).toMatchObject({ name: 'LOKTIS', diffusible: false });
  });

  it('drops, and flags, activity codes that are not NAF rév. 2, without guessing', () => {
    const unknown = mapUniteLegale(
      record({ siren: '878345453', denominationUniteLegale: 'X', activitePrincipaleUniteLegale: '62.99Z' }),
    );
    expect(unknown).toMatchObject({ ok: true, flags: ['flag.naf_invalid'], value: { naf_code: null } });
    const rev1 = mapUniteLegale(
      record({
        siren: '309032589',
        denominationUniteLegale: 'X',
        activitePrincipaleUniteLegale: '72.2Z',
        nomenclatureActivitePrincipaleUniteLegale: 'NAFRev1',
      }),
    );
    expect(rev1).toMatchObject({ ok: true, flags: ['flag.naf_not_rev2'], value: { naf_code: null } });
    const compact = mapUniteLegale(
      record({ siren: '878345453', denominationUniteLegale: 'X', activitePrincipaleUniteLegale: '6202A' }),
    );
    expect(compact.ok && compact.value.naf_code).toBe('62.02A');
  });

  it('reads INSEE\u2019s 1900-01-01 creation date as unknown', () => {
    const mapped = mapUniteLegale(
      record({ siren: '309032589', denominationUniteLegale: 'X', dateCreationUniteLegale: '1900-01-01' }),
    );
    expect(mapped).toMatchObject({
      ok: true,
      flags: ['flag.created_on_unknown'],
      value: { created_on: null },
    });
    const invalid = mapUniteLegale(
      record({ siren: '309032589', denominationUniteLegale: 'X', dateCreationUniteLegale: '2021-02-30' }),
    );
    expect(invalid).toMatchObject({
      ok: true,
      flags: ['flag.created_on_invalid'],
      value: { created_on: null },
    });
  });

  it('rejects an invalid or empty SIREN and a unit without any name, with a French reason', () => {
    expect(mapUniteLegale(record({ siren: '914994554', denominationUniteLegale: 'X' }))).toEqual({
      ok: false,
      reason: "Le SIREN 914 994 554 n'est pas valide : la clé de contrôle ne correspond pas.",
    });
    expect(mapUniteLegale(record({ siren: '', denominationUniteLegale: 'X' }))).toEqual({
      ok: false,
      reason: 'Un SIREN comporte 9 chiffres ; la valeur est vide.',
    });
    expect(mapUniteLegale(record({ siren: '914994553' }))).toEqual({
      ok: false,
      reason: "L'unité légale 914994553 n'a ni dénomination ni nom.",
    });
  });
});

describe('mapEssNumeriqueEnriched', () => {
  it('repairs the float renderings of codes, which lose nothing but the ".0"', () => {
    const mapped = mapEssNumeriqueEnriched(
      record({
        siren: '923542633',
        methode_jointure: 'siren_direct',
        denomination: 'CYBERGRANGE',
        code_postal: '67100.0',
        naf: '62.02A',
        tranche_effectifs: 'NN',
        categorie_juridique: '9260.0',
        date_creation: '2023-04-27',
        est_active: 'True',
        flag_ess_sirene: 'True',
        categorie_entreprise: 'PME',
        siret_siege: '92354263300014',
      }),
    );
    expect(mapped).toEqual({
      ok: true,
      flags: ['flag.legal_category_repaired', 'flag.postal_code_repaired'],
      value: {
        siren: '923542633',
        name: 'CYBERGRANGE',
        naf_code: '62.02A',
        legal_category: '9260',
        employee_band: 'NN',
        size_category: 'PME',
        ess: true,
        diffusible: null,
        head_office_siret: '92354263300014',
        postal_code: '67100',
        commune_code: null,
        created_on: '2023-04-27',
        active: true,
      },
    });
    const leadingZero = mapEssNumeriqueEnriched(
      record({ siren: '923542633', denomination: 'X', code_postal: '7400.0' }),
    );
    expect(leadingZero.ok && leadingZero.value.postal_code).toBe('07400');
  });

  it('keeps an invalid NAF out (null, flagged), and an empty ESS flag unknown', () => {
    const mapped = mapEssNumeriqueEnriched(
      record({ siren: '790351910', denomination: 'SCIC MNEMOTIX', naf: '45.2R' }),
    );
    expect(mapped).toMatchObject({
      ok: true,
      flags: ['flag.naf_invalid'],
      value: { naf_code: null, ess: null },
    });
  });

  it('rejects a row whose SIREN was found by approximate name matching', () => {
    const mapped = mapEssNumeriqueEnriched(
      record({
        siren: '062201199',
        methode_jointure: 'scoring',
        confiance_jointure: '0.9',
        denomination: 'Le tiers lieu de carpentras',
      }),
    );
    expect(mapped).toEqual({
      ok: false,
      reason:
        "SIREN rattaché par rapprochement approximatif (scoring, confiance 0.9) : la dénomination ne vient pas de SIRENE, l'enregistrement n'est pas importé.",
    });
  });
});

describe('mapEtablissement', () => {
  it('maps a head-office establishment', () => {
    const mapped = mapEtablissement(
      record({
        siren: '914994553',
        siret: '91499455300016',
        statutDiffusionEtablissement: 'O',
        etablissementSiege: 'true',
        codePostalEtablissement: '35000',
        codeCommuneEtablissement: '35238',
        enseigne1Etablissement: 'LE COMPTOIR CITOYEN',
      }),
    );
    expect(mapped).toEqual({
      ok: true,
      flags: [],
      value: {
        siret: '91499455300016',
        siren: '914994553',
        head_office: true,
        name: 'LE COMPTOIR CITOYEN',
        postal_code: '35000',
        commune_code: '35238',
        diffusible: true,
      },
    });
  });

  it('drops the sign of a non-diffusible establishment and INSEE\u2019s [ND] values', () => {
    const mapped = mapEtablissement(
      record({
        siret: '12345678200010',
        statutDiffusionEtablissement: 'P',
        etablissementSiege: 'true',
        codePostalEtablissement: '[ND]',
        codeCommuneEtablissement: '69381',
        enseigne1Etablissement: 'CLAIRE DURAND CONSEIL',
      }),
    );
    expect(mapped).toMatchObject({
      ok: true,
      flags: ['flag.name_not_diffusible'],
      value: { name: null, postal_code: null, commune_code: '69381', diffusible: false },
    });
  });

  it('rejects a SIRET with a wrong key or belonging to another SIREN', () => {
    expect(mapEtablissement(record({ siret: '91499455300017' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('la clé de contrôle ne correspond pas'),
    });
    expect(mapEtablissement(record({ siren: '790351910', siret: '91499455300032' }))).toEqual({
      ok: false,
      reason: "Le SIRET 91499455300032 n'appartient pas au SIREN 790351910 indiqué sur la même ligne.",
    });
  });
});

describe('fillGaps and hasNonDiffusibleMask', () => {
  it('keeps the first values and takes only the gaps from the later record', () => {
    expect(fillGaps({ a: 1, b: null, c: 'x' }, { a: 2, b: 3, c: null })).toEqual({ a: 1, b: 3, c: 'x' });
  });

  it('spots INSEE\u2019s [ND] mask in any field', () => {
    expect(hasNonDiffusibleMask(['811742436', 'LOKTIS', '[ND]'])).toBe(true);
    expect(hasNonDiffusibleMask(['914994553', 'SCIC'])).toBe(false);
  });
});
