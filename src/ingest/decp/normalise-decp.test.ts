import { describe, expect, it } from 'vitest';
import type { DecpRawRecord } from './decp-read-item.ts';
import { normaliseDecpRecord, unwrapList, type NormalisedContract } from './normalise-decp.ts';
import { canonicalJson, contentHash, resolveCpv, versionSignature } from './decp-identity.ts';
import { decodeHtmlText } from './decp-values.ts';

type Read = Pick<DecpRawRecord, 'value' | 'container' | 'syntax' | 'readerFlags'>;

function read(value: unknown, extra: Partial<Read> = {}): Read {
  return { value, container: null, syntax: 'json', readerFlags: [], ...extra };
}

function normalise(value: unknown, extra: Partial<Read> = {}): NormalisedContract {
  const result = normaliseDecpRecord(read(value, extra), { fileSource: 'fichier.json' });
  if (!result.ok) {
    throw new Error(`rejected: ${result.reason}`);
  }
  return result.contract;
}

/** A real record of e-marchespublics.json (DECP 2019). */
const SDIS = {
  id: '2018MA181101',
  source: 'e-marchespublics',
  acheteur: { id: '28850001000013', nom: 'SDIS de la Vendée' },
  nature: 'Accord-cadre',
  objet: "Installation et maintenance d'équipements de transmissions sur les véhicules du SDIS de la Vendée",
  codeCPV: '45314000',
  procedure: 'Procédure adaptée',
  lieuExecution: { code: '85', typeCode: 'Code département', nom: 'Direction du SDIS de la Vendée' },
  dureeMois: 12,
  dateNotification: '2018-12-03',
  datePublicationDonnees: '2018-12-07',
  montant: 80000,
  formePrix: 'Révisable',
  titulaires: [
    { typeIdentifiant: 'SIRET', id: '82746233400018', denominationSociale: 'SAS SHOW VISION ACRO' },
  ],
  modifications: [],
  _type: 'Marché',
};

const base = { id: 'X-1', acheteur: { id: '28850001000013' } };

