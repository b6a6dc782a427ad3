/**
 * X-Bunq-Client-Authentication with a session token → the gateway token it was opened with
 * (authenticate.ts then checks that token and its ancestors exactly as for a bearer call).
 * A session is dead when it is unknown, past its expiry, or its token's secret no longer
 * matches (rotated) — answered with bunq's "Insufficient authorisation." (bunq-api.md §2.4).
 * Expiry SLIDES on use (bunq-api.md §2.4 [CONFLICT]; the emulator recommendation there): each
 * call that passes the device's IP and signature checks (`used`, called by the pipeline after
 * session-call.ts) moves it to now + session_timeout, never past the token's own expiry; a
 * refused call does not keep a session alive. To spare a write
 * per call it is stored at most once a minute — but only when session_timeout is over 6
 * minutes, so the stored expiry is always later than any a client computes (bunq-js-client
 * extends its own by at most 5 minutes, on calls in its last 30 s, bunq-clients.md §1.4).
 */
import type { Clock } from '../lib/clock';
import type { SessionResolver } from '../inbound/authenticate';
import type { ClientContextRepository, ClientSessionRecord } from '../store/client-context-repo';
import type { TokenRecord, TokenRepository } from '../store/token-repo';
import { hashSecret } from '../tokens/token-format';
import { sessionEnded } from './bunq-errors';

const SLIDE_WRITE_GRANULARITY_MS = 60_000;
const CLIENT_MAX_EXTENSION_MS = 300_000;

export class BunqSessionResolver implements SessionResolver {
  constructor(
    private readonly clients: ClientContextRepository,
    private readonly tokens: TokenRepository,
    private readonly clock: Clock,
  ) {}

  async resolve(sessionToken: string): Promise<{ token: TokenRecord; session: ClientSessionRecord }> {
    const session = await this.clients.findSession(hashSecret(sessionToken));
    if (!session) throw sessionEnded('token_invalid');
    const now = this.clock.now();
    if (session.expiresAt.getTime() <= now) {
      await this.clients.deleteSession(session.id);
      throw sessionEnded('token_expired');
    }
    const token = await this.tokens.findByKeyHash(session.secretHash);
    if (!token || token.id !== session.tokenId) {
      await this.clients.deleteSession(session.id);
      throw sessionEnded('token_revoked');
    }
    return { token, session };
  }

  async used(session: ClientSessionRecord, token: TokenRecord): Promise<void> {
    const now = this.clock.now();
    const timeoutMs = session.timeoutSeconds * 1000;
    const next = Math.min(now + timeoutMs, token.expiresAt.getTime());
    const granularity = timeoutMs - CLIENT_MAX_EXTENSION_MS >= SLIDE_WRITE_GRANULARITY_MS ? SLIDE_WRITE_GRANULARITY_MS : 0;
    if (next - session.expiresAt.getTime() > granularity) await this.clients.extendSession(session.id, new Date(next));
  }
}
