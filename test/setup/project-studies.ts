import type { InjectClient } from './inject-client.ts';
import { multipartBody } from './multipart.ts';

/**
 * Uploads a study through the project management page's multipart form, as a browser does (its `_csrf` read
 * from the page), the file named `étude.pdf`.
 * @param client a logged-in client
 * @param id the project
 * @param fields the form's other fields (title, visibility, replaces)
 * @param bytes the file's content
 * @returns the response to the POST
 */
export async function uploadStudy(
  client: InjectClient,
  id: number,
  fields: Record<string, string>,
  bytes: Buffer,
) {
  const page = (await client.get(`/mon-organisation/projets/${id}`)).body;
  const form = [...page.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find(
    (m) => m[1] === `/mon-organisation/projets/${id}/etudes`,
  );
  const token = /name="_csrf" value="([^"]+)"/.exec(form![2]!)![1]!;
  const { payload, contentType } = multipartBody(
    { _csrf: token, ...fields },
    { field: 'file', fileName: 'étude.pdf', contentType: 'application/pdf', bytes },
  );
  return client.request({
    method: 'POST',
    url: `/mon-organisation/projets/${id}/etudes`,
    headers: { 'content-type': contentType },
    payload: payload as unknown as string,
  });
}
