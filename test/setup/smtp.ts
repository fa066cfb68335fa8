import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createMailer } from '../../src/mail/mailer.ts';

/**
 * A real SMTP server for tests, listening on the loopback interface in this process: what Amont sends
 * through nodemailer arrives here, is parsed with mailparser, and can be read back. No mock: the SMTP
 * conversation (EHLO, AUTH, MAIL FROM, RCPT TO, DATA) really happens.
 */

/** A message the server received. */
export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  envelopeFrom: string;
  /** The `From:` header, e.g. { name: 'Amont', address: 'ne-pas-repondre@amont.test' }. */
  from: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  parsed: ParsedMail;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  /** e.g. 'smtp://amont:secret@127.0.0.1:40123' (with the credentials when `auth` was given). */
  url: string;
  /** Every message received so far, in order. */
  messages: ReceivedMail[];
  /**
   * Waits for the first message to `to` received after `since` messages (default: any so far).
   * @throws after `timeoutMs` (default 15 s), listing what was received
   */
  waitForMail(to: string, options?: { since?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on 127.0.0.1 (a free port).
 * @param options `auth`: user and password the server requires (AUTH PLAIN/LOGIN over the plain
 *   connection); without it, no authentication
 * @returns the server, its URL and what it receives
 * @example
 * const smtp = await startSmtpServer({ auth: { user: 'amont', pass: 'secret' } });
 * const mail = await smtp.waitForMail('marie@exemple.fr');
 * const link = linkIn(mail, '/compte/verification/');
 */
export async function startSmtpServer(
  options: { auth?: { user: string; pass: string } } = {},
): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const auth = options.auth;
  const server = new SMTPServer({
    // No TLS certificate here: plain SMTP, authentication allowed without STARTTLS.
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: auth === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
        callback(null, { user: credentials.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            from: {
              name: parsed.from?.value[0]?.name ?? '',
              address: parsed.from?.value[0]?.address ?? '',
            },
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            parsed,
          });
          for (const wake of waiters) {
            wake();
          }
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';

  const find = (to: string, since: number) =>
    messages.slice(since).find((m) => m.to.some((address) => address.toLowerCase() === to.toLowerCase()));

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    waitForMail(to, { since = 0, timeoutMs = 15_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = find(to, since);
          if (found) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'rien';
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The first link of a mail's text whose path starts with `pathPrefix`.
 * @param mail a received message
 * @param pathPrefix e.g. '/compte/verification/'
 * @returns the absolute URL as written in the mail
 * @throws when the mail has no such link
 */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    if (new URL(match[0]).pathname.startsWith(pathPrefix)) {
      return match[0];
    }
  }
  throw new Error(`no link to ${pathPrefix} in the mail « ${mail.subject} »:\n${mail.text}`);
}

/**
 * Accounts options of `buildApp` that send mail to a test SMTP server.
 * @param smtp the running server
 * @param publicUrl the public URL put in links (default https://amont.test, hence `Secure` cookies)
 * @returns `{ sessionSecret, publicUrl, mailer }`
 */
export function accountsOptionsFor(smtp: TestSmtpServer, publicUrl = 'https://amont.test') {
  return {
    sessionSecret: randomBytes(32).toString('base64url'),
    publicUrl,
    mailer: createMailer({ smtpUrl: smtp.url, from: 'Amont <ne-pas-repondre@amont.test>' }),
  };
}
