import { fileTypeFromBuffer } from 'file-type';
import type { DomainError } from '../shared/index.ts';
import { invalidDocument } from './solution.errors.ts';

/**
 * What an uploaded document must be: a PDF, an OpenDocument text (ODT) or a Word document (DOCX), judged
 * from its content (the magic bytes; for ODT and DOCX, the zip container's `mimetype` entry or its
 * `[Content_Types].xml`), never from the name or the type the browser claimed; not empty and not larger
 * than the configured limit.
 */

/** Default size limit, bytes (10 MiB); `AMONT_UPLOAD_MAX_BYTES` changes it. */
export const DEFAULT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** Accepted media types and the extension each is saved with. */
export const ACCEPTED_DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
};

/** Longest file name kept, characters (extension included). */
const MAX_NAME_LENGTH = 120;

/** A document that passed the checks. */
export interface CheckedDocument {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/**
 * A file name safe to store and to offer back in `Content-Disposition`: no folder part, no control or
 * reserved characters (`\ / : * ? " < > |`), spaces collapsed, at most 120 characters, and the extension
 * of the detected type (an « offre.pdf » that is really a DOCX becomes « offre.docx »).
 * @param raw the name the browser sent
 * @param extension 'pdf' | 'odt' | 'docx'
 * @returns e.g. 'Plaquette commerciale.pdf'; 'document.pdf' when nothing usable is left
 * @example sanitizeFileName('C:\\fakepath\\../Offre "v2".PDF', 'pdf') // 'Offre v2.pdf'
 */
export function sanitizeFileName(raw: string, extension: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\\/:*?"<>|]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const stem = cleaned
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, MAX_NAME_LENGTH - extension.length - 1)
    .trim();
  return `${stem === '' ? 'document' : stem}.${extension}`;
}

/**
 * Checks an uploaded document.
 * @param fileName the name the browser sent
 * @param bytes the whole content
 * @param maxBytes size limit, bytes
 * @returns the sanitised name, the detected media type and the bytes
 * @throws DomainError `solution_document.invalid` (empty, too large, or not a PDF, ODT or DOCX)
 */
export async function checkDocument(
  fileName: string,
  bytes: Uint8Array,
  maxBytes: number,
): Promise<CheckedDocument> {
  if (bytes.byteLength === 0) {
    throw invalidDocument('Le fichier est vide : choisissez un document PDF, ODT ou DOCX.');
  }
  if (bytes.byteLength > maxBytes) {
    throw documentTooLarge(maxBytes, bytes.byteLength);
  }
  const detected = await fileTypeFromBuffer(bytes);
  const extension = detected === undefined ? undefined : ACCEPTED_DOCUMENT_TYPES[detected.mime];
  if (detected === undefined || extension === undefined) {
    throw invalidDocument(
      'Ce fichier n’est ni un PDF, ni un document ODT, ni un document DOCX (d’après son contenu, quel que soit son nom).',
    );
  }
  return { fileName: sanitizeFileName(fileName, extension), mediaType: detected.mime, bytes };
}

/**
 * The refusal of a file above the limit.
 * @param maxBytes the limit
 * @param size the file's size when known (an upload cut at the limit does not tell it)
 * @returns DomainError `solution_document.invalid`
 */
export function documentTooLarge(maxBytes: number, size?: number): DomainError {
  const actual = size === undefined ? '' : ` (${formatMegabytes(size)})`;
  return invalidDocument(`Le fichier dépasse la taille maximale de ${formatMegabytes(maxBytes)}${actual}.`);
}

/**
 * A file size, French writing: kilo-octets below 1 Mo, else mega-octets (1 Mo = 1 048 576 octets).
 * @param bytes a size
 * @returns e.g. '10 Mo', '2,5 Mo', '1 Ko'
 */
export function formatMegabytes(bytes: number): string {
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.ceil(bytes / 1024)).toLocaleString('fr-FR')} Ko`;
  }
  const mb = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${mb.toLocaleString('fr-FR')} Mo`;
}
