/**
 * The gateway's ONE bunq API context in use. Rules (bunq-api.md §2.4, §3, §4; bunq-clients.md §3):
 *  - EVERY call carries the session token and is signed over the exact body bytes sent.
 *  - Fewer than 30 s of session left → a new session first (session-keeper.ts).
 *  - bunq answers 401 (dead session): a GET is renewed ONCE and retried once, with a fresh
 *    X-Bunq-Client-Request-Id (bunq rejects a reused id, SW X-Bunq-Client-Request-Id), after
 *    waiting for a new slot of bunq's budget (`beforeResend`, from the scheduler). POST, PUT
 *    and DELETE are NEVER retried: the session is renewed for the next caller and this call
 *    fails with a 'definite' error, so no payment can ever be sent twice.
 *  - Handshake endpoints (installation, device-server, session-server, session) are refused here.
 */
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../lib/logger';
import type { StoredSession } from '../store/bunq-context-repo';
import { buildRequestTarget, isContextPath, type BaseUrl } from './build-url';
import { BunqApiError, UpstreamBusy, UpstreamError, UpstreamRequestInvalid, UpstreamUnavailable } from './bunq-errors';
import { DEFAULT_RETRY_AFTER_SECONDS } from './read-response';
import { callBunq } from './call-bunq';
import { jsonBytes } from './context/handshake-io';
import type { SessionKeeper } from './context/session-keeper';
import type { Transport } from './transport';
import type { BunqContextStatus, UpstreamRequest, UpstreamResponse } from './types';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** @internal Built by loadBunqClient / initBunqContext only. */
export interface BunqClientParts {
  base: BaseUrl;
  transport: Transport;
  keeper: SessionKeeper;
  signingKey: KeyObject;
  serverKey: KeyObject;
  logger: Logger;
  installationId: number;
  deviceServerId: number;
  userId: number;
}

export class BunqClient {
  /** bunq user id of the session: the `{userID}` in every path (bunq-api.md §2.3). */
  readonly userId: number;
  /** Canonical base URL, e.g. 'https://api.bunq.com/v1'. */
  readonly baseUrl: string;
  readonly #p: BunqClientParts;

  constructor(parts: BunqClientParts) {
    this.#p = parts;
    this.userId = parts.userId;
    this.baseUrl = parts.base.href;
  }

  /**
   * One call to bunq. Resolves only with a signature-verified HTTP 200 JSON answer; everything
   * else rejects with an UpstreamError whose `outcome` says whether bunq may have acted.
   */
  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const { target, body } = this.#prepare(req);
    const session = await this.#session(() => this.#p.keeper.active());
    if (req.stillAuthorized) await this.#stillAuthorized(req.stillAuthorized);
    // Last, right before sending: nothing may wait between this check and the send.
    if (req.mayStillSend && !req.mayStillSend()) {
      throw new UpstreamBusy(DEFAULT_RETRY_AFTER_SECONDS, 'the call waited too long to be sent safely; it was NOT sent, retry it');
    }
    try {
      return await this.#send(req.method, target, body, session.token, req.clientRequestId);
    } catch (err) {
      if (!(err instanceof BunqApiError && err.bunqStatus === 401)) throw err;
      if (req.method === 'GET') {
        const fresh = await this.#session(() => this.#p.keeper.renewAfterRejection(session.token));
        await req.beforeResend?.();
        return this.#send(req.method, target, body, fresh.token, undefined);
      }
      await this.#p.keeper.renewAfterRejection(session.token).catch((renewErr: unknown) => {
        this.#p.logger.warn({ err: (renewErr as Error).message }, 'bunq session renewal after 401 failed');
      });
      // Only bunq's own error envelope proves the call was refused unexecuted; a bare 401 (from
      // something in between, say) keeps its unknown outcome.
      if (err.outcome !== 'definite') throw err;
      throw new UpstreamUnavailable('the bunq session had expired; the call was NOT executed, retry it', {
        outcome: 'definite',
        cause: err,
      });
    }
  }

  /** The context without secrets. */
  status(): BunqContextStatus {
    const s = this.#p.keeper.current;
    return {
      baseUrl: this.baseUrl,
      installationId: this.#p.installationId,
      deviceServerId: this.#p.deviceServerId,
      user: { id: this.userId, type: s?.userType ?? 'unknown', displayName: s?.userDisplayName ?? null },
      session: s ? { id: s.sessionId, expiresAt: s.expiresAt.toISOString(), timeoutSeconds: s.timeoutSeconds } : null,
    };
  }

  /** Closes the keep-alive connections. */
  async close(): Promise<void> {
    await this.#p.transport.close();
  }

  /** Everything that can be refused before a byte is sent: refused with a 'definite' outcome. */
  #prepare(req: UpstreamRequest): { target: string; body: Buffer | undefined } {
    if (!METHODS.has(req.method)) throw new UpstreamRequestInvalid('unsupported upstream method');
    if (isContextPath(req.path)) throw new UpstreamRequestInvalid('the bunq API-context endpoints are reserved');
    if (req.clientRequestId !== undefined && !REQUEST_ID.test(req.clientRequestId)) {
      throw new UpstreamRequestInvalid('clientRequestId must be 1-128 printable ASCII characters');
    }
    try {
      const target = buildRequestTarget(this.#p.base, req.path, req.query);
      return { target, body: req.body === undefined ? undefined : jsonBytes(req.body) };
    } catch (err) {
      throw new UpstreamRequestInvalid(err instanceof Error ? err.message : 'invalid upstream request', err);
    }
  }

  /**
   * Obtaining a session happens BEFORE the call itself is sent, so whatever goes wrong there
   * (even a session-server timeout) leaves the call's own outcome 'definite'.
   */
  async #session(get: () => Promise<StoredSession>): Promise<StoredSession> {
    try {
      return await get();
    } catch (err) {
      if (err instanceof UpstreamError && err.outcome === 'definite') throw err;
      throw new UpstreamUnavailable('no bunq session could be opened; the call was NOT sent', {
        outcome: 'definite',
        cause: err,
      });
    }
  }

  /** The caller's last check before sending; whatever it throws, nothing was sent. */
  async #stillAuthorized(check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (err) {
      if (err instanceof UpstreamError && err.outcome === 'definite') throw err;
      throw new UpstreamUnavailable('the token could not be checked again before sending; the call was NOT sent', {
        outcome: 'definite',
        cause: err,
      });
    }
  }

  #send(
    method: UpstreamRequest['method'],
    target: string,
    body: Buffer | undefined,
    token: string,
    clientRequestId: string | undefined,
  ): Promise<UpstreamResponse> {
    const { transport, signingKey, serverKey, logger } = this.#p;
    return callBunq(
      transport,
      { method, target, body, token, signingKey, serverKey, ...(clientRequestId ? { clientRequestId } : {}) },
      logger,
    );
  }
}
