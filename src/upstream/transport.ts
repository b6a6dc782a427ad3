/**
 * The ONLY module that opens connections to bunq (style.md "Upstream"): one keep-alive undici
 * Pool per origin, a hard abort timeout over the whole exchange (headers AND body),
 * redirects never followed (Pool.request has no redirect handling; a 3xx comes back as-is), a
 * response size cap, and every network failure mapped to a typed error with its outcome
 * (bunq-errors.ts): nothing sent → 'definite'; anything after the request may have left → 'unknown'.
 */
import { Pool } from 'undici';
import { BunqApiError, UpstreamTimeout, UpstreamUnavailable, type UpstreamError } from './bunq-errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RawRequest {
  method: HttpMethod;
  /** Path + query on the origin, e.g. '/v1/user/1/monetary-account?count=10'. */
  target: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export interface RawResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
}

/** bunq lists are at most 200 items (bunq-api.md §6); 16 MiB is far above any real answer. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Errors raised before a single byte of the request could have left this host. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_DESTROYED', 'UND_ERR_CLOSED',
]);

export class Transport {
  readonly #pool: Pool;
  readonly #timeoutMs: number;

  constructor(origin: string, timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
    this.#pool = new Pool(origin, {
      connections: 8,
      pipelining: 1,
      keepAliveTimeout: 10_000,
      connect: { timeout: Math.min(timeoutMs, 10_000) },
    });
  }

  async send(req: RawRequest): Promise<RawResponse> {
    try {
      return await this.#exchange(req);
    } catch (err) {
      throw this.#mapNetworkError(err);
    }
  }

  /**
   * One request on the pool through undici's handler interface (what its own `request()` is
   * built on), collecting the body straight into buffers: no response stream and no async
   * iterator per call, which cost more than the rest of this function on the per-call path.
   * The hard timeout is a plain timer, cleared as soon as the exchange ends (AbortSignal.timeout
   * keeps its timer alive for the whole timeout, and under load tens of thousands of them).
   */
  #exchange(req: RawRequest): Promise<RawResponse> {
    return new Promise<RawResponse>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let status = 0;
      let headers: Record<string, string> = {};
      let settled = false;
      let abort: ((reason?: Error) => void) | undefined;
      const finish = (err: unknown, res?: RawResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (res) resolve(res);
        else reject(err);
      };
      const stop = (reason: Error) => {
        if (abort) abort(reason);
        // Still waiting for a connection of the pool: nothing was written, and onConnect
        // (undici calls it right before writing) makes sure nothing ever will be.
        else finish(reason.name === 'TimeoutError' ? new NotSentInTime() : reason);
      };
      const timer = setTimeout(() => stop(new DOMException('bunq did not answer in time', 'TimeoutError')), this.#timeoutMs);
      timer.unref();
      this.#pool.dispatch(
        {
          method: req.method,
          path: req.target,
          headers: req.headers,
          body: req.body ?? null,
          headersTimeout: this.#timeoutMs,
          bodyTimeout: this.#timeoutMs,
        },
        {
          onConnect: (abortRequest: (reason?: Error) => void) => {
            abort = abortRequest;
            // Given up on while queued for a connection: the request must never leave later,
            // after the caller was told it timed out (a payment written off, then executed).
            if (settled) abortRequest(new NotSentInTime());
          },
          onHeaders: (statusCode: number, rawHeaders: Buffer[]) => {
            status = statusCode;
            headers = joinHeaders(rawHeaders);
            return true;
          },
          onData: (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) {
              stop(new BunqApiError(status, 'response exceeds the size limit', { outcome: 'unknown' }));
              return false;
            }
            chunks.push(chunk);
            return true;
          },
          onComplete: () => finish(undefined, { status, headers, body: Buffer.concat(chunks, size) }),
          onError: (err: Error) => finish(err),
        },
      );
    });
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }

  #mapNetworkError(err: unknown): UpstreamError {
    if (err instanceof BunqApiError) return err;
    if (err instanceof NotSentInTime) {
      return new UpstreamUnavailable('no connection to bunq became free in time; the call was NOT sent', { outcome: 'definite', cause: err });
    }
    const e = err as { name?: string; code?: string; syscall?: string };
    if (e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT') {
      return new UpstreamTimeout(this.#timeoutMs, { cause: err });
    }
    const code = e.code ?? '';
    if (NOT_SENT_CODES.has(code) || e.syscall === 'getaddrinfo' || isTlsHandshakeError(code)) {
      return new UpstreamUnavailable(`bunq could not be reached (${code || 'connect failed'})`, {
        outcome: 'definite',
        cause: err,
      });
    }
    return new UpstreamUnavailable(`connection to bunq failed (${code || e.name || 'error'})`, {
      outcome: 'unknown',
      cause: err,
    });
  }
}

/** The exchange timed out before undici handed the request to a connection: nothing was sent. */
class NotSentInTime extends Error {
  constructor() {
    super('bunq did not take the call within the timeout; it was not sent');
    this.name = 'NotSentInTime';
  }
}

/** Lower-case names; repeated headers joined with ', ' (as RawResponse documents). */
function joinHeaders(raw: readonly Buffer[]): Record<string, string> {
  // No prototype: a header named "__proto__" is just a header.
  const headers = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('latin1');
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return headers;
}

/** Certificate / TLS handshake failures happen before any HTTP byte is written. */
function isTlsHandshakeError(code: string): boolean {
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT)/.test(code);
}
