// OWASP API8:2023 Security Misconfiguration (and API5 via method tricks): request-targets and
// methods written so that a checker and a forwarder could read them differently. Every one is
// refused at the gateway with an exact status and error code, and the recording emulator
// receives nothing for it. Sent over a raw socket: no client normalises these bytes.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { JSON_CT, auth, expectRefused, paymentJson, sendRaw, upstreamCount, type AttackCase, type RawRequest } from './support/kit';

let t: TestGateway;
let bearer: string;
let u: number;
let acc: number;
let other: number;

beforeAll(async () => {
  t = await startTestGateway();
  bearer = (
    await t.issue({
      scopes: ['read-user', 'read-balance', 'read-transactions', 'create-payment'],
      accounts: [t.personal.id],
      payment: { maxPerPayment: '10.00', ibanAllowlist: ['NL91ABNA0417164300'], sourceAccounts: [t.personal.id] },
    })
  ).bearer;
  u = t.user.userId;
  acc = t.personal.id;
  other = t.savings.id;
});
afterAll(async () => t?.close());

const get = (target: () => string, extra: readonly (readonly [string, string])[] = []): (() => RawRequest) => () => ({
  method: 'GET',
  target: target(),
  headers: [auth(bearer), ...extra],
});
const BAD = { status: 400, code: 'invalid_request' } as const;
const UNKNOWN = { status: 403, code: 'endpoint_not_allowed' } as const;
const METHOD = { status: 405, code: 'invalid_request' } as const;
const PARSER = { status: 400, code: null } as const; // node's HTTP parser refuses before the gateway runs

test('control: the same raw client gets the allowed calls through (so every refusal below is the gateway\'s)', async () => {
  const before = upstreamCount(t);
  const a = await sendRaw(t.url, { method: 'GET', target: `/v1/user/${u}/monetary-account/${acc}`, headers: [auth(bearer)] });
  const b = await sendRaw(t.url, { method: 'POST', target: `/v1/user/${u}/monetary-account/${acc}/payment`, headers: [auth(bearer), JSON_CT], body: paymentJson('1.00') });
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(upstreamCount(t) - before).toBe(2);
});