describe('normaliseDecpRecord', () => {
  it('maps a clean 2019 record onto every stored field, with no flag', () => {
    expect(normalise(SDIS)).toEqual({
      buyer: { siret: '28850001000013', siretValid: true, name: 'SDIS de la Vendée' },
      decpId: '2018MA181101',
      uid: null,
      kind: 'marche',
      format: 'decp-2019',
      nature: 'Accord-cadre',
      object:
        "Installation et maintenance d'équipements de transmissions sur les véhicules du SDIS de la Vendée",
      cpv: { code: '45314000', checkDigit: null },
      cpvCode: null,
      procedure: 'Procédure adaptée',
      placeCode: '85',
      placeType: 'Code département',
      placeName: 'Direction du SDIS de la Vendée',
      durationMonths: 12,
      initialDurationMonths: 12,
      amount: 80000,
      initialAmount: 80000,
      priceForm: 'Révisable',
      notifiedOn: '2018-12-03',
      publishedOn: '2018-12-07',
      innovative: null,
      socialConsiderations: null,
      environmentalConsiderations: null,
      hasSocialConsideration: null,
      hasEnvironmentalConsideration: null,
      ccag: null,
      offersReceived: null,
      source: 'e-marchespublics',
      sourceFromFile: false,
      titulaires: [
        {
          identifierType: 'SIRET',
          identifier: '82746233400018',
          name: 'SAS SHOW VISION ACRO',
          siret: '82746233400018',
          supplierSiren: '827462334',
        },
      ],
      modifications: [],
      flags: [],
      raw: SDIS,
    });
  });

  it('rejects what cannot be keyed, with a French reason', () => {
    const reject = (value: unknown) => {
      const r = normaliseDecpRecord(read(value), { fileSource: 'f.json' });
      return r.ok ? 'ok' : [r.code, r.reason];
    };
    expect(reject(42)).toEqual([
      'not_an_object',
      "L'enregistrement n'est pas un objet mais un nombre : il ne décrit aucun marché.",
    ]);
    expect(reject([base])).toEqual(['not_an_object', expect.stringContaining('une liste')]);
    expect(reject(null)).toEqual(['not_an_object', expect.stringContaining('null')]);
    expect(reject({ id: 'X' })).toEqual([
      'buyer_missing',
      "Identifiant de l'acheteur absent (champ acheteur.id) : le marché ne peut pas être rattaché.",
    ]);
    expect(reject({ id: 'X', acheteur: { id: 'NC' } })[0]).toBe('buyer_missing');
    expect(reject({ id: 'X', _type: 'Contrat de concession', autoriteConcedante: {} })).toEqual([
      'buyer_missing',
      expect.stringContaining('autoriteConcedante.id'),
    ]);
    expect(reject({ id: 'X', acheteur: { id: '288500010000130' } })[0]).toBe('buyer_id_too_long');
    expect(reject({ acheteur: { id: '28850001000013' } })).toEqual([
      'id_missing',
      'Identifiant du marché absent (champ id).',
    ]);
    expect(reject({ id: ' ', acheteur: { id: '28850001000013' } })[0]).toBe('id_missing');
  });

  it('keeps a buyer whose SIRET fails the key check, flagged', () => {
    const c = normalise({ ...base, acheteur: { id: '216 901 165 00015', nom: 'Commune' } });
    expect(c.buyer).toEqual({ siret: '21690116500015', siretValid: false, name: 'Commune' });
    expect(c.flags).toEqual(['buyer_siret_invalid', 'titulaires_missing']);
  });

  it('nulls impossible years and unreadable dates, and reads dates with an offset', () => {
    const c = normalise({
      ...base,
      dateNotification: '0218-10-29',
      datePublicationDonnees: '2019-01-15+01:00',
    });
    expect([c.notifiedOn, c.publishedOn]).toEqual([null, '2019-01-15']);
    expect(c.flags).toContain('notified_on_out_of_range');
    const d = normalise({ ...base, dateNotification: '2019-02-30', datePublicationDonnees: '2918-01-01' });
    expect([d.notifiedOn, d.publishedOn]).toEqual([null, null]);
    expect(d.flags).toEqual(['notified_on_invalid', 'published_on_out_of_range', 'titulaires_missing']);
    expect(normalise({ ...base, dateNotification: 'NC' }).flags).toContain('notified_on_invalid');
    expect(normalise({ ...base, dateNotification: '2018-11-29-04:00' }).notifiedOn).toBe('2018-11-29');
  });

  it('reads amounts written as numbers, numeric strings or French text, and nulls the rest', () => {
    const amount = (montant: unknown) => {
      const c = normalise({ ...base, montant });
      return [c.amount, c.flags.includes('amount_invalid')];
    };
    expect(amount(80000)).toEqual([80000, false]);
    expect(amount(33136.63)).toEqual([33136.63, false]);
    expect(amount('12500.50')).toEqual([12500.5, false]);
    expect(amount('80 000,50 €')).toEqual([80000.5, false]);
    expect(amount(0)).toEqual([0, false]);
    expect(amount(undefined)).toEqual([null, false]);
    expect(amount(null)).toEqual([null, false]);
    for (const bad of ['NC', 'NaN', '', '1.234', -5000, true, { valeur: 1 }]) {
      expect(amount(bad)).toEqual([null, true]);
    }
  });

  it('reads durations and offer counts as whole numbers only', () => {
    const duration = (dureeMois: unknown) => {
      const c = normalise({ ...base, dureeMois });
      return [c.durationMonths, c.flags.includes('duration_invalid')];
    };
    expect(duration(12)).toEqual([12, false]);
    expect(duration('12')).toEqual([12, false]);
    expect(duration('12 mois')).toEqual([12, false]);
    for (const bad of [1.5, 'NaN', 'douze', -1, 5000, '']) {
      expect(duration(bad)).toEqual([null, true]);
    }
    expect(normalise({ ...base, offresRecues: '4' }).offersReceived).toBe(4);
    expect(normalise({ ...base, offresRecues: 'NC' }).flags).toContain('offers_received_invalid');
  });

  it('reads booleans written as text, and flags what is not one', () => {
    const innovative = (marcheInnovant: unknown) => {
      const c = normalise({ ...base, marcheInnovant });
      return [c.innovative, c.flags.includes('innovative_invalid')];
    };
    for (const yes of [true, 'true', 'TRUE', 'oui', 'Oui', '1', 1]) {
      expect(innovative(yes)).toEqual([true, false]);
    }
    for (const no of [false, 'false', 'non', '0', 0]) {
      expect(innovative(no)).toEqual([false, false]);
    }
    expect(innovative('peut-être')).toEqual([null, true]);
    expect(innovative(undefined)).toEqual([null, false]);
  });

  it('maps enumerations onto their canonical labels and flags unknown ones', () => {
    const c = normalise({
      ...base,
      procedure: 'Procedure adaptee',
      nature: 'accord cadre',
      formePrix: 'revisable',
      ccag: 'maitrise d’oeuvre',
      lieuExecution: { code: 85, typeCode: 'CODE DEPARTEMENT', nom: 'Vendée' },
    });
    expect([c.procedure, c.nature, c.priceForm, c.ccag, c.placeCode, c.placeType]).toEqual([
      'Procédure adaptée',
      'Accord-cadre',
      'Révisable',
      "Maitrise d'œuvre",
      '85',
      'Code département',
    ]);
    const d = normalise({
      ...base,
      procedure: 'Procédure imaginaire',
      nature: 'Bail',
      lieuExecution: { typeCode: 'Code lune' },
    });
    expect([d.procedure, d.nature, d.placeType]).toEqual([null, null, null]);
    expect(d.flags).toEqual([
      'nature_unknown',
      'place_type_unknown',
      'procedure_unknown',
      'titulaires_missing',
    ]);
  });

  it('blanks placeholders in texts', () => {
    const c = normalise({ ...base, objet: 'NC', acheteur: { id: '28850001000013', nom: '' } });
    expect([c.object, c.buyer.name]).toEqual([null, null]);
    expect(c.flags).toContain('object_invalid');
  });

  it('checks the shape of the CPV code, with or without check digit', () => {
    expect(normalise({ ...base, codeCPV: '45314000-1' }).cpv).toEqual({ code: '45314000', checkDigit: '1' });
    expect(normalise({ ...base, codeCPV: 45000000 }).cpv).toEqual({ code: '45000000', checkDigit: null });
    for (const bad of ['4543100-7', '031210005', '', 'NC']) {
      const c = normalise({ ...base, codeCPV: bad });
      expect([c.cpv, c.flags.includes('cpv_invalid')]).toEqual([null, true]);
    }
  });

  it('reads holders as a list or a lone object, links valid SIRETs and keeps the others', () => {
    const lone = normalise({
      ...base,
      titulaires: { typeIdentifiant: 'SIRET', id: '42399908500057', denominationSociale: 'OVIVE' },
    });
    expect(lone.titulaires.map((t) => t.supplierSiren)).toEqual(['423999085']);
    const c = normalise({
      ...base,
      titulaires: [
        { typeIdentifiant: 'SIRET', id: '82746233400019', denominationSociale: 'Clé fausse' },
        { typeIdentifiant: 'SIRET', id: '827462334', denominationSociale: 'SIREN seul' },
        { typeIdentifiant: 'tva', id: 'DE 243659508', denominationSociale: 'Bender GmbH' },
        { id: '48242583200011', denominationSociale: 'true' },
        { typeIdentifiant: 'SIRENE', id: '48242583200011' },
        'pas un objet',
      ],
    });
    expect(c.titulaires).toEqual([
      {
        identifierType: 'SIRET',
        identifier: '82746233400019',
        name: 'Clé fausse',
        siret: null,
        supplierSiren: null,
      },
      {
        identifierType: 'SIRET',
        identifier: '827462334',
        name: 'SIREN seul',
        siret: null,
        supplierSiren: '827462334',
      },
      {
        identifierType: 'TVA',
        identifier: 'DE243659508',
        name: 'Bender GmbH',
        siret: null,
        supplierSiren: null,
      },
      {
        identifierType: null,
        identifier: '48242583200011',
        name: null,
        siret: '48242583200011',
        supplierSiren: '482425832',
      },
      {
        identifierType: 'SIRENE',
        identifier: '48242583200011',
        name: null,
        siret: null,
        supplierSiren: null,
      },
    ]);
    expect(c.flags).toEqual([
      'titulaire_id_invalid',
      'titulaire_invalid',
      'titulaire_name_invalid',
      'titulaire_siret_is_siren',
      'titulaire_type_unknown',
    ]);
  });

  it('applies modifications in order: latest amount, duration and holders; the initial values stay', () => {
    const c = normalise({
      ...base,
      montant: 100000,
      dureeMois: 12,
      titulaires: [{ typeIdentifiant: 'SIRET', id: '42399908500057', denominationSociale: 'OVIVE' }],
      modifications: [
        { objetModification: 'Avenant 1', montant: 120000.5, dateNotificationModification: '2019-01-29' },
        { objetModification: 'Avenant 2', dureeMois: 18, montant: 'NC' },
        {
          objetModification: 'Avenant 3',
          titulaires: [{ typeIdentifiant: 'SIRET', id: '48242583200011', denominationSociale: 'NORENVERT' }],
        },
        'pas un objet',
        { objetModification: 'Avenant 5', titulaires: [] },
      ],
    });
    expect([c.amount, c.initialAmount, c.durationMonths, c.initialDurationMonths]).toEqual([
      120000.5, 100000, 18, 12,
    ]);
    expect(c.titulaires.map((t) => t.name)).toEqual(['NORENVERT']);
    expect(
      c.modifications.map((m) => [
        m.position,
        m.object,
        m.amount,
        m.durationMonths,
        m.titulaires?.length ?? null,
      ]),
    ).toEqual([
      [1, 'Avenant 1', 120000.5, null, null],
      [2, 'Avenant 2', null, 18, null],
      [3, 'Avenant 3', null, null, 1],
      [5, 'Avenant 5', null, null, null],
    ]);
    expect(c.modifications[0]?.notifiedOn).toBe('2019-01-29');
    expect(c.flags).toEqual(['modification_amount_invalid', 'modification_invalid']);
  });

  it('reads the 2022 shapes: wrapped holders and modifications, considerations, format and kind', () => {
    const c = normalise(
      {
        id: 'TEST2022',
        acheteur: { id: '21750001630066' },
        marcheInnovant: true,
        ccag: 'Travaux',
        offresRecues: 4,
        considerationsSociales: { considerationSociale: ['Clause sociale', 'Critère social'] },
        considerationsEnvironnementales: {
          considerationEnvironnementale: ['Pas de considération environnementale'],
        },
        titulaires: [{ titulaire: { id: '55204599900869', typeIdentifiant: 'SIRET' } }],
        montant: 575000,
        modifications: [
          {
            modification: {
              id: 1,
              montant: 123457.87,
              titulaires: [{ titulaire: { id: '868768687576575', typeIdentifiant: 'SIRET' } }],
              datePublicationDonneesModification: '2022-10-20',
            },
          },
        ],
      },
      { container: 'marche' },
    );
    expect([c.format, c.kind, c.innovative, c.ccag, c.offersReceived]).toEqual([
      'decp-2022',
      'marche',
      true,
      'Travaux',
      4,
    ]);
    expect([c.socialConsiderations, c.hasSocialConsideration]).toEqual([
      ['Clause sociale', 'Critère social'],
      true,
    ]);
    expect([c.environmentalConsiderations, c.hasEnvironmentalConsideration]).toEqual([
      ['Pas de considération environnementale'],
      false,
    ]);
    expect([c.amount, c.initialAmount]).toEqual([123457.87, 575000]);
    expect(c.titulaires).toEqual([
      {
        identifierType: 'SIRET',
        identifier: '868768687576575',
        name: null,
        siret: null,
        supplierSiren: null,
      },
    ]);
    expect(c.modifications[0]).toMatchObject({ decpId: '1', publishedOn: '2022-10-20' });
    expect(c.flags).toEqual(['buyer_siret_invalid', 'titulaire_id_invalid']);
  });

  it('reads considerations given as a lone string (XML with one element) and flags unknown labels', () => {
    const c = normalise({
      ...base,
      considerationsSociales: { considerationSociale: 'pas de consideration sociale' },
      considerationsEnvironnementales: {
        considerationEnvironnementale: ['Critère inconnu', 'clause environnementale'],
      },
    });
    expect([c.socialConsiderations, c.hasSocialConsideration]).toEqual([
      ['Pas de considération sociale'],
      false,
    ]);
    expect([c.environmentalConsiderations, c.hasEnvironmentalConsideration]).toEqual([
      ['Clause environnementale'],
      true,
    ]);
    expect(c.flags).toContain('environmental_consideration_unknown');
  });

  it('tells the format of a record from its fields, and a concession from a marché', () => {
    expect(normalise({ ...base, titulaires: [{ titulaire: { id: '42399908500057' } }] }).format).toBe(
      'decp-2022',
    );
    expect(normalise({ ...base, marcheInnovant: 'oui' }, { syntax: 'xml', container: 'marche' }).format).toBe(
      'decp-2022',
    );
    expect(normalise(base, { syntax: 'xml', container: 'marche' }).format).toBe('decp-2019');
    const concession = normalise({
      id: 'C-1',
      _type: 'Contrat de concession',
      autoriteConcedante: { id: '22320001500012', nom: 'DEPARTEMENT DU GERS' },
      concessionnaires: [{ typeIdentifiant: 'SIRET', id: '59278023300017', denominationSociale: 'CACG' }],
      valeurGlobale: 1500000,
      dateSignature: '2018-12-17',
      modifications: [{ valeurGlobale: '1600000', dateSignatureModification: '2019-06-01' }],
    });
    expect(concession).toMatchObject({
      kind: 'concession',
      format: 'decp-2019',
      buyer: { siret: '22320001500012', name: 'DEPARTEMENT DU GERS' },
      amount: 1600000,
      initialAmount: 1500000,
      notifiedOn: '2018-12-17',
      titulaires: [{ supplierSiren: '592780233' }],
    });
    expect(concession.modifications[0]?.notifiedOn).toBe('2019-06-01');
    expect(normalise(base, { container: 'contrat-concession' }).kind).toBe('concession');
  });

  it('uses the file name when the record names no source, and keeps the reader flags', () => {
    const c = normalise(base, { readerFlags: ['json_repaired'] });
    expect(c.source).toBe('fichier.json');
    expect(c.flags).toEqual(['json_repaired', 'titulaires_missing']);
  });
});

