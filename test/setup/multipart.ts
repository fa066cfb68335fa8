import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { InjectClient } from './inject-client.ts';

/**
 * multipart/form-data bodies for `app.inject()` tests of upload forms, written as a browser writes them
 * (RFC 7578): text fields, then one file part with its name and claimed type.
 */

/** A file to upload. */
export interface UploadFile {
  field: string;
  fileName: string;
  /** The type the browser claims (the server must not trust it). */
  contentType: string;
  bytes: Buffer;
}

/**
 * Builds a multipart body.
 * @returns the payload and its `content-type` header (with the boundary)
 */
export function multipartBody(
  fields: Record<string, string>,
  file: UploadFile,
): { payload: Buffer; contentType: string } {
  const boundary = `----amont${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\n` +
        `Content-Type: ${file.contentType}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Opens a page, reads the `_csrf` of the form posting to `action`, and uploads a file through it.
 * @param client a (logged-in) client
 * @param page the page showing the upload form
 * @param action the form's action
 * @param file the file
 * @returns the response to the POST
 */
export async function submitUpload(
  client: InjectClient,
  page: string,
  action: string,
  file: UploadFile,
): Promise<LightMyRequestResponse> {
  const html = (await client.get(page)).body;
  const form = [...html.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find(
    (m) => m[1] === action,
  );
  const token = form && /name="_csrf" value="([^"]+)"/.exec(form[2]!)?.[1];
  if (token === undefined) {
    throw new Error(`no upload form posting to ${action} on ${page}`);
  }
  const { payload, contentType } = multipartBody({ _csrf: token }, file);
  return client.request({
    method: 'POST',
    url: action,
    headers: { 'content-type': contentType },
    payload: payload as unknown as string,
  });
}
