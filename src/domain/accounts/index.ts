/**
 * Public surface of the accounts context: sign-up with e-mail verification, login sessions, password
 * reset by e-mail, « Mon compte » (sessions, export, deletion), and the `Actor` every other context's
 * commands receive. Other contexts import only this file.
 */
export { ANONYMOUS, userActor, type Actor, type AnonymousActor, type UserActor } from './actor.ts';
export {
  DISPLAY_NAME_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  normalizeEmail,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RESET_TOKEN_LIFETIME_MS,
  SESSION_IDLE_TIMEOUT_MS,
  SESSION_MAX_LIFETIME_MS,
  VERIFY_TOKEN_LIFETIME_MS,
  type EmailTokenPurpose,
  type FieldErrors,
  type Session,
  type User,
} from './account.ts';
export type { AccountErrorCode, TokenRejection } from './account.errors.ts';
export { authorize, can, requireUser, type AccountAction } from './account.policy.ts';
export { registerAccount, type Registration, type RegistrationInput } from './register-account.ts';
export { resendVerification, verifyEmail } from './verify-email.ts';
export {
  logIn,
  logOut,
  logOutEverywhere,
  resumeSession,
  type LoggedIn,
  type ResumedSession,
  type SessionOrigin,
} from './sessions.ts';
export { checkResetLink, requestPasswordReset, resetPassword } from './reset-password.ts';
export {
  deleteMyAccount,
  exportMyAccount,
  getMyAccount,
  type AccountExport,
  type MyAccount,
} from './my-account.ts';
export { presentMe, type MeView } from './account.presenter.ts';
