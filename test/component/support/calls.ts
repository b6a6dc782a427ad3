// Shared helpers for the component and end-to-end tests of issue #3: calls through the
// gateway with a token, and counting what reached the bunq emulator (bunq-facing calls only:
// the gateway's own session handshake is not a forwarded call).
import request from 'supertest';
import type { Response } from 'supertest';
import type { TestGateway } from '../../helpers/test-gateway';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface CallOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** One call through the gateway with `Authorization: Bearer <token>`. */
export function call(t: TestGateway, method: Method, path: string, token: string, opts: CallOptions = {}): Promise<Response> {
  const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  let req = request(t.url)[m](path).set('Authorization', `Bearer ${token}`);
  for (const [k, v] of Object.entries(opts.headers ?? {})) req = req.set(k, v);
  if (opts.body !== undefined) {
    req = req.set('Content-Type', 'application/json');
    return req.send(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
  }
  return req;
}

/** Requests the emulator received for the bunq API proper (everything under /v1/user…). */
export function upstreamCalls(t: TestGateway): number {
  return t.emulator.control.requestCount({ pathPrefix: '/v1/user' });
}

/** Runs `fn` and returns its result with the number of /v1/user… requests the emulator got meanwhile. */
export async function counting<T>(t: TestGateway, fn: () => Promise<T>): Promise<{ result: T; upstream: number }> {
  const before = upstreamCalls(t);
  const result = await fn();
  return { result, upstream: upstreamCalls(t) - before };
}

/** The first bunq-style error object of a refusal. */
export function errorOf(res: Response): Record<string, unknown> {
  const body = res.body as { Error?: Record<string, unknown>[] };
  return body.Error?.[0] ?? {};
}

export function paymentBody(value: unknown, iban: string, description = 'invoice'): Record<string, unknown> {
  return { amount: { value, currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: iban, name: 'Payee' }, description };
}

/** bunq's "2026-11-24 13:40:04.912000" (UTC) to epoch ms. */
export function bunqTime(value: string): number {
  return Date.parse(`${value.replace(' ', 'T').slice(0, 23)}Z`);
}

/** The objects in a bunq list answer: [{Payment:{…}}] → [{…}]. */
export function items(res: Response): Record<string, unknown>[] {
  const body = res.body as { Response?: Record<string, Record<string, unknown>>[] };
  return (body.Response ?? []).map((wrapped) => Object.values(wrapped)[0]!);
}
