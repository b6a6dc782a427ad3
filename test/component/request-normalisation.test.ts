// Issue #3 (a focused set; the larger attack corpus is a later issue): requests whose path,
// method, headers or body are ambiguous or unexpected are refused at the gateway, never
// guessed at, and none of them reaches bunq. Sent with a raw HTTP client so the bytes on the
// wire are exactly the ones written here.
import http from 'node:http';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { upstreamCalls } from './support/calls';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
let bearer: string;
let u: number;
let acc: number;

beforeAll(async () => {
  t = await startTestGateway();
  bearer = (
    await t.issue({
      scopes: ['read-user', 'read-balance', 'read-transactions', 'create-payment'],
      accounts: [t.personal.id],
      payment: { maxPerPayment: '10.00', ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
    })
  ).bearer;
  u = t.user.userId;
  acc = t.personal.id;
});
afterAll(async () => t?.close());

interface Raw {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

function send(r: Raw): Promise<{ status: number; body: string }> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        agent: false,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(r.body !== undefined ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}),
          ...r.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

const json = { 'content-type': 'application/json' };
const pay = (amount: string) => `{"amount":{"value":"${amount}","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}`;

test('when a well-formed request is sent the same way, then it goes through (the raw client itself is sound)', async () => {
  const before = upstreamCalls(t);
  expect((await send({ method: 'GET', path: `/v1/user/${u}/monetary-account/${acc}` })).status).toBe(200);
  expect((await send({ method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: json, body: pay('1.00') })).status).toBe(200);
  expect(upstreamCalls(t) - before).toBe(2);
});

const cases: [string, () => Raw][] = [
  ['an encoded slash in the path', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account%2F${acc}` })],
  ['an encoded slash inside an id', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/${acc}%2Fpayment` })],
  ['dot segments', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/9999/../${acc}` })],
  ['an encoded dot segment', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/9999/%2e%2e/${acc}` })],
  ['a single-dot segment', () => ({ method: 'GET', path: `/v1/user/${u}/./monetary-account/${acc}` })],
  ['a double slash', () => ({ method: 'GET', path: `/v1/user/${u}//monetary-account/${acc}` })],
  ['a trailing slash', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/${acc}/` })],
  ['an unknown path', () => ({ method: 'GET', path: `/v1/user/${u}/card` })],
  ['a path outside /v1', () => ({ method: 'GET', path: `/v2/user/${u}/monetary-account/${acc}` })],
  ['a leading-zero id', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/0${acc}` })],
  ['HEAD', () => ({ method: 'HEAD', path: `/v1/user/${u}/monetary-account/${acc}` })],
  ['OPTIONS', () => ({ method: 'OPTIONS', path: `/v1/user/${u}/monetary-account/${acc}` })],
  ['PATCH', () => ({ method: 'PATCH', path: `/v1/user/${u}/monetary-account/${acc}`, headers: json, body: '{}' })],
  ['DELETE on a payment list', () => ({ method: 'DELETE', path: `/v1/user/${u}/monetary-account/${acc}/payment` })],
  ['X-HTTP-Method-Override on a GET', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: { 'x-http-method-override': 'POST' } })],
  ['X-HTTP-Method-Override on a POST', () => ({ method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: { ...json, 'x-http-method-override': 'PUT' }, body: pay('1.00') })],
  ['duplicate JSON keys (amount twice)', () => ({
    method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: json,
    body: `{"amount":{"value":"1.00","currency":"EUR"},"amount":{"value":"9999.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}`,
  })],
  ['duplicate nested JSON keys (value twice)', () => ({
    method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: json,
    body: `{"amount":{"value":"1.00","value":"9999.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"${PAYEE}","name":"P"},"description":"x"}`,
  })],
  ['a non-JSON content type', () => ({ method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=1.00' })],
  ['a JSON body sent as text/plain', () => ({ method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: { 'content-type': 'text/plain' }, body: pay('1.00') })],
  ['a body that is not JSON', () => ({ method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: json, body: '{"amount":' })],
  ['a body on a GET', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/${acc}`, headers: json, body: '{"a":1}' })],
  ['a 70 KiB body', () => ({ method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: json, body: `{"description":"${'x'.repeat(70 * 1024)}"}` })],
  ['a gzip-encoded body', () => ({ method: 'POST', path: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.from([0x1f, 0x8b, 0x08, 0x00]) })],
  ['an unknown query parameter', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/${acc}/payment?count=10&monetary_account_id=5201` })],
  ['a repeated query parameter', () => ({ method: 'GET', path: `/v1/user/${u}/monetary-account/${acc}/payment?count=10&count=200` })],
];

test.each(cases)('when the request has %s, then it is refused and nothing reaches bunq', async (_what, make) => {
  const before = upstreamCalls(t);
  const res = await send(make());
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(upstreamCalls(t) - before).toBe(0);
});
