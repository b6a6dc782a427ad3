/**
 * The policy decision alone, in this process on one core, for real token records: a GET of an
 * account and a payment POST (body parsed and checked against amount, currency, IBAN allowlist),
 * each normalised against the catalog (method, headers, path, query, body) and decided.
 */
import { normalizeRequest } from '../../src/policy/normalize-request';
import { decideForChain } from '../../src/steps/decide-for-chain';
import type { RawCall } from '../../src/policy/call';
import type { Runtime } from '../../src/runtime';
import type { TokenRecord } from '../../src/store/token-repo';

export interface PolicyRates {
  readonly read: number;
  readonly payment: number;
}

export function policyDecisionsPerSecond(
  runtime: Runtime,
  tokens: { reader: TokenRecord; payer: TokenRecord },
  bunqUserId: number,
  accountId: number,
  counterpartyIban: string,
): PolicyRates {
  const headers = ['Host', '127.0.0.1', 'Authorization', 'Bearer x', 'User-Agent', 'bench'];
  const read: RawCall = {
    requestId: 'bench',
    clientIp: '127.0.0.1',
    method: 'GET',
    target: `/v1/user/${bunqUserId}/monetary-account/${accountId}`,
    rawHeaders: headers,
    body: Buffer.alloc(0),
  };
  const payment: RawCall = {
    ...read,
    method: 'POST',
    target: `${read.target}/payment`,
    rawHeaders: [...headers, 'Content-Type', 'application/json'],
    body: Buffer.from(
      JSON.stringify({
        amount: { value: '12.50', currency: 'EUR' },
        counterparty_alias: { type: 'IBAN', value: counterpartyIban, name: 'Supplier BV' },
        description: 'Invoice 42',
      }),
    ),
  };
  const ctx = { bunqUserId, now: Date.now(), catalog: runtime.catalog };
  const decideOne = (raw: RawCall, token: TokenRecord) =>
    decideForChain(normalizeRequest(raw, runtime.catalog), { token, ancestors: [] }, ctx).allowed;
  for (const [raw, token] of [[read, tokens.reader], [payment, tokens.payer]] as const) {
    if (!decideOne(raw, token)) throw new Error(`bench call ${raw.method} ${raw.target} is denied`);
  }
  return { read: rate(() => decideOne(read, tokens.reader)), payment: rate(() => decideOne(payment, tokens.payer)) };
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
