import type { FastifyReply } from 'fastify';

/**
 * Sends an uploaded document (a study, a solution's brochure…) the safe way: always as an attachment,
 * with `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy, so that a browser never
 * renders an uploaded file in Amont's origin. The file name is given twice (RFC 6266): ASCII-only, and
 * UTF-8 in `filename*`.
 * @param reply the reply
 * @param document its (sanitised) file name and media type, as checked from its content on upload
 * @param bytes the content
 * @returns the reply, sent
 * @example sendDocument(reply, { fileName: 'Étude.pdf', mediaType: 'application/pdf' }, bytes)
 */
export function sendDocument(
  reply: FastifyReply,
  document: { fileName: string; mediaType: string },
  bytes: Buffer,
): FastifyReply {
  const ascii = document.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', document.mediaType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .send(bytes);
}
