/**
 * The JWT signature check is the most expensive step of a call (~150-180 µs of CPU, perf
 * reference "jose verify"); its result for one exact token string never changes, so it is
 * remembered, keyed by that string, per key ring. What can change is re-checked on EVERY hit:
 *  - the expiry (`exp`, against the injected clock);
 *  - that the signing key (kid) is still in the ring.
 * Revocation and rotation are NOT cached here: authenticate.ts still reads the token record
 * from the database on every call, so a revocation (in this process or by the CLI) takes
 * effect on the next call.
 */
import { LRUCache } from 'lru-cache';
import type { Clock } from '../lib/clock';
import { verifyJwt, type JwtSettings, type TokenClaims } from '../tokens/jwt';
import type { VerificationKeys } from '../tokens/signing-keys';

interface Verified {
  readonly claims: TokenClaims;
  readonly kid: string;
  readonly issuer: string;
  readonly audience: string;
}

/** Longest a verified token is remembered, whatever its expiry. */
const MAX_AGE_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

const byRing = new WeakMap<VerificationKeys, LRUCache<string, Verified>>();

export async function verifyJwtCached(
  jwt: string,
  keys: VerificationKeys,
  settings: JwtSettings,
  clock: Clock,
): Promise<TokenClaims> {
  let cache = byRing.get(keys);
  if (!cache) byRing.set(keys, (cache = new LRUCache<string, Verified>({ max: MAX_ENTRIES, ttl: MAX_AGE_MS })));
  const hit = cache.get(jwt);
  if (
    hit &&
    hit.issuer === settings.issuer &&
    hit.audience === settings.audience &&
    hit.claims.exp * 1000 > clock.now() &&
    keys.get(hit.kid) !== undefined
  ) {
    return hit.claims;
  }
  // A miss, or a hit that no longer holds: the full check decides (and throws the right error).
  const claims = await verifyJwt(jwt, keys, settings, clock);
  const kid = headerKid(jwt);
  if (kid !== undefined) cache.set(jwt, { claims, kid, issuer: settings.issuer, audience: settings.audience });
  return claims;
}

/** The kid of a token that verifyJwt has just accepted (so the header is well-formed). */
function headerKid(jwt: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(jwt.slice(0, jwt.indexOf('.')), 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
