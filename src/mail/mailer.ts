import nodemailer from 'nodemailer';

/**
 * Outgoing mail. With an SMTP server configured (`AMONT_SMTP_URL`, e.g. `smtp://user:pass@host:587`,
 * or `smtps://…:465` for implicit TLS), messages go through nodemailer; without one (development), they
 * are written to the log instead — links included, so that a developer can follow them — and the
 * start-up message says so. Production requires an SMTP server (see `src/config.ts`).
 */

/** A message: French text and a simple HTML alternative. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends messages. */
export interface Mailer {
  /** 'smtp' or 'log' (development without a server). */
  readonly kind: 'smtp' | 'log';
  /** For the start-up message, e.g. 'SMTP smtp://mail.exemple.fr:587' (never the password). */
  readonly description: string;
  /**
   * Sends one message.
   * @throws the transport's error when the server refuses it or cannot be reached
   */
  send(message: MailMessage): Promise<void>;
  /** Closes the connections. */
  close(): Promise<void>;
}

/** What `createMailer` needs. */
export interface MailerOptions {
  /** SMTP server URL; undefined: write messages to `log`. */
  smtpUrl?: string | undefined;
  /** Sender, e.g. 'Amont <ne-pas-repondre@amont.example>'. */
  from: string;
  /** Where the log mailer writes (a logger's info function). */
  log?: (entry: { to: string; subject: string; text: string }, note: string) => void;
}

/**
 * Builds the mailer from the configuration.
 * @param options SMTP URL (or none), sender, log function
 * @returns an SMTP mailer, or a log mailer when no URL is given
 * @example createMailer({ smtpUrl: 'smtp://amont:secret@127.0.0.1:2525', from: 'Amont <amont@exemple.fr>' })
 */
export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl === undefined) {
    const log = options.log ?? (() => {});
    return {
      kind: 'log',
      description: 'aucun serveur SMTP (AMONT_SMTP_URL) : les courriels sont écrits dans le journal',
      send: async (message) => {
        log(
          { to: message.to, subject: message.subject, text: message.text },
          'courriel non envoyé (pas de SMTP)',
        );
      },
      close: async () => {},
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
  return {
    kind: 'smtp',
    description: `SMTP ${redactUrl(options.smtpUrl)}`,
    send: async (message) => {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close: async () => {
      transport.close();
    },
  };
}

/**
 * An SMTP URL without its credentials, for messages and logs.
 * @param url e.g. 'smtp://user:pass@host:587'
 * @returns e.g. 'smtp://host:587'
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'smtp://…';
  }
}