describe('unwrapList', () => {
  it('unwraps every way DECP writes a list', () => {
    const t = { id: '1' };
    expect(unwrapList([t, t], 'titulaire')).toEqual([t, t]);
    expect(unwrapList(t, 'titulaire')).toEqual([t]);
    expect(unwrapList([{ titulaire: t }, { titulaire: t }], 'titulaire')).toEqual([t, t]);
    expect(unwrapList({ titulaire: [t, t] }, 'titulaire')).toEqual([t, t]);
    expect(unwrapList({ titulaire: t }, 'titulaire')).toEqual([t]);
    expect(unwrapList('', 'titulaire')).toEqual([]);
    expect(unwrapList(undefined, 'titulaire')).toEqual([]);
  });
});

describe('resolveCpv', () => {
  const list = { empty: false, checkDigitOf: (code: string) => ({ '45314000': '1' })[code] };
  const withCpv = (codeCPV: string) => normalise({ ...base, codeCPV });

  it('stores the code unchecked when the CPV list is not imported', () => {
    const c = resolveCpv(withCpv('99999999'), { empty: true, checkDigitOf: () => undefined });
    expect([c.cpvCode, c.flags]).toEqual(['99999999', ['titulaires_missing']]);
  });

  it('nulls an unknown code, keeps a code with a wrong check digit, both flagged', () => {
    expect(resolveCpv(withCpv('45314000-1'), list)).toMatchObject({
      cpvCode: '45314000',
      flags: ['titulaires_missing'],
    });
    expect(resolveCpv(withCpv('45314000'), list)).toMatchObject({
      cpvCode: '45314000',
      flags: ['titulaires_missing'],
    });
    expect(resolveCpv(withCpv('45314000-7'), list)).toMatchObject({
      cpvCode: '45314000',
      flags: ['cpv_check_digit_wrong', 'titulaires_missing'],
    });
    expect(resolveCpv(withCpv('99999999-1'), list)).toMatchObject({
      cpvCode: null,
      flags: ['cpv_unknown', 'titulaires_missing'],
    });
  });
});

