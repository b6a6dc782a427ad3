// Issue #8, bounded fuzz target: arbitrary request-targets, methods, headers and bodies fed to
// normalizeRequest(), and arbitrary bytes/strings to parseStrictJson(). Invariants:
// - nothing but a GatewayError (normalizeRequest) or a StrictJsonError (parseStrictJson) is thrown;
// - an accepted body re-serialises to text that re-parses (strictly) to the same value, and
//   JSON.parse reads any strictly-accepted text the same way (no parser differential);
// - an accepted target rebuilds to an upstream path with no "..", "%", "//", only canonical
//   positive ids, and the query holds only known, canonical parameters.
// numRuns are fixed (not time-based) so a run is reproducible from its seed: FC_SEED=… npx jest test/fuzz
import fc from 'fast-check';
import { GatewayError } from '../../src/lib/errors';
import { StrictJsonError, parseStrictJson } from '../../src/lib/strict-json';
import { loadCatalog } from '../../src/policy/catalog';
import { normalizeRequest } from '../../src/policy/normalize-request';
import type { GatewayCall, RawCall } from '../../src/policy/call';

const catalog = loadCatalog();
const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);

// ---------- generators biased towards the interesting shapes ----------
const segment = fc.oneof(
  fc.constantFrom('user', 'monetary-account', 'payment', 'draft-payment', 'request-inquiry', 'monetary-account-bank', 'user-person', 'installation', 'session', 'device-server'),
  fc.constantFrom('1', '42', '0', '01', '+1', '-1', '1e3', '9007199254740991', '9007199254740992', '.', '..', '', '%2e%2e', '%2f', 'User', 'PAYMENT', ';x=1', 'a\\b', '\u00e9', '\uff11'),
  fc.integer({ min: 1, max: 2 ** 53 - 1 }).map(String),
  fc.string({ maxLength: 8 }),
);
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?count=10', '?older_id=5', '?newer_id=7', '?count=201', '?count=010', '?', '?&', '?count=1&count=2', '?older_id=1&newer_id=2', '?x=1', '?count'),
  fc.string({ maxLength: 12 }).map((s) => `?${s}`),
);
const id = fc.oneof(fc.integer({ min: 1, max: 2 ** 53 - 1 }).map(String), fc.constantFrom('0', '01', '-1', '1.0'));
/** The catalog's own paths with ids filled in: the shapes that are accepted. */
const knownTarget = fc
  .tuple(fc.constantFrom(...[...catalog.byId.values()].map((e) => e.path)), fc.array(id, { minLength: 4, maxLength: 4 }), query)
  .map(([tpl, ids, q]) => {
    let i = 0;
    return `/v1${tpl.replace(/\{[^}]+\}/g, () => ids[i++ % ids.length]!)}${q}`;
  });
