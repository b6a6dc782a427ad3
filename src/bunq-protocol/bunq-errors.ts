/**
 * bunq's own error texts for the handshake and session calls the gateway answers itself, so
 * bunq clients react as they do against bunq (bunq-api.md §2.2, §2.4, §3.4; bunq-clients.md
 * §2.2, §4.8). "Insufficient authorisation." is ONLY for a dead or unknown session: bunq2ynab
 * answers it by opening a new session and retrying, so a scope denial must never use it
 * (scope denials keep the gateway's own 403 wording).
 */
import { GatewayError, InvalidToken, type ErrorCode } from '../lib/errors';

export const BUNQ_TEXT = {
  /** [observed] expired or unknown session, or the wrong kind of token (bunq-api.md §2.4). */
  insufficientAuthorisation: 'Insufficient authorisation.',
  /** [observed] wrong API key or IP address, HTTP 400 (bunq-api.md §2.2, §10). */
  badCredentials: 'User credentials are incorrect. Incorrect API key or IP address.',
  /** [observed] a must-sign call without X-Bunq-Client-Signature, HTTP 466 (bunq-api.md §3.4). */
  signatureRequired: 'For this operation a request signature is required. Check the urls for more information.',
  /** [observed] a signature that does not verify, HTTP 400 (bunq-api.md §3.4). */
  signatureInvalid: 'The request signature is invalid.',
} as const;

type TokenCode = 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked';
const TOKEN_CODES: ReadonlySet<ErrorCode> = new Set<TokenCode>(['token_missing', 'token_invalid', 'token_expired', 'token_revoked']);

/**
 * 401: the session (or installation) token is unknown or expired, or its gateway token is no
 * longer usable; error_code still says which.
 */
export function sessionEnded(code: ErrorCode = 'token_invalid'): InvalidToken {
  return new InvalidToken(TOKEN_CODES.has(code) ? (code as TokenCode) : 'token_invalid', BUNQ_TEXT.insufficientAuthorisation);
}

/** 400: the secret is not a usable gateway token, or the device does not allow this IP. */
export function badCredentials(reason: string): GatewayError {
  return new GatewayError('bad_credentials', 400, BUNQ_TEXT.badCredentials, { details: { reason } });
}

export function signatureRequired(): GatewayError {
  return new GatewayError('signature_missing', 466, BUNQ_TEXT.signatureRequired);
}

export function signatureInvalid(): GatewayError {
  return new GatewayError('signature_invalid', 400, BUNQ_TEXT.signatureInvalid);
}
