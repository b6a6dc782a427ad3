/**
 * The gateway's HTTP shell, on plain node:http: security headers (helmet's, computed once:
 * security-headers.ts), health endpoints, tokens only over TLS or loopback (check-transport.ts),
 * the raw body bytes (whatever the Content-Type: some bunq clients send none), and everything
 * else to the pipeline, which refuses what it does not know. This layer carries bytes; it
 * decides nothing.
 *
 * Why not express here (the admin listener uses it): every call crosses this layer, and on this
 * machine express's router costs more CPU per call than the whole bare proxy does
 * (../shared/reference/node-gateway-performance.md: +115 µs vs 48 µs). The gateway has two fixed
 * routes and a catch-all, so a router buys nothing; the body is still read by raw-body, the
 * library express's own body parser uses, with the same rules (limit, length check, no inflating).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import getRawBody from 'raw-body';
import { GatewayError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { transportRefusal } from './check-transport';
import { secureHeaderList } from './security-headers';
import { errorResponse, type GatewayResponse } from './error-responder';
import { toRawCall, writeAnswer, type CallHandler } from './to-handler';
import { DERIVE_PATH } from '../tokens/derive-handler';

export const MAX_BODY_BYTES = 64 * 1024;

export interface AppDeps {
  readonly handleCall: CallHandler;
  /** POST /gateway/tokens/derive: a token holder derives a narrower token. */
  readonly handleDerive: CallHandler;
  readonly logger: Logger;
  /** Whether the gateway can serve (database open, bunq context loaded). */
  readonly readiness: () => Promise<{ ready: boolean; detail: Record<string, unknown> }>;
  /** GATEWAY_ALLOW_INSECURE_HTTP: accept plain HTTP from other machines (default false). */
  readonly allowInsecureHttp?: boolean;
}

export function createApp(deps: AppDeps): RequestListener {
  const secureHeaders = secureHeaderList();
  const allowInsecureHttp = deps.allowInsecureHttp === true;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if ((req.method === 'GET' || req.method === 'HEAD') && (req.url === '/healthz' || req.url === '/readyz')) {
      const answer = req.url === '/healthz' ? { status: 200, body: { status: 'ok' } } : await readiness(deps);
      writeAnswer(res, { status: answer.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(answer.body) }, secureHeaders);
      return;
    }
    const refusal = transportRefusal(allowInsecureHttp, req) ?? unsupportedCoding(req);
    if (refusal) {
      await drain(req);
      throw refusal;
    }
    const body = await readBody(req);
    const handle = req.method === 'POST' && req.url === DERIVE_PATH ? deps.handleDerive : deps.handleCall;
    const raw = toRawCall(req, body);
    writeAnswer(res, await handle(raw), secureHeaders, raw.requestId);
  };

  return (req, res) => {
    route(req, res).catch((e: unknown) => fail(res, e, secureHeaders, deps.logger));
  };
}

async function readiness(deps: AppDeps): Promise<{ status: number; body: Record<string, unknown> }> {
  const { ready, detail } = await deps.readiness();
  return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not_ready', ...detail } };
}

/**
 * Node decodes only the chunked transfer-coding; any other ("gzip, chunked") would reach the
 * parser still encoded. RFC 9112 §6.1: a coding the server does not understand is refused (501).
 * A Content-Encoding is refused too (415), never unpacked and guessed at.
 */
function unsupportedCoding(req: IncomingMessage): GatewayError | undefined {
  const coding = req.headers['transfer-encoding'];
  if (coding !== undefined && coding.trim().toLowerCase() !== 'chunked') {
    return new GatewayError('invalid_request', 501, 'Only the chunked transfer-coding is supported.');
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') return new GatewayError('invalid_request', 415, 'The request could not be read.');
  return undefined;
}

/** The body bytes, at most MAX_BODY_BYTES; a request without a body (no length, not chunked) has none. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] === undefined && (length === undefined || Number.isNaN(Number(length)))) {
    return Buffer.alloc(0);
  }
  try {
    return await getRawBody(req, { limit: MAX_BODY_BYTES, ...(length === undefined ? {} : { length }) });
  } catch (err) {
    // Read off the rest of the request first (as express's body parser does), so the refusal is
    // not written into a connection the client is still sending on.
    await drain(req);
    const status = (err as { status?: number }).status;
    if (status === 413) throw new GatewayError('invalid_request', 413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    throw new GatewayError('invalid_request', status !== undefined && status >= 400 && status < 500 ? status : 400, 'The request could not be read.');
  }
}

function drain(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    finished(req, () => resolve());
    req.resume();
  });
}

function fail(res: ServerResponse, err: unknown, secureHeaders: readonly string[], logger: Logger): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const answer: GatewayResponse = errorResponse(err, logger, '-');
  writeAnswer(res, answer, secureHeaders);
}