describe('contentHash', () => {
  it('ignores key order and the raw copies, and changes with any stored value', () => {
    const a = normalise({ ...SDIS });
    const reordered = normalise(Object.fromEntries(Object.entries(SDIS).reverse()));
    const extraRaw = normalise({ ...SDIS, uuid: 'ignoré', donneesExecution: [] });
    expect(contentHash(reordered)).toBe(contentHash(a));
    expect(contentHash(extraRaw)).toBe(contentHash(a));
    expect(contentHash(normalise({ ...SDIS, montant: 80001 }))).not.toBe(contentHash(a));
    expect(contentHash(normalise({ ...SDIS, source: 'autre' }))).not.toBe(contentHash(a));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves out a source taken from the file name, but not a DECP source', () => {
    const noSource: Record<string, unknown> = { ...SDIS };
    delete noSource.source;
    const inFile = (fileSource: string) => {
      const r = normaliseDecpRecord(read(noSource), { fileSource });
      if (!r.ok) {
        throw new Error(r.reason);
      }
      return r.contract;
    };
    expect(inFile('a.json')).toMatchObject({ source: 'a.json', sourceFromFile: true });
    expect(contentHash(inFile('a.json'))).toBe(contentHash(inFile('copie.json')));
    expect(contentHash(inFile('a.json'))).not.toBe(contentHash(normalise(SDIS)));
  });

  it('writes canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x\u0000y', e: undefined }], raw: 1 }, 'raw')).toBe(
      '{"a":[{"c":"xy","d":null}],"b":1}',
    );
  });
});

