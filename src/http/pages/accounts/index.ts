import type { FastifyInstance } from 'fastify';
import logInPages from './log-in.ts';
import myAccountPages from './my-account.ts';
import passwordPages from './password.ts';
import signUpPages from './sign-up.ts';

/**
 * The account pages under `/compte` (French, usable without JavaScript): sign-up, e-mail verification,
 * login and logout, forgotten password, « Mon compte ». Every form carries the CSRF token
 * (`partials/csrf-field.njk`); the login, sign-up and reset-request forms are rate-limited.
 * @param app the root instance
 */
export default async function accountPages(app: FastifyInstance): Promise<void> {
  await app.register(signUpPages);
  await app.register(logInPages);
  await app.register(passwordPages);
  await app.register(myAccountPages);
}
