/**
 * Keeps the ONE bunq session alive (bunq-api.md §2.4; bunq-clients.md §3 "Handshake"):
 *  - Official SDK rule (PY `ensure_session_active`, `_TIME_TO_SESSION_EXPIRY_MINIMUM_SECONDS =
 *    30`): before a call, if fewer than 30 s remain, open a new session FIRST.
 *  - Expiry = creation + session_timeout and is NOT slid forward on use: bunq's extension rule
 *    is [CONFLICT] in the sources (30 min vs 30 s windows), the official SDK does not extend it
 *    locally, and over-estimating would make unsafe calls fail with 401; under-estimating costs
 *    one session-server call per session_timeout.
 *  - Renewal is SINGLE-FLIGHT (one session-server call, everyone else waits for it): bunq allows
 *    one session-server call per 30 s (§7). After a 429 on it, no new attempt is made until the
 *    wait is over (fail fast with upstream_rate_limited instead of hammering bunq).
 *  - A renewed session is persisted, so a restart continues with it.
 */
import type { Clock } from '../../lib/clock';
import type { BunqContextRepository, StoredSession } from '../../store/bunq-context-repo';
import { BunqApiError, UpstreamRateLimited } from '../bunq-errors';
import type { HandshakeIo } from './handshake-io';
import { postSessionServer, type InstallationCredentials } from './session-server';

export const MIN_SESSION_REMAINING_MS = 30_000;

export interface SessionKeeperDeps {
  io: HandshakeIo;
  creds: InstallationCredentials;
  clock: Clock;
  repo: BunqContextRepository;
}

export class SessionKeeper {
  readonly #deps: SessionKeeperDeps;
  #session: StoredSession | undefined;
  #inflight: Promise<StoredSession> | undefined;
  #blockedUntil = 0;

  constructor(deps: SessionKeeperDeps, initial: StoredSession | undefined) {
    this.#deps = deps;
    this.#session = initial;
  }

  get current(): StoredSession | undefined {
    return this.#session;
  }

  /** A session with at least 30 s left, renewing first when needed. */
  async active(): Promise<StoredSession> {
    const s = this.#session;
    if (this.#inflight) return this.#inflight;
    if (s && s.expiresAt.getTime() - this.#deps.clock.now() >= MIN_SESSION_REMAINING_MS) return s;
    return this.#renew();
  }

  /**
   * bunq answered 401 to a call made with `deadToken`. Renews once for everybody who used that
   * token; a caller whose token was already replaced just gets the new session.
   */
  async renewAfterRejection(deadToken: string): Promise<StoredSession> {
    if (this.#inflight) return this.#inflight;
    if (this.#session && this.#session.token !== deadToken) return this.#session;
    return this.#renew();
  }

  #renew(): Promise<StoredSession> {
    this.#inflight ??= this.#open().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #open(): Promise<StoredSession> {
    const { io, creds, clock, repo } = this.#deps;
    const waitMs = this.#blockedUntil - clock.now();
    if (waitMs > 0) {
      throw new UpstreamRateLimited(Math.ceil(waitMs / 1000), 'bunq allows one new session per 30 s; retry later');
    }
    let session: StoredSession;
    try {
      session = await postSessionServer(io, creds, clock);
    } catch (err) {
      if (err instanceof UpstreamRateLimited) this.#blockedUntil = clock.now() + (err.retryAfter ?? 30) * 1000;
      if (err instanceof BunqApiError && (err.bunqStatus === 400 || err.bunqStatus === 401)) {
        // §2.2/§10: revoked key, or the gateway's IP is no longer permitted. Only the owner can fix it.
        io.logger.error(
          { bunqStatus: err.bunqStatus, bunqMessage: err.bunqMessage },
          'bunq refused to open a session: check the API key and permitted IPs, then run init again',
        );
      }
      throw err;
    }
    const previous = this.#session;
    if (previous && previous.userId !== session.userId) {
      io.logger.error({ previous: previous.userId, now: session.userId }, 'bunq session belongs to another user');
    }
    this.#session = session;
    io.logger.info({ sessionId: session.sessionId, expiresAt: session.expiresAt }, 'bunq session opened');
    try {
      await repo.saveSession(session);
    } catch (err) {
      // The session is valid in memory; losing it on restart only costs one more session-server call.
      io.logger.error({ err: (err as Error).message }, 'could not persist the bunq session');
    }
    return session;
  }
}
