import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: accounts and mail settings', () => {
  it('has development defaults: localhost links, mail to the log, a generated session secret', () => {
    const config = loadConfig({ PORT: '4000', AMONT_SEED_DIR: 'none' });
    expect(config).toMatchObject({
      production: false,
      publicUrl: 'http://localhost:4000',
      smtpUrl: undefined,
      sessionSecret: undefined,
      mailFrom: 'Amont <ne-pas-repondre@localhost>',
    });
  });

  it('reads the public URL (without trailing slash), the SMTP server, the sender and the secret', () => {
    const config = loadConfig({
      AMONT_SEED_DIR: 'none',
      AMONT_PUBLIC_URL: 'https://amont.exemple.fr/',
      AMONT_SMTP_URL: 'smtp://amont:secret@mail.exemple.fr:587',
      AMONT_SESSION_SECRET: 'x'.repeat(48),
    });
    expect(config).toMatchObject({
      publicUrl: 'https://amont.exemple.fr',
      smtpUrl: 'smtp://amont:secret@mail.exemple.fr:587',
      sessionSecret: 'x'.repeat(48),
      mailFrom: 'Amont <ne-pas-repondre@amont.exemple.fr>',
    });
    expect(loadConfig({ AMONT_SEED_DIR: 'none', AMONT_MAIL_FROM: 'Achats <achats@ville.fr>' }).mailFrom).toBe(
      'Achats <achats@ville.fr>',
    );
  });

  it('requires the secret, SMTP and public URL in production, naming what is missing', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AMONT_SEED_DIR: 'none', AMONT_PUBLIC_URL: 'https://a.fr' }),
    ).toThrow('En production (NODE_ENV=production), définissez AMONT_SESSION_SECRET, AMONT_SMTP_URL');
  });

  it('refuses a short secret, a non-http public URL and a non-SMTP URL', () => {
    expect(() => loadConfig({ AMONT_SESSION_SECRET: 'court' })).toThrow(/au moins 32 caractères/);
    expect(() => loadConfig({ AMONT_PUBLIC_URL: 'ftp://amont.fr' })).toThrow(/AMONT_PUBLIC_URL/);
    expect(() => loadConfig({ AMONT_SMTP_URL: 'mail.exemple.fr' })).toThrow(/AMONT_SMTP_URL/);
  });
});
