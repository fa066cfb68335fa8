import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/**
 * Upload forms (multipart/form-data) for the pages of an encapsulated plugin: one file of at most
 * `app.uploads.maxBytes`, a few text fields, everything attached to `request.body`. A file above the limit
 * is cut, not thrown, and marked `tooLarge`, so the page can answer with a French message in its form
 * rather than a bare 413. Register it in the plugin whose routes take files, and only there.
 */

/** A file of the form, as the parser leaves it in the body. */
export interface UploadedFile {
  /** the name the browser sent */
  fileName: string;
  /** the content; absent when the file was too large */
  bytes?: Buffer;
  tooLarge?: boolean;
}

/**
 * Registers the multipart parser on a plugin.
 * @param app the encapsulated instance of the upload routes
 * @param fields text fields accepted besides the file
 * @example await registerUploadForm(app); // then (request.body as { file?: UploadedFile }).file
 */
export async function registerUploadForm(app: FastifyInstance, fields = 10): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: app.uploads.maxBytes, files: 1, fields, parts: fields + 1 },
    async onFile(part) {
      const bytes = await part.toBuffer();
      const file: UploadedFile = part.file.truncated
        ? { fileName: part.filename, tooLarge: true }
        : { fileName: part.filename, bytes };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  });
}
