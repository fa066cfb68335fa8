/**
 * Personal webmail domains: an address there proves nothing about an organisation. Buyer accounts refuse
 * them (a public buyer acts with its administration's address); a supplier's claim from one needs an
 * approval. Data, lower case, kept short and French-centred: the large free providers and the French
 * ISPs' mailboxes.
 */
export const PERSONAL_WEBMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.fr',
  'ymail.com',
  'hotmail.com',
  'hotmail.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'outlook.com',
  'outlook.fr',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aol.fr',
  'gmx.fr',
  'gmx.com',
  'gmx.de',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'tutanota.com',
  'yandex.com',
  'mail.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'neuf.fr',
  'cegetel.net',
  'club-internet.fr',
  'laposte.net',
  'bbox.fr',
  'numericable.fr',
  'noos.fr',
  'aliceadsl.fr',
]);

/**
 * Whether an e-mail domain is a personal webmail.
 * @param domain lower case, e.g. 'gmail.com'
 */
export function isPersonalWebmail(domain: string): boolean {
  return PERSONAL_WEBMAIL_DOMAINS.has(domain);
}
