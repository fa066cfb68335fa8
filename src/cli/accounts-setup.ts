/* eslint-disable no-console -- without SMTP, development mail is printed to the terminal */
import type { Config } from '../config.ts';
import type { AccountsOptions } from '../http/plugins/session.ts';
import { resolveSessionSecret } from '../http/plugins/session-secret.ts';
import { createMailer } from '../mail/mailer.ts';

/**
 * The accounts options of the server (`amont serve`): the session secret (from the environment, or the
 * data folder's own in development), the public URL and the mailer (SMTP, or the terminal when no
 * server is configured), with the start-up lines that say which.
 * @param config the configuration
 * @returns the options for `buildApp` and the lines to print at start-up
 */
export function accountsFromConfig(config: Config): { options: AccountsOptions; startupLines: string[] } {
  const { secret, source, file } = resolveSessionSecret(config);
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: (mail, note) =>
      console.log(`\n——— ${note} ———\nÀ : ${mail.to}\nObjet : ${mail.subject}\n\n${mail.text}———\n`),
  });
  const startupLines = [`Courriels : ${mailer.description}`];
  if (source !== 'env') {
    startupLines.push(
      `Sessions : secret de développement ${source === 'generated' ? 'créé' : 'lu'} dans ${file} ` +
        '(en production, définissez AMONT_SESSION_SECRET)',
    );
  }
  return { options: { sessionSecret: secret, publicUrl: config.publicUrl, mailer }, startupLines };
}
