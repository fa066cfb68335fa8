/**
 * Public surface of the api-tokens context: per-organisation API tokens (create, list, revoke) and the
 * actor a token opens. Other contexts import only this file.
 */
export * from './api-token.ts';
export { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
