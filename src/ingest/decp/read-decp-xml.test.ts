import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../../test/setup/shared-data.ts';
import type { DecpReadItem } from './decp-read-item.ts';
import { parseXmlRecord, readDecpXml, sniffXmlEncoding, XmlRecordScanner } from './read-decp-xml.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/decp');

async function readAll(file: string, chunkSize?: number): Promise<DecpReadItem[]> {
  const items: DecpReadItem[] = [];
  for await (const item of readDecpXml(file, chunkSize === undefined ? {} : { chunkSize })) {
    items.push(item);
  }
  return items;
}

function scan(text: string, size = 1 << 16): DecpReadItem[] {
  const scanner = new XmlRecordScanner();
  const items: DecpReadItem[] = [];
  for (let i = 0; i < text.length; i += size) {
    items.push(...scanner.push(text.slice(i, i + size), i));
  }
  items.push(...scanner.end());
  return items;
}

describe('readDecpXml', () => {
  it.skipIf(!hasSharedData('decp', 'examples-v2'))(
    'builds one object per <marche> of the official 2022 example, repeated elements as arrays',
    async () => {
      const items = await readAll(sharedDataPath('decp', 'examples-v2', 'Marche.xml'));
      expect(items).toHaveLength(2);
      const first = items[0]!;
      expect(first.ok && first.container).toBe('marche');
      expect(first.ok && first.position).toBe('enregistrement 1, ligne 2');
      expect(first.ok && first.value).toMatchObject({
        id: 'TEST2022',
        acheteur: { id: '21750001630040' },
        marcheInnovant: 'oui',
        montant: '575000',
        considerationsSociales: { considerationSociale: ['Clause sociale', 'Critère social'] },
        considerationsEnvironnementales: { considerationEnvironnementale: 'Clause environnementale' },
        titulaires: { titulaire: { id: '55204599900869', typeIdentifiant: 'SIRET' } },
        lieuExecution: { code: '75000', typeCode: 'Code postal' },
      });
    },
  );

  it('rejects a malformed record with its line and reads the records around it', async () => {
    const items = await readAll(path.join(fixtures, 'marches-2019.xml'));
    expect(
      items.map((i) => (i.ok ? [i.index, i.container, (i.value as { id: string }).id] : [i.index, i.code])),
    ).toEqual([
      [1, 'marche', 'XML-1'],
      [2, 'xml_invalid'],
      [3, 'marche', 'XML-3'],
      [4, 'contrat-concession', 'XML-C1'],
    ]);
    const broken = items[1]!;
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.position).toBe('enregistrement 2, ligne 45');
    expect(!broken.ok && broken.reason).toContain('ligne 50 : unexpected close tag');
    expect(!broken.ok && broken.fatal).toBe(false);
    expect(items[0]?.ok && items[0].value).toMatchObject({
      objet: 'Maintenance & réparation',
      titulaires: { titulaire: [{ id: '82746233400018' }, { id: '42399908500057' }] },
      modifications: { modification: { montant: '90000,50' } },
    });
    expect(items[2]?.ok && items[2].value).toMatchObject({ modifications: '' });
  });

  it('gives the same items whatever the chunk size', async () => {
    const reference = await readAll(path.join(fixtures, 'marches-2019.xml'));
    for (const size of [1, 7, 100]) {
      const items = await readAll(path.join(fixtures, 'marches-2019.xml'), size);
      expect(items.map(({ bytesRead: _, ...rest }) => rest)).toEqual(
        reference.map(({ bytesRead: _, ...rest }) => rest),
      );
    }
  });

  it('decodes a file declared ISO-8859-1', async () => {
    const [item] = await readAll(path.join(fixtures, 'latin1.xml'));
    expect(item?.ok && item.value).toMatchObject({
      objet: "Réfection de l'église",
      acheteur: { nom: 'SDIS de la Vendée' },
    });
  });

  it('reports a file cut inside a record, keeping the records before it', async () => {
    const items = await readAll(path.join(fixtures, 'truncated.xml'));
    expect(items.map((i) => (i.ok ? 'ok' : [i.code, i.index, i.fatal]))).toEqual([
      'ok',
      ['file_truncated', 2, true],
    ]);
  });
});

describe('XmlRecordScanner', () => {
  it('skips comments and CDATA that contain record tags, and counts nested same-name elements', () => {
    const items = scan(
      '<?xml version="1.0"?>\n<!-- <marche><id>commentaire</id></marche> -->\n<ns:marches>\n' +
        '<ns:marche><id>A</id><objet><![CDATA[texte avec </ns:marche> dedans]]></objet><!-- </ns:marche> --></ns:marche>\n' +
        '<marche><id>B</id><marche><id>imbriqué</id></marche></marche>\n<marche/>\n</ns:marches>',
      3,
    );
    expect(items.map((i) => i.ok && i.value)).toEqual([
      { id: 'A', objet: 'texte avec </ns:marche> dedans' },
      { id: 'B', marche: { id: 'imbriqué' } },
      '',
    ]);
    expect(items.map((i) => i.ok && i.position)).toEqual([
      'enregistrement 1, ligne 4',
      'enregistrement 2, ligne 5',
      'enregistrement 3, ligne 6',
    ]);
  });

  it('says what it found when the document has no DECP records', () => {
    const items = scan('<?xml version="1.0"?><releases><release/></releases>');
    expect(items).toEqual([expect.objectContaining({ code: 'file_shape_unknown', fatal: true })]);
    expect(!items[0]!.ok && items[0]!.reason).toContain('<releases>');
    expect(scan('<marches></marches>')).toEqual([]);
  });
});

describe('parseXmlRecord', () => {
  it('keeps elements named like Object properties as plain data', () => {
    const parsed = parseXmlRecord('<marche><__proto__>x</__proto__><constructor>y</constructor></marche>', 1);
    expect(parsed.ok).toBe(true);
    const value = parsed.ok ? (parsed.value as Record<string, unknown>) : {};
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor']);
    expect(value.constructor).toBe('y');
  });

  it('reports errors at their line in the file', () => {
    const parsed = parseXmlRecord('<marche>\n<objet>a &euro; b</objet>\n</marche>', 40);
    expect(parsed).toEqual({ ok: false, errors: [expect.stringMatching(/^ligne 41 : /)] });
  });
});

describe('sniffXmlEncoding', () => {
  it('reads the declared encoding, UTF-8 by default', () => {
    expect(sniffXmlEncoding(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><marches/>'))).toBe(
      'iso-8859-1',
    );
    expect(sniffXmlEncoding(Buffer.from("\uFEFF<?xml version='1.0' encoding='windows-1252' ?>"))).toBe(
      'windows-1252',
    );
    expect(sniffXmlEncoding(Buffer.from('<marches/>'))).toBe('utf-8');
  });
});