describe('HTML in DECP texts', () => {
  it('decodes character references and <br> tags, and keeps other text as written', () => {
    expect(decodeHtmlText('l&#8217;école<br />Lot 1 &ndash; 10&nbsp;&euro;<BR>fin')).toEqual({
      text: 'l\u2019école\nLot 1 \u2013 10\u00a0€\nfin',
      decoded: true,
    });
    expect(decodeHtmlText('montant < 5000 & <b>HT</b> R&D')).toEqual({
      text: 'montant < 5000 & <b>HT</b> R&D',
      decoded: false,
    });
    expect(decodeHtmlText('&amp;#8217;').text).toBe('&#8217;');
  });

  it('decodes the object, names, place name and modification objects, with the flag html_decoded', () => {
    const c = normalise({
      ...SDIS,
      objet: 'Travaux d&#8217;entretien<br />Lot 2',
      acheteur: { id: '28850001000013', nom: 'Commune d&#039;Aix' },
      lieuExecution: { code: '85', typeCode: 'Code département', nom: 'Saint-&Eacute;tienne' },
      titulaires: [{ typeIdentifiant: 'SIRET', id: '82746233400018', denominationSociale: 'A &amp; B' }],
      modifications: [{ objetModification: 'Avenant &ndash; prix', montant: 1 }],
    });
    expect(c).toMatchObject({
      object: 'Travaux d\u2019entretien\nLot 2',
      buyer: { name: "Commune d'Aix" },
      placeName: 'Saint-Étienne',
      titulaires: [{ name: 'A & B' }],
      modifications: [{ object: 'Avenant \u2013 prix' }],
    });
    expect(c.flags).toEqual(['html_decoded']);
    expect(normalise({ ...SDIS, objet: 'Fournitures si montant < 5000' })).toMatchObject({
      object: 'Fournitures si montant < 5000',
      flags: [],
    });
  });
});

describe('versionSignature', () => {
  it('is equal for the same object (case, spaces, accents, HTML folded) and the same holder ids', () => {
    const holder = (id: string) => [{ typeIdentifiant: 'SIRET', id }];
    const sig = (objet: string, titulaires: unknown) => versionSignature({ objet, titulaires }, 'marche');
    expect(sig('Lot 2 : Électricité', holder('82746233400018'))).toBe(
      sig(' LOT  2 : electricite&nbsp;', holder('827 462 334 00018')),
    );
    expect(sig('Lot 2', holder('82746233400018'))).not.toBe(sig('Lot 3', holder('82746233400018')));
    expect(sig('Lot 2', holder('82746233400018'))).not.toBe(sig('Lot 2', holder('34278365100140')));
    expect(sig('Lot 2', [...holder('1'), ...holder('2')])).toBe(
      sig('Lot 2', [...holder('2'), ...holder('1')]),
    );
    // 2022 wrapping and concession holders.
    expect(versionSignature({ objet: 'A', titulaires: [{ titulaire: { id: '1' } }] }, 'marche')).toBe(
      versionSignature({ objet: 'a', concessionnaires: [{ id: '1' }] }, 'concession'),
    );
  });
});
