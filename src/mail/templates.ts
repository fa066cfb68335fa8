import type { MailMessage } from './mailer.ts';

/**
 * The French messages Amont mails: address verification, password reset, and the notice sent when
 * someone signs up with an address that already has an account. Each has a plain-text body (what most
 * clients show first) and a simple HTML alternative without images or remote resources.
 */

const SIGNATURE = 'L’équipe Amont';

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface Paragraph {
  text: string;
  link?: { href: string; label: string };
}

function compose(to: string, subject: string, greeting: string, paragraphs: Paragraph[]): MailMessage {
  const textParts = [greeting];
  const htmlParts = [`<p>${escapeHtml(greeting)}</p>`];
  for (const p of paragraphs) {
    textParts.push(p.link ? `${p.text}\n${p.link.href}` : p.text);
    htmlParts.push(
      p.link
        ? `<p>${escapeHtml(p.text)}<br><a href="${escapeHtml(p.link.href)}">${escapeHtml(p.link.label)}</a></p>`
        : `<p>${escapeHtml(p.text)}</p>`,
    );
  }
  textParts.push(SIGNATURE);
  htmlParts.push(`<p>${escapeHtml(SIGNATURE)}</p>`);
  return {
    to,
    subject,
    text: `${textParts.join('\n\n')}\n`,
    html:
      '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
      `<title>${escapeHtml(subject)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0b0c0c">${htmlParts.join('\n')}</body></html>`,
  };
}

/**
 * The mail sent at sign-up, with the verification link (valid 48 hours).
 * @param to the new account's address
 * @param displayName the name given at sign-up
 * @param link absolute URL, e.g. 'https://amont.example/compte/verification/<secret>'
 * @returns the message
 */
export function verificationMail(to: string, displayName: string, link: string): MailMessage {
  return compose(to, 'Confirmez votre adresse électronique – Amont', `Bonjour ${displayName},`, [
    { text: 'Vous venez de créer un compte sur Amont avec cette adresse électronique.' },
    {
      text: 'Pour confirmer qu’elle est bien la vôtre, ouvrez ce lien (valable 48 heures) :',
      link: { href: link, label: 'Confirmer mon adresse électronique' },
    },
    { text: 'Si vous n’avez pas créé de compte, ignorez ce message : aucun compte ne sera activé.' },
  ]);
}

/**
 * The mail sent on « mot de passe oublié », with the reset link (valid 1 hour).
 * @param to the account's address
 * @param displayName the account's name
 * @param link absolute URL, e.g. 'https://amont.example/compte/mot-de-passe/<secret>'
 * @returns the message
 */
export function passwordResetMail(to: string, displayName: string, link: string): MailMessage {
  return compose(to, 'Choisissez un nouveau mot de passe – Amont', `Bonjour ${displayName},`, [
    { text: 'Quelqu’un, sans doute vous, a demandé à changer le mot de passe de votre compte Amont.' },
    {
      text: 'Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois) :',
      link: { href: link, label: 'Choisir un nouveau mot de passe' },
    },
    {
      text:
        'Toutes vos sessions ouvertes seront fermées. Si vous n’êtes pas à l’origine de cette demande, ' +
        'ignorez ce message : votre mot de passe reste inchangé.',
    },
  ]);
}

/**
 * The mail sent when someone signs up with an address that already has an account: the page said
 * « consultez votre messagerie » as for a new account, so that it reveals nothing; the owner learns
 * here what happened and how to get in.
 * @param to the account's address
 * @param displayName the account's name
 * @param links absolute URLs of the login and « mot de passe oublié » pages
 * @returns the message
 */
export function accountExistsMail(
  to: string,
  displayName: string,
  links: { login: string; forgotPassword: string },
): MailMessage {
  return compose(to, 'Vous avez déjà un compte Amont', `Bonjour ${displayName},`, [
    { text: 'Quelqu’un, sans doute vous, a voulu créer un compte Amont avec cette adresse électronique.' },
    {
      text: 'Vous avez déjà un compte : connectez-vous avec votre mot de passe.',
      link: { href: links.login, label: 'Se connecter' },
    },
    {
      text: 'Mot de passe oublié ? Vous pouvez en choisir un nouveau :',
      link: { href: links.forgotPassword, label: 'Choisir un nouveau mot de passe' },
    },
    { text: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.' },
  ]);
}

/**
 * The mail that verifies a claim to act for an organisation (issue 4), sent to the address given in the
 * claim, at the organisation's domain; the link is valid 48 hours.
 * @param to the address to verify
 * @param displayName the claimant's name
 * @param organisationName the organisation claimed
 * @param link absolute URL, e.g. 'https://amont.example/organisations/rattachement/<secret>'
 * @returns the message
 */
export function claimLinkMail(
  to: string,
  displayName: string,
  organisationName: string,
  link: string,
): MailMessage {
  return compose(
    to,
    `Confirmez votre rattachement à ${organisationName} – Amont`,
    `Bonjour ${displayName},`,
    [
      {
        text: `Vous avez demandé à agir pour ${organisationName} sur Amont avec cette adresse électronique.`,
      },
      {
        text: 'Pour confirmer que cette adresse est bien la vôtre, ouvrez ce lien (valable 48 heures) :',
        link: { href: link, label: 'Confirmer mon rattachement' },
      },
      { text: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne sera fait.' },
    ],
  );
}
