import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normalizeEmail } from '../../../domain/accounts/index.ts';
import type { LimitHook } from '../../plugins/rate-limit.ts';
import { field } from './forms.ts';

/**
 * Rate limits of the account forms, per IP and per e-mail address typed (so that neither one address
 * from many places nor many addresses from one place can be tried quickly). Per IP the limit is higher:
 * a whole administration may sit behind one address.
 */

const MINUTE = 60_000;
/** Attempts per e-mail address and 15 minutes (login, sign-up, reset request). */
export const PER_EMAIL = { max: 5, windowMs: 15 * MINUTE };
/** Attempts per IP and 15 minutes (login, reset request). */
export const PER_IP = { max: 20, windowMs: 15 * MINUTE };
/** Sign-ups per IP and hour. */
export const SIGN_UPS_PER_IP = { max: 10, windowMs: 60 * MINUTE };

const emailOf = (request: FastifyRequest): string | undefined => {
  const email = normalizeEmail(field(request.body, 'email'));
  return email === '' ? undefined : email;
};

/**
 * The limit hooks of the account forms.
 * @param app the instance with `limiter`
 * @returns one hook per form
 */
export function accountLimits(
  app: FastifyInstance,
): Record<'logIn' | 'signUp' | 'forgotPassword', LimitHook> {
  const ip = (request: FastifyRequest) => request.ip;
  return {
    logIn: app.limiter([
      { name: 'login-ip', ...PER_IP, key: ip },
      { name: 'login-email', ...PER_EMAIL, key: emailOf },
    ]),
    signUp: app.limiter([
      { name: 'signup-ip', ...SIGN_UPS_PER_IP, key: ip },
      { name: 'signup-email', ...PER_EMAIL, key: emailOf },
    ]),
    forgotPassword: app.limiter([
      { name: 'reset-ip', ...PER_IP, key: ip },
      { name: 'reset-email', ...PER_EMAIL, key: emailOf },
    ]),
  };
}
