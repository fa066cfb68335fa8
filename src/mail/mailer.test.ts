import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkIn, startSmtpServer, type TestSmtpServer } from '../../test/setup/smtp.ts';
import { createMailer, redactUrl, type MailMessage } from './mailer.ts';
import { Outbox } from './outbox.ts';
import { accountExistsMail, passwordResetMail, verificationMail } from './templates.ts';

describe('mailer over a real SMTP server', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ auth: { user: 'amont', pass: 's3cret p@ss' } });
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('authenticates with the credentials of the URL and delivers text and HTML in French', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Amont <ne-pas-repondre@amont.test>' });
    expect(mailer.kind).toBe('smtp');
    expect(mailer.description).not.toContain('s3cret');
    const link = 'https://amont.test/compte/verification/AbC_-123';
    const since = smtp.messages.length;
    await mailer.send(verificationMail('Élodie.Martin@exemple.fr', 'Élodie <Martin>', link));
    await mailer.close();
    const mail = await smtp.waitForMail('élodie.martin@exemple.fr', { since });
    expect(mail.envelopeFrom).toBe('ne-pas-repondre@amont.test');
    expect(mail.from).toEqual({ name: 'Amont', address: 'ne-pas-repondre@amont.test' });
    expect(mail.subject).toBe('Confirmez votre adresse électronique – Amont');
    expect(mail.text).toContain('Bonjour Élodie <Martin>,');
    expect(mail.text).toContain('valable 48 heures');
    expect(linkIn(mail, '/compte/verification/')).toBe(link);
    expect(mail.html).toContain(`<a href="${link}">Confirmer mon adresse électronique</a>`);
    expect(mail.html).toContain('Bonjour Élodie &lt;Martin&gt;,');
    expect(mail.html).toContain('lang="fr"');
  });

  it('fails when the server refuses the credentials', async () => {
    const wrong = new URL(smtp.url);
    wrong.password = 'mauvais';
    const mailer = createMailer({ smtpUrl: wrong.toString(), from: 'amont@amont.test' });
    await expect(mailer.send(passwordResetMail('x@exemple.fr', 'X', 'https://amont.test/r'))).rejects.toThrow(
      /Invalid username or password|535/,
    );
    await mailer.close();
  });

  it('sends in the background through an outbox and reports what failed', async () => {
    const good = createMailer({ smtpUrl: smtp.url, from: 'amont@amont.test' });
    const failures: string[] = [];
    const outbox = new Outbox(good, (_error, message) => failures.push(message.to));
    const since = smtp.messages.length;
    outbox.post(
      accountExistsMail('deja@exemple.fr', 'Déjà', {
        login: 'https://amont.test/compte/connexion',
        forgotPassword: 'https://amont.test/compte/mot-de-passe-oublie',
      }),
    );
    outbox.post(passwordResetMail('reset@exemple.fr', 'Reset', 'https://amont.test/compte/mot-de-passe/xyz'));
    await outbox.drain();
    expect(
      smtp.messages
        .slice(since)
        .map((m) => [m.to[0], m.subject])
        .sort(),
    ).toEqual([
      ['deja@exemple.fr', 'Vous avez déjà un compte Amont'],
      ['reset@exemple.fr', 'Choisissez un nouveau mot de passe – Amont'],
    ]);
    const exists = await smtp.waitForMail('deja@exemple.fr', { since });
    expect(linkIn(exists, '/compte/connexion')).toBe('https://amont.test/compte/connexion');
    expect(linkIn(exists, '/compte/mot-de-passe-oublie')).toBe(
      'https://amont.test/compte/mot-de-passe-oublie',
    );
    await good.close();

    const closed = await startSmtpServer();
    const unreachable = createMailer({ smtpUrl: closed.url, from: 'amont@amont.test' });
    await closed.close();
    const failing = new Outbox(unreachable, (_error, message) => failures.push(message.to));
    failing.post(passwordResetMail('perdu@exemple.fr', 'Perdu', 'https://amont.test/x'));
    await failing.drain();
    expect(failures).toEqual(['perdu@exemple.fr']);
  });
});

describe('mailer without SMTP', () => {
  it('writes the message, links included, to the log and says so', async () => {
    const logged: { to: string; subject: string; text: string }[] = [];
    const mailer = createMailer({ from: 'amont@localhost', log: (entry) => logged.push(entry) });
    expect(mailer.kind).toBe('log');
    expect(mailer.description).toContain('journal');
    const message: MailMessage = verificationMail(
      'dev@exemple.fr',
      'Dev',
      'http://localhost:3000/compte/verification/abc',
    );
    await mailer.send(message);
    expect(logged).toEqual([{ to: 'dev@exemple.fr', subject: message.subject, text: message.text }]);
    expect(logged[0]?.text).toContain('http://localhost:3000/compte/verification/abc');
  });

  it('never prints SMTP credentials', () => {
    expect(redactUrl('smtp://user:pa%40ss@mail.exemple.fr:587')).toBe('smtp://mail.exemple.fr:587');
    expect(redactUrl('pas une url')).toBe('smtp://…');
  });
});
