import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A small browser for `app.inject()` tests of pages with sessions and forms: it keeps the cookies the
 * app sets (and forgets the ones it clears), sends them back, and submits forms the way a browser does
 * — reading the hidden `_csrf` field of the form on the page. Each client may have its own IP, so that
 * rate limits of one test do not spill over another.
 */
export class InjectClient {
  readonly cookies = new Map<string, string>();
  readonly #app: FastifyInstance;
  readonly #ip: string;
  readonly #userAgent: string | undefined;

  /**
   * @param app the app under test
   * @param ip the client's address (`request.ip`), default 127.0.0.1
   * @param userAgent the `User-Agent` it sends (default: light-my-request's own, « lightMyRequest »)
   */
  constructor(app: FastifyInstance, ip = '127.0.0.1', userAgent?: string) {
    this.#app = app;
    this.#ip = ip;
    this.#userAgent = userAgent;
  }

  /** The `Cookie` header this client sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /**
   * Sends a request with the client's cookies and records those set by the answer.
   * @param options method, url, headers, payload (as for `app.inject`)
   * @returns the response
   */
  async request(options: {
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    headers?: Record<string, string>;
    payload?: string | Record<string, unknown>;
  }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {
      ...(this.#userAgent === undefined ? {} : { 'user-agent': this.#userAgent }),
      ...options.headers,
    };
    if (this.cookies.size > 0) {
      headers.cookie = this.cookieHeader();
    }
    const response = await this.#app.inject({
      method: options.method ?? 'GET',
      url: options.url,
      headers,
      remoteAddress: this.#ip,
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    });
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      expires?: Date;
      maxAge?: number;
    }[]) {
      const cleared =
        cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires && cookie.expires.getTime() < Date.now());
      if (cleared) {
        this.cookies.delete(cookie.name);
      } else {
        this.cookies.set(cookie.name, cookie.value);
      }
    }
    return response;
  }

  /**
   * GET a page.
   * @param url the page
   * @returns the response
   */
  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ url });
  }

  /**
   * POSTs a urlencoded form as is (no token added: for tests of the CSRF guard itself).
   * @param url the form's action
   * @param fields the fields
   * @returns the response
   */
  post(url: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Opens a page, finds the form posting to `action`, and submits it with `fields` and its `_csrf`.
   * @param page the page showing the form
   * @param action the form's action
   * @param fields the fields to fill in
   * @returns the response to the POST
   * @throws when the page has no such form, or the form no token
   */
  async submit(
    page: string,
    action: string,
    fields: Record<string, string>,
  ): Promise<LightMyRequestResponse> {
    const html = (await this.get(page)).body;
    const form = [...html.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)].find(
      (m) => m[1]!.replace(/&amp;/g, '&') === action,
    );
    if (form === undefined) {
      throw new Error(`no form posting to ${action} on ${page}`);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(form[2]!)?.[1];
    if (token === undefined) {
      throw new Error(`the form posting to ${action} on ${page} has no _csrf field`);
    }
    return this.post(action, { ...fields, _csrf: token });
  }
}

/**
 * Visible text of an HTML page: tags removed, entities of quotes decoded, spaces collapsed.
 * @param html a page
 * @returns its text
 */
export function pageText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
}

/**
 * A client logged in through the real login form.
 * @param app the app under test
 * @param credentials e-mail and password of an existing account
 * @param ip the client's address
 * @param userAgent the browser it claims to be
 * @returns the client, holding the session cookie
 * @throws when the login does not redirect (wrong credentials, rate limit…)
 */
export async function loggedInClient(
  app: FastifyInstance,
  credentials: { email: string; password: string },
  ip?: string,
  userAgent?: string,
): Promise<InjectClient> {
  const client = new InjectClient(app, ip, userAgent);
  const res = await client.submit('/compte/connexion', '/compte/connexion', credentials);
  if (res.statusCode !== 303) {
    throw new Error(
      `login of ${credentials.email} answered ${res.statusCode}: ${pageText(res.body).slice(0, 300)}`,
    );
  }
  return client;
}