const pathCases: AttackCase[] = [
  // percent-encoding of any kind
  { name: 'encoded slash %2f between segments', request: get(() => `/v1/user/${u}/monetary-account%2f${acc}`), expect: BAD },
  { name: 'encoded slash %2F between segments', request: get(() => `/v1/user/${u}/monetary-account%2F${acc}`), expect: BAD },
  { name: 'encoded slash inside an id', request: get(() => `/v1/user/${u}/monetary-account/${acc}%2Fpayment`), expect: BAD },
  { name: 'encoded dot-dot %2e%2e', request: get(() => `/v1/user/${u}/monetary-account/${other}/%2e%2e/${acc}`), expect: BAD },
  { name: 'encoded dot-dot %2E%2E', request: get(() => `/v1/user/${u}/monetary-account/${other}/%2E%2E/${acc}`), expect: BAD },
  { name: 'half-encoded dot-dot .%2e', request: get(() => `/v1/user/${u}/monetary-account/${other}/.%2e/${acc}`), expect: BAD },
  { name: 'double-encoded slash %252f', request: get(() => `/v1/user/${u}/monetary-account%252f${acc}`), expect: BAD },
  { name: 'double-encoded dot-dot %252e%252e', request: get(() => `/v1/user/${u}/monetary-account/${other}/%252e%252e/${acc}`), expect: BAD },
  { name: 'an encoded letter %75ser', request: get(() => `/v1/%75ser/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'an encoded digit in an id', request: get(() => `/v1/user/${u}/monetary-account/%3${String(acc)[0]}${String(acc).slice(1)}`), expect: BAD },
  { name: 'encoded null byte %00', request: get(() => `/v1/user/${u}/monetary-account/${acc}%00`), expect: BAD },
  { name: 'encoded backslash %5c', request: get(() => `/v1/user/${u}/monetary-account/${other}%5c..%5c${acc}`), expect: BAD },
  { name: 'overlong UTF-8 slash %c0%af', request: get(() => `/v1/user/${u}/monetary-account%c0%af${acc}`), expect: BAD },
  // slashes and dot segments
  { name: 'a doubled slash', request: get(() => `/v1/user/${u}//monetary-account/${acc}`), expect: BAD },
  { name: 'a leading doubled slash', request: get(() => `//v1/user/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'a trailing slash', request: get(() => `/v1/user/${u}/monetary-account/${acc}/`), expect: BAD },
  { name: 'a single-dot segment', request: get(() => `/v1/user/${u}/./monetary-account/${acc}`), expect: BAD },
  { name: 'a dot-dot segment back to an allowed account', request: get(() => `/v1/user/${u}/monetary-account/${other}/../${acc}`), expect: BAD },
  { name: 'a dot-dot segment climbing out of /v1', request: get(() => `/v1/../v1/user/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'a trailing dot segment', request: get(() => `/v1/user/${u}/monetary-account/${acc}/.`), expect: BAD },
  { name: 'a backslash as separator', request: get(() => `/v1/user/${u}/monetary-account\\${acc}`), expect: BAD },
  { name: 'a backslash dot-dot', request: get(() => `/v1/user/${u}/monetary-account/${other}\\..\\${acc}`), expect: BAD },
  // case, prefix, version
  { name: 'upper-case /V1/', request: get(() => `/V1/user/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'mixed-case /v1/User', request: get(() => `/v1/User/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'upper-case literal MONETARY-ACCOUNT', request: get(() => `/v1/user/${u}/MONETARY-ACCOUNT/${acc}`), expect: BAD },
  { name: 'a path outside /v1 (/v2)', request: get(() => `/v2/user/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'no version prefix', request: get(() => `/user/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'an absolute-form target naming another host', request: get(() => `http://evil.example/v1/user/${u}/monetary-account/${acc}`), expect: BAD },
  { name: 'an asterisk-form target', request: get(() => '*'), expect: BAD },
  { name: 'an underscore instead of a dash', request: get(() => `/v1/user/${u}/monetary_account/${acc}`), expect: BAD },
  // matrix parameters, fragments, overlong
  { name: 'a matrix parameter ;x=1', request: get(() => `/v1/user/${u}/monetary-account;x=1/${acc}`), expect: BAD },
  { name: 'a matrix parameter on the id', request: get(() => `/v1/user/${u}/monetary-account/${acc};id=${other}`), expect: BAD },
  { name: 'a fragment', request: get(() => `/v1/user/${u}/monetary-account/${acc}#${other}`), expect: BAD },
  { name: 'an overlong path (600 chars)', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment?count=1${'&'.repeat(600)}`), expect: BAD },
  { name: 'an overlong path of segments', request: get(() => `/v1/user/${u}/${'a/'.repeat(300)}monetary-account/${acc}`), expect: BAD },
  // non-ASCII, control characters
  { name: 'fullwidth digits in an id', request: get(() => `/v1/user/${u}/monetary-account/\uff11\uff12`), expect: PARSER },
  { name: 'percent-encoded fullwidth digits in an id', request: get(() => `/v1/user/${u}/monetary-account/%EF%BC%91%EF%BC%92`), expect: BAD },
  { name: 'a Cyrillic letter in a literal', request: get(() => `/v1/user/${u}/monetary-\u0430ccount/${acc}`), expect: PARSER },
  { name: 'a percent-encoded Cyrillic letter in a literal', request: get(() => `/v1/user/${u}/monetary-%D0%B0ccount/${acc}`), expect: BAD },
  { name: 'a raw tab in the path', request: get(() => `/v1/user/${u}/monetary-account/\t${acc}`), expect: PARSER },
  { name: 'a raw null byte in the path', request: get(() => `/v1/user/${u}/monetary-account/${acc}\u0000`), expect: PARSER },
  // ids
  { name: 'an id with a leading zero', request: get(() => `/v1/user/${u}/monetary-account/0${acc}`), expect: BAD },
  { name: 'an id with a plus sign', request: get(() => `/v1/user/${u}/monetary-account/+${acc}`), expect: BAD },
  { name: 'an id with a minus sign', request: get(() => `/v1/user/${u}/monetary-account/-${acc}`), expect: BAD },
  { name: 'an id in exponent form', request: get(() => `/v1/user/${u}/monetary-account/${acc}e0`), expect: BAD },
  { name: 'an id with a decimal point', request: get(() => `/v1/user/${u}/monetary-account/${acc}.0`), expect: BAD },
  { name: 'a hex id', request: get(() => `/v1/user/${u}/monetary-account/0x${acc.toString(16)}`), expect: BAD },
  { name: 'an id beyond 2^53', request: get(() => `/v1/user/${u}/monetary-account/9007199254740993`), expect: BAD },
  { name: 'an id of 20 digits', request: get(() => `/v1/user/${u}/monetary-account/12345678901234567890`), expect: BAD },
  { name: 'an id of zero', request: get(() => `/v1/user/${u}/monetary-account/0`), expect: BAD },
  { name: 'an id wrapped to the allowed one modulo 2^32', request: get(() => `/v1/user/${u}/monetary-account/${4294967296 + acc}`), expect: { status: 403, code: 'account_not_allowed' } },
  // unknown endpoints
  { name: 'an unknown endpoint (card)', request: get(() => `/v1/user/${u}/card`), expect: UNKNOWN },
  { name: 'an unknown sub-resource (attachment)', request: get(() => `/v1/user/${u}/monetary-account/${acc}/attachment`), expect: UNKNOWN },
  { name: 'an extra segment after a known path', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment/1/extra`), expect: UNKNOWN },
  { name: 'the bare /v1/ prefix', request: get(() => '/v1/x'), expect: UNKNOWN },
  // query tricks
  { name: 'an unknown query parameter', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment?monetary_account_id=${other}`), expect: BAD },
  { name: 'a repeated query parameter', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment?count=10&count=200`), expect: BAD },
  { name: 'count above 200', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment?count=201`), expect: BAD },
  { name: 'a query on an endpoint that takes none', request: get(() => `/v1/user/${u}/monetary-account/${acc}?count=1`), expect: BAD },
  { name: 'an empty query', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment?`), expect: BAD },
  { name: 'older_id and newer_id together', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment?older_id=5&newer_id=6`), expect: BAD },
  { name: 'a bracketed array parameter', request: get(() => `/v1/user/${u}/monetary-account/${acc}/payment?count[]=1`), expect: BAD },
];

const paymentTarget = () => `/v1/user/${u}/monetary-account/${acc}/payment`;
const withBody = (method: string, extra: readonly (readonly [string, string])[] = [], target = paymentTarget): (() => RawRequest) => () => ({
  method,
  target: target(),
  headers: [auth(bearer), JSON_CT, ...extra],
  body: paymentJson('1.00'),
});

const methodCases: AttackCase[] = [
  { name: 'HEAD on an allowed account', request: get(() => `/v1/user/${u}/monetary-account/${acc}`), expect: METHOD },
  { name: 'OPTIONS on the payment list', request: () => ({ method: 'OPTIONS', target: paymentTarget(), headers: [auth(bearer)] }), expect: METHOD },
  { name: 'PATCH with a payment body', request: withBody('PATCH'), expect: METHOD },
  { name: 'TRACE', request: () => ({ method: 'TRACE', target: paymentTarget(), headers: [auth(bearer)] }), expect: METHOD },
  { name: 'PROPFIND (WebDAV)', request: () => ({ method: 'PROPFIND', target: paymentTarget(), headers: [auth(bearer)] }), expect: METHOD },
  { name: 'PURGE', request: () => ({ method: 'PURGE', target: paymentTarget(), headers: [auth(bearer)] }), expect: METHOD },
  { name: 'lower-case get', request: () => ({ method: 'get', target: `/v1/user/${u}/monetary-account/${acc}`, headers: [auth(bearer)] }), expect: PARSER },
  { name: 'lower-case post with a payment body', request: withBody('post'), expect: PARSER },
  { name: 'an invented method FOO', request: () => ({ method: 'FOO', target: paymentTarget(), headers: [auth(bearer)] }), expect: PARSER },
  { name: 'DELETE on the payment list', request: () => ({ method: 'DELETE', target: paymentTarget(), headers: [auth(bearer)] }), expect: { status: 405, code: 'endpoint_not_allowed' } },
  { name: 'PUT on a payment (known path, method not listed)', request: () => ({ method: 'PUT', target: `${paymentTarget()}/1`, headers: [auth(bearer), JSON_CT], body: '{"status":"REVOKED"}' }), expect: { status: 405, code: 'endpoint_not_allowed' } },
  { name: 'GET with X-HTTP-Method-Override: POST', request: get(paymentTarget, [['X-HTTP-Method-Override', 'POST']]), expect: BAD },
  { name: 'GET with X-HTTP-Method: DELETE', request: get(() => `/v1/user/${u}/monetary-account/${acc}`, [['X-HTTP-Method', 'DELETE']]), expect: BAD },
  { name: 'GET with X-Method-Override: PUT', request: get(() => `/v1/user/${u}/monetary-account/${acc}`, [['X-Method-Override', 'PUT']]), expect: BAD },
  { name: 'POST with X-HTTP-Method-Override: GET', request: withBody('POST', [['X-HTTP-Method-Override', 'GET']]), expect: BAD },
  { name: 'POST with a lower-case x-http-method-override header', request: withBody('POST', [['x-http-method-override', 'PUT']]), expect: BAD },
  { name: 'POST with an empty X-HTTP-Method-Override', request: withBody('POST', [['X-HTTP-Method-Override', '']]), expect: BAD },
  { name: 'GET with _method=POST in the query', request: get(() => `${paymentTarget()}?_method=POST`), expect: BAD },
  { name: 'POST with _method=DELETE in the query', request: withBody('POST', [], () => `${paymentTarget()}?_method=DELETE`), expect: BAD },
];

describe('path confusion', () => {
  test.each(pathCases.map((c) => [c.name, c] as const))('when the target has %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    await expectRefused(t, c);
  });
});

describe('method tricks', () => {
  test.each(methodCases.map((c) => [c.name, c] as const))('when the request uses %s, then it is refused and nothing reaches bunq', async (_n, c) => {
    const req = c.name.startsWith('HEAD') ? () => ({ ...c.request(), method: 'HEAD' }) : c.request;
    const res = await expectRefused(t, { ...c, request: req, expect: c.name.startsWith('HEAD') ? { status: 405, code: null } : c.expect });
    if (c.expect.status === 405 && c.expect.code === 'invalid_request') expect(res.headers['allow'] ?? '').toBe('');
  });
});
