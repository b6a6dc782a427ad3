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
 *  - Several gateway instances share the one context in the database, and bunq allows one
 *    session-server call per 30 s, so only ONE instance renews at a time: before renewing, an
 *    instance first adopts a usable session another instance already stored; otherwise it takes
 *    the database lease 'bunq-session' (lease-repo.ts), re-reads, and only then calls bunq. The
 *    others poll the database until the new session appears (or the lease frees up because its
 *    holder died) and use that session.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { BunqContextRepository, StoredSession } from '../../store/bunq-context-repo';
import type { LeaseRepository } from '../../store/lease-repo';
import { BunqApiError, UpstreamRateLimited, UpstreamUnavailable } from '../bunq-errors';
import type { HandshakeIo } from './handshake-io';
import { postSessionServer, type InstallationCredentials } from './session-server';

export const MIN_SESSION_REMAINING_MS = 30_000;
const RENEWAL_LEASE = 'bunq-session';
/** Outlives one session-server call (transport timeout 15 s by default); a dead holder frees it by then. */
const RENEWAL_LEASE_MS = 60_000;
/** How long an instance waits for another one's renewal, and how often it looks (wall-clock). */
const AWAIT_OTHER_MS = 20_000;
const POLL_MS = 200;

export interface SessionKeeperDeps {
  io: HandshakeIo;
  creds: InstallationCredentials;
  clock: Clock;
  repo: BunqContextRepository;
  leases: LeaseRepository;
}

export class SessionKeeper {
  readonly #deps: SessionKeeperDeps;
  #session: StoredSession | undefined;
  #inflight: Promise<StoredSession> | undefined;
  #blockedUntil = 0;
  /** This process's name on the renewal lease. */
  readonly #holder = randomUUID();

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

  /** Adopts another instance's session, or renews under the lease, or waits for the holder. */
  async #open(): Promise<StoredSession> {
    const dead = this.#session?.token;
    const adopted = await this.#adoptStored(dead);
    if (adopted) return adopted;
    const { leases, clock } = this.#deps;
    const deadline = Date.now() + AWAIT_OTHER_MS;
    while (!(await leases.acquire(RENEWAL_LEASE, this.#holder, clock.now(), RENEWAL_LEASE_MS))) {
      if (Date.now() >= deadline) {
        throw new UpstreamUnavailable('another gateway instance is renewing the bunq session; the call was NOT sent, retry it', {
          outcome: 'definite',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const renewedElsewhere = await this.#adoptStored(dead);
      if (renewedElsewhere) return renewedElsewhere;
    }
    try {
      return (await this.#adoptStored(dead)) ?? (await this.#openHoldingLease());
    } finally {
      await leases.release(RENEWAL_LEASE, this.#holder).catch((err: unknown) => {
        this.#deps.io.logger.warn({ err: (err as Error).message }, 'could not release the bunq session lease; it expires by itself');
      });
    }
  }

  /** The stored session if it is another one than `dead` and has at least 30 s left. */
  async #adoptStored(dead: string | undefined): Promise<StoredSession | undefined> {
    const stored = await this.#deps.repo.loadSession();
    if (!stored || stored.token === dead) return undefined;
    if (stored.expiresAt.getTime() - this.#deps.clock.now() < MIN_SESSION_REMAINING_MS) return undefined;
    this.#session = stored;
    this.#deps.io.logger.info({ sessionId: stored.sessionId }, 'bunq session taken over from the shared database');
    return stored;
  }

  async #openHoldingLease(): Promise<StoredSession> {
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
