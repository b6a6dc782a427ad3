/**
 * The control API over HTTP under /_emulator (brief), so a standalone emulator process can be
 * driven by the demo or a separate-process test. Plain JSON (not bunq envelopes), not signed,
 * not recorded in the request log, not rate limited. Routes:
 *   GET  /_emulator/stats                      GET  /_emulator/server-public-key
 *   POST /_emulator/sandbox-user {kind}        GET  /_emulator/users/{id}   …/users/{id}/accounts
 *   GET  /_emulator/requests?method=&pathPrefix=&pathIncludes=     DELETE /_emulator/requests
 *   GET|POST|PUT|DELETE /_emulator/faults      (POST appends, PUT replaces, body: fault | fault[] | null)
 *   POST /_emulator/expire-sessions            PUT  /_emulator/rate-limits {enabled}
 *   GET  /_emulator/clock                      POST /_emulator/clock/advance {ms} (ManualClock only)
 *   GET  /_emulator/accounts/{id}  …/{id}/payments  …/{id}/draft-payments  …/{id}/request-inquiries
 *   GET  /_emulator/payments/{id}              GET  /_emulator/payments?client_request_id=…
 *   POST /_emulator/draft-payments/{id}/accept POST /_emulator/draft-payments/{id}/reject
 */
import type { ServerResponse } from 'node:http';
import type { EmulatorControl } from './control';
import { parseFaults } from './fault-schema';

type Body = Record<string, unknown> | null;
type Action = (m: RegExpExecArray, body: Body, url: URL) => unknown;

const id = (m: RegExpExecArray): number => Number(m[1]);

function routes(c: EmulatorControl): [string, RegExp, Action][] {
  const filter = (u: URL) => Object.fromEntries(['method', 'pathPrefix', 'pathIncludes'].flatMap((k) => (u.searchParams.get(k) ? [[k, u.searchParams.get(k)]] : [])));
  return [
    ['GET', /^\/stats$/, () => c.stats()],
    ['GET', /^\/server-public-key$/, () => ({ server_public_key: c.serverPublicKeyPem })],
    ['POST', /^\/sandbox-user$/, (_m, b) => c.createSandboxUser(b?.['kind'] === 'company' ? 'company' : 'person')],
    ['GET', /^\/users\/(\d+)$/, (m) => c.getUser(id(m))],
    ['GET', /^\/users\/(\d+)\/accounts$/, (m) => c.listAccounts(id(m))],
    ['GET', /^\/requests$/, (_m, _b, u) => { const r = c.requests(filter(u)); return { count: r.length, requests: r }; }],
    ['DELETE', /^\/requests$/, () => { c.clearRequests(); return { ok: true }; }],
    ['GET', /^\/faults$/, () => c.faults()],
    ['POST', /^\/faults$/, (_m, b) => { parseFaults(b).forEach((f) => c.addFault(f)); return c.faults(); }],
    ['PUT', /^\/faults$/, (_m, b) => { c.setFault(b === null ? null : parseFaults(b)); return c.faults(); }],
    ['DELETE', /^\/faults$/, () => { c.clearFaults(); return c.faults(); }],
    ['POST', /^\/expire-sessions$/, () => { c.expireSessions(); return { ok: true }; }],
    ['PUT', /^\/rate-limits$/, (_m, b) => { c.setRateLimits(b?.['enabled'] !== false); c.resetRateLimits(); return { enabled: b?.['enabled'] !== false }; }],
    ['GET', /^\/clock$/, () => ({ now: c.clock.now() })],
    ['POST', /^\/clock\/advance$/, (_m, b) => {
      const clock = c.clock as { advance?: (ms: number) => void; now(): number };
      if (typeof clock.advance !== 'function') throw new Error('the emulator clock is not a ManualClock');
      clock.advance(Number(b?.['ms'] ?? 0));
      return { now: clock.now() };
    }],
    ['GET', /^\/accounts\/(\d+)$/, (m) => c.getAccount(id(m))],
    ['GET', /^\/accounts\/(\d+)\/payments$/, (m) => c.listPayments(id(m))],
    ['GET', /^\/accounts\/(\d+)\/draft-payments$/, (m) => c.listDraftPayments(id(m))],
    ['GET', /^\/accounts\/(\d+)\/request-inquiries$/, (m) => c.listRequestInquiries(id(m))],
    ['GET', /^\/payments\/(\d+)$/, (m) => c.getPayment(id(m))],
    ['GET', /^\/payments$/, (_m, _b, u) => c.findPaymentsByClientRequestId(u.searchParams.get('client_request_id') ?? '')],
    ['POST', /^\/draft-payments\/(\d+)\/accept$/, (m) => c.acceptDraftPayment(id(m))],
    ['POST', /^\/draft-payments\/(\d+)\/reject$/, (m) => { c.rejectDraftPayment(id(m)); return c.getDraftPayment(id(m)); }],
  ];
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value ?? null);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(body);
}

export function createControlHandler(control: EmulatorControl) {
  const table = routes(control);
  return (method: string, url: URL, rawBody: Buffer, res: ServerResponse): void => {
    const sub = url.pathname.slice('/_emulator'.length) || '/';
    let pathKnown = false;
    for (const [m, re, action] of table) {
      const match = re.exec(sub);
      if (!match) continue;
      pathKnown = true;
      if (m !== method) continue;
      try {
        const text = rawBody.toString('utf8').trim();
        const body = text === '' ? null : (JSON.parse(text) as Body);
        const value = action(match, body, url);
        return value === undefined ? reply(res, 404, { error: 'not found' }) : reply(res, 200, value);
      } catch (e) {
        return reply(res, 400, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    reply(res, pathKnown ? 405 : 404, { error: pathKnown ? 'method not allowed' : 'not found' });
  };
}
