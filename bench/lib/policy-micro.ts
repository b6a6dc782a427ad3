/**
 * The policy decision alone, in this process on one core: a GET of an account normalised
 * against the catalog (method, headers, path, query) and decided for a real token record.
 */
import { normalizeRequest } from '../../src/policy/normalize-request';
import { decideForChain } from '../../src/steps/decide-for-chain';
import type { Runtime } from '../../src/runtime';
import type { TokenRecord } from '../../src/store/token-repo';

export interface PolicyRates {
  readonly normalizeAndDecide: number;
  readonly decideOnly: number;
}

export function policyDecisionsPerSecond(runtime: Runtime, token: TokenRecord, bunqUserId: number, accountId: number): PolicyRates {
  const raw = {
    requestId: 'bench',
    clientIp: '127.0.0.1',
    method: 'GET',
    target: `/v1/user/${bunqUserId}/monetary-account/${accountId}`,
    rawHeaders: ['Host', '127.0.0.1', 'Authorization', 'Bearer x', 'User-Agent', 'bench'],
    body: Buffer.alloc(0),
  };
  const principal = { token, ancestors: [] };
  const ctx = { bunqUserId, now: Date.now(), catalog: runtime.catalog };
  const call = normalizeRequest(raw, runtime.catalog);
  const check = decideForChain(call, principal, ctx);
  if (!check.allowed) throw new Error(`bench call is denied: ${check.reasonId}`);
  return {
    normalizeAndDecide: rate(() => decideForChain(normalizeRequest(raw, runtime.catalog), principal, ctx).allowed),
    decideOnly: rate(() => decideForChain(call, principal, ctx).allowed),
  };
}

/** Operations per second over ~1.5 s, after a 0.3 s warm-up. */
function rate(op: () => boolean): number {
  const run = (ms: number): number => {
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 1000; i++) if (op()) n++;
    }
    return n;
  };
  run(300);
  const started = performance.now();
  const n = run(1500);
  return n / ((performance.now() - started) / 1000);
}
