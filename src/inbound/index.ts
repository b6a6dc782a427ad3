/**
 * Stage 1, inbound: who is calling, with which token. In order: exactly one credential →
 * the token record it stands for (database is the authority) → the client IP allowlist →
 * the rate limits of the token and of every token it was derived from.
 */
import type { RawCall } from '../policy/call';
import type { TokenRateLimiter } from './check-rate-limit';
import { authenticate, type AuthenticateDeps, type Principal } from './authenticate';
import { checkClientIp } from './check-client-ip';
import { extractToken } from './extract-token';

export type { Principal } from './authenticate';

export interface InboundDeps extends AuthenticateDeps {
  readonly rateLimiter: TokenRateLimiter;
}

export async function runInbound(raw: RawCall, deps: InboundDeps): Promise<Principal> {
  const credential = extractToken(raw);
  const principal = await authenticate(credential, deps);
  checkClientIp(principal, raw.clientIp);
  await deps.rateLimiter.checkChain(principal);
  return principal;
}
