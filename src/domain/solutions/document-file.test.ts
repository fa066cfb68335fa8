import { describe, expect, it } from 'vitest';
import {
  htmlPage,
  minimalDocx,
  minimalOdt,
  minimalPdf,
  zipOf,
} from '../../../test/fixtures/documents/documents.ts';
import { DomainError } from '../shared/index.ts';
import { checkDocument, formatMegabytes, sanitizeFileName } from './document-file.ts';

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) {
      expect(error.code).toBe('solution_document.invalid');
      return error.userMessage;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkDocument', () => {
  const limit = 1024 * 1024;

  it('accepts a PDF, an ODT and a DOCX, judged from their content', async () => {
    const pdf = await checkDocument('plaquette.pdf', minimalPdf(), limit);
    expect(pdf.mediaType).toBe('application/pdf');
    expect(pdf.fileName).toBe('plaquette.pdf');
    const odt = await checkDocument('fiche.odt', minimalOdt(), limit);
    expect(odt.mediaType).toBe('application/vnd.oasis.opendocument.text');
    const docx = await checkDocument('memoire.docx', minimalDocx(), limit);
    expect(docx.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('names the file after its real type, whatever extension the browser sent', async () => {
    const checked = await checkDocument('offre.pdf', minimalDocx(), limit);
    expect(checked.fileName).toBe('offre.docx');
  });

  it('refuses an HTML page named .pdf', async () => {
    expect(await refusal(checkDocument('plaquette.pdf', htmlPage(), limit))).toMatch(/ni un PDF/);
  });

  it('refuses a plain zip archive and an empty file', async () => {
    expect(await refusal(checkDocument('a.zip', zipOf([['notes.txt', 'bonjour']]), limit))).toMatch(
      /ni un PDF/,
    );
    expect(await refusal(checkDocument('vide.pdf', Buffer.alloc(0), limit))).toMatch(/vide/);
  });

  it('refuses a file above the limit, saying both sizes', async () => {
    const pdf = minimalPdf();
    const message = await refusal(checkDocument('gros.pdf', pdf, pdf.length - 1));
    expect(message).toContain(formatMegabytes(pdf.length - 1));
  });
});

describe('sanitizeFileName', () => {
  it('keeps only the last path segment and drops reserved and control characters', () => {
    expect(sanitizeFileName('C:\\fakepath\\../Offre "v2"\u0000.PDF', 'pdf')).toBe('Offre v2.pdf');
  });

  it('gives a name to a file that has none left', () => {
    expect(sanitizeFileName('../...', 'odt')).toBe('document.odt');
  });

  it('cuts long names to 120 characters, extension included', () => {
    const name = sanitizeFileName(`${'é'.repeat(300)}.pdf`, 'pdf');
    expect(name).toHaveLength(120);
    expect(name.endsWith('é.pdf')).toBe(true);
  });
});

describe('formatMegabytes', () => {
  it('writes sizes the French way, in Ko below one Mo', () => {
    expect(formatMegabytes(10 * 1024 * 1024)).toBe('10 Mo');
    expect(formatMegabytes(2.5 * 1024 * 1024)).toBe('2,5 Mo');
    expect(formatMegabytes(100)).toBe('1 Ko');
    expect(formatMegabytes(300 * 1024)).toBe('300 Ko');
  });
});
