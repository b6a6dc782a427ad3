/**
 * Stage 1, inbound: who is calling, with which token. In order: exactly one credential →
 * the token record it stands for (database is the authority) → the client IP allowlist →
 * the token's own rate limit.
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
  await deps.rateLimiter.check(principal.token);
  return principal;
}