const target = fc.oneof(
  { weight: 6, arbitrary: knownTarget },
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('/v1/', '/v1', '/V1/', '//v1/', '/v2/', '', '/'), fc.array(segment, { maxLength: 7 }), query).map(([p, segs, q]) => `${p}${segs.join('/')}${q}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);
const method = fc.oneof(fc.constantFrom('GET', 'GET', 'POST', 'PUT'), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'get', 'HEAD', 'OPTIONS', 'PATCH', 'TRACE', ''), fc.string({ maxLength: 8 }));
const headerName = fc.oneof(fc.constantFrom('content-type', 'Content-Type', 'x-http-method-override', 'X-HTTP-Method', 'x-method-override', 'authorization', 'host'), fc.string({ maxLength: 10 }));
const headerValue = fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/json; charset=latin1', ''), fc.string({ maxLength: 20 }));
const headers0 = fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }).map((pairs) => pairs.flat());
const headers = fc.oneof(fc.constant<string[]>([]), fc.constant(['Content-Type', 'application/json']), headers0);

const jsonish = fc.oneof(
  fc.json({ depthSize: 'small' }),
  fc.constantFrom(
    '{"amount":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"NL91ABNA0417164300","name":"P"},"description":"x"}',
    '{"status":"REVOKED"}',
    '{"entries":[{"amount":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"IBAN","value":"NL91ABNA0417164300","name":"P"},"description":"x"}],"number_of_required_accepts":1}',
    '{"amount_inquired":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"a@example.com"},"description":"x","allow_bunqme":true}',
    '{"a":1,"a":2}', '{"__proto__":{}}', '\ufeff{}', '{} x', '[1,]', '{"a":NaN}', '"\\ud800"', '1e400', '-0', '123456789012345678901',
  ),
);
/** Valid JSON text mutated: a character dropped, doubled or replaced. */
const mutated = fc.tuple(jsonish, fc.nat(), fc.constantFrom('drop', 'dup', 'swap'), fc.string({ maxLength: 2 })).map(([s, at, op, ch]) => {
  if (s.length === 0) return ch;
  const i = at % s.length;
  return op === 'drop' ? s.slice(0, i) + s.slice(i + 1) : op === 'dup' ? s.slice(0, i) + s[i] + s.slice(i) : s.slice(0, i) + ch + s.slice(i + 1);
});
const bodyText = fc.oneof(jsonish, mutated, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));
const bodyBytes = fc.oneof(
  { weight: 4, arbitrary: bodyText.map((s) => Buffer.from(s, 'utf8')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
  { weight: 3, arbitrary: fc.constant(Buffer.alloc(0)) },
);

// ---------- invariants ----------
/** True when a parsed value holds an integer-valued number beyond 2^53 (the parser must refuse those). */
function holdsUnsafeInteger(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.some(holdsUnsafeInteger);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsUnsafeInteger);
  return false;
}

function checkRoundTrip(value: unknown, original?: string): void {
  const text = JSON.stringify(value);
  if (original !== undefined) expect(JSON.stringify(JSON.parse(original))).toBe(text);
  expect(holdsUnsafeInteger(value)).toBe(false);
  const again = parseStrictJson(text, { maxBytes: 1 << 20, maxDepth: 64 });
  expect(JSON.stringify(again)).toBe(text);
}

function checkAccepted(call: GatewayCall): void {
  const path = call.template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const id = call.params[name];
    expect(Number.isSafeInteger(id) && id! > 0).toBe(true);
    return String(id);
  });
  expect(path.startsWith('/')).toBe(true);
  expect(path).not.toMatch(/\.\.|%|\/\/|\\|;|\?|#/);
  expect(path).toMatch(/^(\/[a-z0-9-]+)+$/);
  for (const [key, value] of Object.entries(call.query)) {
    expect(['count', 'older_id', 'newer_id']).toContain(key);
    expect(Number.isSafeInteger(value) && value! > 0).toBe(true);
  }
  if (call.body !== undefined) checkRoundTrip(call.body);
}

test('normalizeRequest: only GatewayErrors, and whatever it accepts is clean', () => {
  let accepted = 0;
  fc.assert(
    fc.property(method, target, headers, bodyBytes, (m, tgt, hs, body) => {
      const raw: RawCall = { requestId: 'fuzz', clientIp: '127.0.0.1', method: m, target: tgt, rawHeaders: hs, body };
      let call: GatewayCall;
      try {
        call = normalizeRequest(raw, catalog);
      } catch (err) {
        expect(err).toBeInstanceOf(GatewayError);
        expect((err as GatewayError).status).toBeGreaterThanOrEqual(400);
        expect((err as GatewayError).status).toBeLessThan(500);
        return;
      }
      accepted++;
      checkAccepted(call);
    }),
    { numRuns: 20_000, seed },
  );
  expect(accepted).toBeGreaterThan(20);
});

test('normalizeRequest: well-formed targets with ids of every shape are accepted only in canonical form', () => {
  const id = fc.oneof(fc.integer({ min: 0, max: 2 ** 53 + 10 }).map(String), fc.stringMatching(/^[-+0]?[0-9]{1,18}$/));
  fc.assert(
    fc.property(id, id, (a, b) => {
      const tgt = `/v1/user/${a}/monetary-account/${b}/payment`;
      try {
        const call = normalizeRequest({ requestId: 'f', clientIp: '127.0.0.1', method: 'GET', target: tgt, rawHeaders: [], body: Buffer.alloc(0) }, catalog);
        expect(String(call.params['userID'])).toBe(a);
        expect(String(call.params['monetary-accountID'])).toBe(b);
        checkAccepted(call);
      } catch (err) {
        expect(err).toBeInstanceOf(GatewayError);
      }
    }),
    { numRuns: 5_000, seed },
  );
});

test('parseStrictJson: only StrictJsonErrors; accepted input re-serialises and re-parses to the same value, exactly as JSON.parse reads it', () => {
  fc.assert(
    fc.property(fc.oneof(bodyText, fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a))), (input) => {
      let value: unknown;
      try {
        value = parseStrictJson(input);
      } catch (err) {
        expect(err).toBeInstanceOf(StrictJsonError);
        return;
      }
      const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
      checkRoundTrip(value, text);
    }),
    { numRuns: 30_000, seed },
  );
});

// Found by this fuzz target (fixed): a magnitude beyond 2^53 written with an exponent or a
// fraction was accepted and silently rounded, so the re-serialised value differed from what was
// checked and the same parser refused it on re-parse.
test.each([
  ['1e20', '{"a":1e20}'],
  ['9007199254740993.0', '{"a":9007199254740993.0}'],
  ['1.747297940662038e20', '[1.747297940662038e20]'],
])('parseStrictJson: %s is refused or re-parses after re-serialisation', (_n, text) => {
  let value: unknown;
  try {
    value = parseStrictJson(text);
  } catch (err) {
    expect(err).toBeInstanceOf(StrictJsonError);
    return;
  }
  expect(() => parseStrictJson(JSON.stringify(value))).not.toThrow();
  expect(JSON.stringify(value)).toBe(text.replace(/\s/g, ''));
});
