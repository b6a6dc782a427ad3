/**
 * The request pipeline for /v1: record → faults → route (404/405) → User-Agent → rate limit →
 * authentication → signature → request-id reuse → handler → signed response. Each step cites its
 * rule in its own module. Unexpected exceptions become a signed bunq 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bunqErrorBody, toBunqJson } from '../../lib/bunq-json';
import type { Emulator } from '../emulator';
import { RequestContext } from './context';
import { BunqHttpError, TEXT, tooManyRequestsText } from './errors';
import type { Router } from './router';
import type { AppliedFaults, Terminal } from './faults';
import type { RecordedRequest } from './request-log';
import { authenticate } from './auth';
import { checkRequestId, checkSignature, checkUserAgent } from './checks';
import { sendBunq } from './respond';
import { limitFor } from './rate-limit';
import { clientIp, flattenHeaders } from './raw-body';

interface Reply {
  status: number;
  body: string;
}

function errorReply(e: unknown): Reply {
  if (e instanceof BunqHttpError) return { status: e.status, body: bunqErrorBody(e.description, e.extra) };
  return { status: 500, body: bunqErrorBody(`Emulator error: ${e instanceof Error ? e.message : String(e)}`) };
}

function faultReply(t: Exclude<Terminal, { kind: 'drop-connection' }>, method: string, path: string): Reply {
  if (t.kind === 'rate-limit') {
    const l = limitFor(method, path);
    return { status: 429, body: bunqErrorBody(tooManyRequestsText(l.limit, l.windowSeconds)) };
  }
  return { status: t.status, body: bunqErrorBody(t.message) };
}

function attribute(ctx: RequestContext, rec: RecordedRequest): void {
  const { state } = ctx.em;
  const token = ctx.header('x-bunq-client-authentication');
  const owner = token ? state.tokenOwners.get(token) : undefined;
  let secret: unknown;
  try { secret = ctx.rawBody.length ? (JSON.parse(ctx.rawBody.toString('utf8')) as { secret?: unknown }).secret : undefined; } catch { secret = undefined; }
  const user = owner ? state.users.get(owner.userId) : typeof secret === 'string' ? state.usersByApiKey.get(secret) : undefined;
  rec.apiKey = user?.apiKey ?? null;
  rec.userId = user?.id ?? null;
}

function run(ctx: RequestContext, router: Router): Reply {
  const m = router.match(ctx.method, ctx.path);
  if (m.kind === 'not-found') throw new BunqHttpError(404, TEXT.routeNotFound);
  if (m.kind === 'method-not-allowed') throw new BunqHttpError(405, TEXT.methodNotAllowed);
  ctx.params = m.params;
  checkUserAgent(ctx);
  if (ctx.em.rateLimits) {
    const over = ctx.em.limiter.hit(ctx.ip, ctx.method, m.route.template);
    if (over) throw new BunqHttpError(429, tooManyRequestsText(over.limit, over.windowSeconds));
  }
  authenticate(ctx, m.route.auth);
  checkSignature(ctx, m.route);
  checkRequestId(ctx);
  const result = m.route.handler(ctx);
  return { status: result.status ?? 200, body: toBunqJson(result.body) };
}

export async function handleBunq(
  em: Emulator, router: Router, req: IncomingMessage, res: ServerResponse, url: URL, rawBody: Buffer,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const pathWithQuery = `${url.pathname}${url.search}`;
  const ctx = new RequestContext(em, method, url.pathname, url.searchParams, req.headers, rawBody, clientIp(req), em.clock.now());
  const rec = em.log.add({
    method, path: pathWithQuery, headers: flattenHeaders(req.headers), body: rawBody.toString('utf8'),
    receivedAt: ctx.now, ip: ctx.ip, apiKey: null, userId: null, status: null,
  });
  attribute(ctx, rec);
  const faults: AppliedFaults = em.faults.take(method, url.pathname);
  if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
  if (req.socket.destroyed) return;
  const drop = (): void => { req.socket.destroy(); };
  if (faults.before?.kind === 'drop-connection') return drop();
  let reply: Reply;
  if (faults.before) reply = faultReply(faults.before, method, url.pathname);
  else {
    try { reply = run(ctx, router); } catch (e) { reply = errorReply(e); }
    attribute(ctx, rec);
    if (faults.after?.kind === 'drop-connection') return drop();
    if (faults.after) reply = faultReply(faults.after, method, url.pathname);
  }
  rec.status = reply.status;
  sendBunq(em, res, reply.status, reply.body, { requestId: ctx.clientRequestId, corrupt: faults.corruptSignature });
}
