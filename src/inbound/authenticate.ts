/**
 * Turns a credential into the token record it stands for, with the database as the
 * authority: a token is good only if its record exists, is neither revoked nor expired, and
 * the same holds for every ancestor (revoking a token revokes what was derived from it).
 * Records come through the repository's cache, which answers only while the database's token
 * generation is unchanged and freshly read (src/store/token-cache.ts).
 * Both token forms lead to the same record: the bearer JWT by its jti, the bunq-key form by
 * the sha256 of its 64 hex characters. A bunq session (src/bunq-protocol/) leads to the record
 * it was opened with; any failure on that path reads "Insufficient authorisation.", bunq's
 * answer for a dead session (bunq-api.md §2.4).
 */
import { InvalidToken } from '../lib/errors';
import type { Clock } from '../lib/clock';
import type { ClientSessionRecord } from '../store/client-context-repo';
import type { TokenRecord, TokenRepository } from '../store/token-repo';
import { sessionEnded } from '../bunq-protocol/bunq-errors';
import type { JwtSettings } from '../tokens/jwt';
import type { VerificationKeys } from '../tokens/signing-keys';
import { BEARER_PREFIX, hashSecret, isBunqKeyForm } from '../tokens/token-format';
import { verifyJwtCached } from './verified-jwt-cache';
import type { Credential } from './extract-token';

export interface Principal {
  readonly token: TokenRecord;
  /** Root first, parent last. */
  readonly ancestors: readonly TokenRecord[];
  /** Set when the call came with a bunq session instead of a bearer token. */
  readonly session?: ClientSessionRecord;
}

/** Finds the token behind a bunq session token; throws InvalidToken for a dead session. */
export interface SessionResolver {
  resolve(sessionToken: string): Promise<{ token: TokenRecord; session: ClientSessionRecord }>;
  /** A call on the session passed the protocol's checks (device IP, signature): keep it alive. */
  used(session: ClientSessionRecord, token: TokenRecord): Promise<void>;
}

export interface AuthenticateDeps {
  readonly tokens: TokenRepository;
  readonly keys: VerificationKeys;
  readonly jwt: JwtSettings;
  readonly clock: Clock;
  /** Absent: bunq sessions are not accepted on this path. */
  readonly sessions?: SessionResolver;
}

export async function authenticate(credential: Credential, deps: AuthenticateDeps): Promise<Principal> {
  if (credential.kind === 'bunq-session') return authenticateSession(credential.value, deps);
  return principalFor(await findRecord(credential.value, deps), deps);
}

async function authenticateSession(value: string, deps: AuthenticateDeps): Promise<Principal> {
  if (!deps.sessions) throw sessionEnded('token_invalid');
  try {
    const { token, session } = await deps.sessions.resolve(value);
    return { ...(await principalFor(token, deps)), session };
  } catch (err) {
    if (err instanceof InvalidToken) throw sessionEnded(err.code);
    throw err;
  }
}

async function principalFor(token: TokenRecord, deps: Pick<AuthenticateDeps, 'tokens' | 'clock'>): Promise<Principal> {
  const now = deps.clock.now();
  checkUsable(token, now);
  const ancestors = token.ancestry.length > 0 ? await deps.tokens.findMany(token.ancestry) : [];
  if (ancestors.length !== token.ancestry.length) throw new InvalidToken('token_revoked', 'The token has been revoked.');
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  const ordered = token.ancestry.map((id) => byId.get(id)!);
  for (const ancestor of ordered) checkUsable(ancestor, now);
  return { token, ancestors: ordered };
}

async function findRecord(value: string, deps: AuthenticateDeps): Promise<TokenRecord> {
  if (value.startsWith(BEARER_PREFIX)) {
    const claims = await verifyJwtCached(value.slice(BEARER_PREFIX.length), deps.keys, deps.jwt, deps.clock);
    const record = await deps.tokens.findByJti(claims.jti);
    // A rotated token's old JWT carries a jti that no record has any more.
    if (!record || record.id !== claims.sub) throw new InvalidToken('token_revoked', 'The token has been revoked or rotated.');
    return record;
  }
  if (isBunqKeyForm(value)) {
    const record = await deps.tokens.findByKeyHash(hashSecret(value));
    if (!record) throw new InvalidToken('token_invalid', 'The token is not valid.');
    return record;
  }
  throw new InvalidToken('token_invalid', 'The token is not valid.');
}

/**
 * The principal's records read again (through the same cache as authentication): the token must
 * still be the one authenticated (same jti: not rotated), then pass the same checks as at
 * authentication, its ancestors included. For a call that waited after authentication.
 */
export async function reauthenticate(principal: Principal, deps: Pick<AuthenticateDeps, 'tokens' | 'clock'>): Promise<void> {
  const [current] = await deps.tokens.findMany([principal.token.id]);
  if (current === undefined || current.jti !== principal.token.jti) {
    throw new InvalidToken('token_revoked', 'The token has been revoked or rotated.');
  }
  await principalFor(current, deps);
}

function checkUsable(token: TokenRecord, now: number): void {
  if (token.revokedAt !== null) throw new InvalidToken('token_revoked', 'The token has been revoked.');
  if (token.expiresAt.getTime() <= now) throw new InvalidToken('token_expired', 'The token has expired.');
}
