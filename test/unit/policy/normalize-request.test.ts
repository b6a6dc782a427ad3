import { GatewayError } from '../../../src/lib/errors';
import { matchRoute, normalizeRequest } from '../../../src/policy/normalize-request';
import { A, USER, catalog, paymentBody, raw } from './helpers';

const U = `/v1/user/${USER}`;
const JSON_CT = ['Content-Type', 'application/json'];

function refusal(method: string, target: string, body?: unknown, headers?: string[]): GatewayError {
  try {
    normalizeRequest(raw(method, target, body, headers), catalog);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error(`expected ${method} ${target} to be refused`);
}

describe('normalizeRequest accepts well-formed calls', () => {
  it('when a list call has paging parameters, then they are parsed as numbers', () => {
    const call = normalizeRequest(raw('GET', `${A}/payment?count=200&older_id=77`), catalog);
    expect(call).toMatchObject({
      method: 'GET',
      endpointId: 'payment.list',
      template: '/user/{userID}/monetary-account/{monetary-accountID}/payment',
      params: { userID: USER, 'monetary-accountID': 11 },
      query: { count: 200, older_id: 77 },
      body: undefined,
    });
  });

  it('when a payment is posted, then the VALIDATED body is returned (IBAN normalised, amount canonical)', () => {
    const body = paymentBody({ amount: { value: '12.5', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'nl91 abna 0417 1643 00', name: 'S' } });
    const call = normalizeRequest(raw('POST', `${A}/payment`, body, JSON_CT), catalog);
    expect(call.body).toEqual({
      amount: { value: '12.50', currency: 'EUR' },
      counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'S' },
      description: 'Invoice 42',
    });
  });

  it.each([
    ['absent', []],
    ['application/json', ['Content-Type', 'application/json']],
    ['with charset', ['content-type', 'application/json; charset=utf-8']],
    ['upper case', ['CONTENT-TYPE', 'Application/JSON;charset=UTF-8']],
  ])('when the Content-Type is %s, then the body is accepted', (_name, headers) => {
    expect(normalizeRequest(raw('POST', `${A}/payment`, paymentBody(), headers), catalog).endpointId).toBe('payment.create');
  });

  it('when a GET carries a Content-Type but no body (bunq-js-client), then it is accepted', () => {
    expect(normalizeRequest(raw('GET', `${U}/monetary-account`, undefined, JSON_CT), catalog).endpointId).toBe('monetary-account.list');
  });

  it('when the largest safe integer is used as an id, then it is accepted', () => {
    expect(normalizeRequest(raw('GET', `${A}/payment/9007199254740991`), catalog).params['itemId']).toBe(9007199254740991);
  });
});

describe('normalizeRequest refuses, never guesses', () => {
  it.each([
    // method
    ['HEAD', 'HEAD', `${U}`, 405, /method .* is not supported/],
    ['OPTIONS', 'OPTIONS', `${U}`, 405, /method .* is not supported/],
    ['PATCH', 'PATCH', `${U}`, 405, /method .* is not supported/],
    ['TRACE', 'TRACE', `${U}`, 405, /method .* is not supported/],
    ['CONNECT', 'CONNECT', `${U}`, 405, /method .* is not supported/],
    ['lower-case get', 'get', `${U}`, 405, /method .* is not supported/],
    ['mixed-case Post', 'Post', `${A}/payment`, 405, /method .* is not supported/],
    ['a method with a space', 'GET ', `${U}`, 405, /method .* is not supported/],
    // percent-encoding and other encodings
    ['an encoded slash', 'GET', `/v1/user%2f${USER}`, 400, /Percent-encoding/],
    ['an encoded upper-case slash', 'GET', `/v1/user%2F${USER}`, 400, /Percent-encoding/],
    ['an encoded dot', 'GET', `/v1/user/%2e%2e/user`, 400, /Percent-encoding/],
    ['a double-encoded slash', 'GET', `/v1/user%252f${USER}`, 400, /Percent-encoding/],
    ['an encoded letter', 'GET', `/v1/%75ser`, 400, /Percent-encoding/],
    ['an encoded digit in an id', 'GET', `/v1/user/%31`, 400, /Percent-encoding/],
    ['an encoded query', 'GET', `${U}/monetary-account?count=%31`, 400, /Percent-encoding/],
    // dot segments, slashes, separators
    ['a dot segment', 'GET', `/v1/user/./${USER}`, 400, /Dot segments/],
    ['a dot-dot segment', 'GET', `/v1/user/${USER}/../${USER}`, 400, /Dot segments/],
    ['a leading doubled slash', 'GET', `//v1/user`, 400, /must start with "\/v1\/"/],
    ['a doubled slash inside', 'GET', `/v1//user`, 400, /Empty path segments/],
    ['a doubled slash before an id', 'GET', `/v1/user//${USER}`, 400, /Empty path segments/],
    ['a trailing slash', 'GET', `/v1/user/`, 400, /trailing slash/],
    ['a trailing slash before the query', 'GET', `/v1/user/?count=1`, 400, /trailing slash/],
    ['a matrix parameter', 'GET', `/v1/user;x=1/${USER}`, 400, /Matrix parameters/],
    ['a matrix parameter on an id', 'GET', `/v1/user/${USER};jsessionid=1`, 400, /Matrix parameters/],
    ['a backslash', 'GET', `/v1/user\\${USER}`, 400, /Backslashes/],
    ['a fragment', 'GET', `/v1/user#x`, 400, /fragment/],
    // characters
    ['a non-ASCII letter', 'GET', `/v1/us\u00e9r`, 400, /printable ASCII/],
    ['a Cyrillic lookalike', 'GET', `/v1/\u0443ser`, 400, /printable ASCII/],
    ['a space', 'GET', `/v1/user /${USER}`, 400, /printable ASCII/],
    ['a tab', 'GET', `/v1/user\t`, 400, /printable ASCII/],
    ['a NUL byte', 'GET', `/v1/user\u0000`, 400, /printable ASCII/],
    ['an upper-case segment', 'GET', `/v1/User/${USER}`, 400, /path segment .* is not accepted/],
    ['an underscore segment', 'GET', `/v1/monetary_account`, 400, /path segment .* is not accepted/],
    // prefix
    ['an upper-case prefix', 'GET', `/V1/user`, 400, /must start with "\/v1\/"/],
    ['no version prefix', 'GET', `/user/${USER}`, 400, /must start with "\/v1\/"/],
    ['another version', 'GET', `/v2/user`, 400, /must start with "\/v1\/"/],
    ['the prefix alone', 'GET', `/v1`, 400, /must start with "\/v1\/"/],
    ['the prefix with a slash only', 'GET', `/v1/`, 400, /trailing slash/],
    ['an absolute URL', 'GET', `https://api.bunq.com/v1/user`, 400, /must start with "\/v1\/"/],
    ['an empty target', 'GET', ``, 400, /request-target is empty/],
    ['an asterisk target', 'OPTIONS', `*`, 405, /method .* is not supported/],
    // length
    ['a path longer than 512 characters', 'GET', `/v1/user/${'1'.repeat(600)}`, 400, /longer than 512/],
    // ids
    ['an id with a leading zero', 'GET', `/v1/user/0${USER}`, 400, /canonical integers/],
    ['an id of zero', 'GET', `${U}/monetary-account/0`, 400, /must be a positive integer/],
    ['a negative id', 'GET', `/v1/user/-${USER}`, 400, /must not carry a sign/],
    ['an id with a plus sign', 'GET', `/v1/user/+${USER}`, 400, /must not carry a sign/],
    ['an id above 2^53', 'GET', `${A}/payment/9007199254740993`, 400, /canonical integers/],
    ['an id of exactly 2^53', 'GET', `${A}/payment/9007199254740992`, 400, /canonical integers/],
    ['a 17-digit id', 'GET', `${A}/payment/12345678901234567`, 400, /canonical integers/],
    ['an id in exponent form', 'GET', `/v1/user/1e3`, 400, /canonical integers/],
    ['an id in hex', 'GET', `/v1/user/0x10`, 400, /canonical integers/],
    ['an id with a decimal point', 'GET', `/v1/user/12.0`, 400, /canonical integers/],
    // query
    ['a duplicate query parameter', 'GET', `${U}/monetary-account?count=1&count=2`, 400, /appears more than once/],
    ['an unknown query parameter', 'GET', `${U}/monetary-account?limit=10`, 400, /is not accepted on this endpoint/],
    ['a query parameter on an endpoint without paging', 'GET', `${A}/payment/5?count=1`, 400, /is not accepted on this endpoint/],
    ['count of zero', 'GET', `${U}/monetary-account?count=0`, 400, /must be a positive integer without leading zeros/],
    ['count above 200', 'GET', `${U}/monetary-account?count=201`, 400, /between 1 and 200/],
    ['a negative count', 'GET', `${U}/monetary-account?count=-1`, 400, /must be a positive integer without leading zeros/],
    ['count with a leading zero', 'GET', `${U}/monetary-account?count=010`, 400, /must be a positive integer without leading zeros/],
    ['count as a decimal', 'GET', `${U}/monetary-account?count=1.5`, 400, /must be a positive integer without leading zeros/],
    ['an empty count', 'GET', `${U}/monetary-account?count=`, 400, /must be a positive integer without leading zeros/],
    ['older_id of zero', 'GET', `${A}/payment?older_id=0`, 400, /must be a positive integer without leading zeros/],
    ['older_id beyond 2^53', 'GET', `${A}/payment?older_id=9007199254740993`, 400, /must be a positive integer without leading zeros/],
    ['older_id with a letter', 'GET', `${A}/payment?older_id=12a`, 400, /must be a positive integer without leading zeros/],
    ['older_id and newer_id together', 'GET', `${A}/payment?older_id=5&newer_id=9`, 400, /either older_id or newer_id/],
    ['a parameter without a value', 'GET', `${U}/monetary-account?count`, 400, /name=value/],
    ['an empty query', 'GET', `${U}/monetary-account?`, 400, /empty query string/],
    ['an empty query part', 'GET', `${U}/monetary-account?count=1&&older_id=2`, 400, /name=value/],
    ['a plus-encoded value', 'GET', `${U}/monetary-account?count=+1`, 400, /must be a positive integer without leading zeros/],
    ['an array-style parameter', 'GET', `${U}/monetary-account?count[]=1`, 400, /is not accepted on this endpoint/],
    // catalog
    ['an unknown endpoint', 'GET', `${U}/card`, 403, /does not forward/],
    ['an unknown top-level path', 'GET', `/v1/admin`, 403, /does not forward/],
    ['a wrong method on a known path', 'DELETE', `${A}/payment`, 405, /not allowed on this path/],
    ['a PUT on a payment', 'PUT', `${A}/payment/5`, 405, /not allowed on this path/],
    ['a handshake endpoint', 'POST', `/v1/session-server`, 403, /answered by the gateway itself/],
    ['a refused endpoint', 'GET', `/v1/device-server`, 403, /never forwarded/],
  ])('when the request has %s, then it is refused with %s for that reason', (_name, method, target, status, reason) => {
    const error = refusal(method, target);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(reason);
  });

  it.each([
    ['X-HTTP-Method-Override', ['X-HTTP-Method-Override', 'DELETE']],
    ['X-HTTP-Method', ['x-http-method', 'PUT']],
    ['X-Method-Override', ['X-METHOD-OVERRIDE', 'POST']],
  ])('when the %s header is present, then the request is refused', (_name, headers) => {
    const error = refusal('GET', `${U}/monetary-account`, undefined, headers);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('when two Content-Type headers are sent, then the request is refused', () => {
    expect(refusal('POST', `${A}/payment`, paymentBody(), [...JSON_CT, ...JSON_CT]).code).toBe('invalid_request');
  });

  it.each([
    ['a GET with a body', 'GET', `${U}/monetary-account`, '{}', 400, /must not carry a body/],
    ['a GET with a one-byte body', 'GET', `${U}/monetary-account`, ' ', 400, /must not carry a body/],
    ['a DELETE with a body', 'DELETE', `/v1/session/1`, '{}', 403, /answered by the gateway/],
    ['a POST without a body', 'POST', `${A}/payment`, undefined, 400, /needs a JSON body/],
    ['a body over 64 KiB', 'POST', `${A}/payment`, `{"a":"${'x'.repeat(65 * 1024)}"}`, 413, /larger than 65536 bytes/],
  ])('when the request has %s, then it is refused with %s', (_name, method, target, body, status, reason) => {
    const error = refusal(method, target, body);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(reason);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form encoded', 'application/x-www-form-urlencoded'],
    ['another charset', 'application/json; charset=latin1'],
    ['a JSON lookalike', 'application/jsonp'],
    ['an extra parameter', 'application/json; boundary=x'],
  ])('when the Content-Type is %s, then the body is refused with 415', (_name, type) => {
    expect(refusal('POST', `${A}/payment`, paymentBody(), ['Content-Type', type]).status).toBe(415);
  });

  const body = JSON.stringify(paymentBody());
  it.each([
    ['a duplicate key', body.replace('"description"', '"description":"x","description"')],
    ['a nested duplicate key', body.replace('"currency":"EUR"', '"currency":"EUR","currency":"USD"')],
    ['a BOM', `\ufeff${body}`],
    ['a comment', `${body}/* x */`],
    ['trailing data', `${body}{}`],
    ['NaN', body.replace('"Invoice 42"', 'NaN')],
    ['Infinity', body.replace('"Invoice 42"', 'Infinity')],
    ['a __proto__ key', body.replace('{', '{"__proto__":{},')],
    ['a constructor key', body.replace('{', '{"constructor":{},')],
    ['deep nesting', `{"a":${'['.repeat(40)}${']'.repeat(40)}}`],
    ['not JSON', 'amount=12.50'],
    ['an array', '[]'],
    ['a bare string', '"x"'],
  ])('when the body has %s, then it is refused as body_invalid', (_name, text) => {
    expect(refusal('POST', `${A}/payment`, text).code).toBe('body_invalid');
  });

  it('when a body field is invalid, then the message names the field', () => {
    const error = refusal('POST', `${A}/payment`, paymentBody({ amount: { value: '-1.00', currency: 'EUR' } }));
    expect(error).toMatchObject({ code: 'body_invalid', status: 400 });
    expect(error.message).toMatch(/amount\.value/);
    expect(error.details).toMatchObject({ field: 'amount.value' });
  });

  it('when the endpoint is unknown, then the refusal is endpoint_not_allowed and says the gateway does not forward it', () => {
    const error = refusal('GET', `${U}/card`);
    expect(error).toMatchObject({ code: 'endpoint_not_allowed', status: 403 });
    expect(error.message).toMatch(/does not forward GET \/v1\/user\/1234\/card/);
  });

  it('when an unknown endpoint has a query, then the message shows the path without it', () => {
    expect(refusal('GET', `${U}/card?count=1`).message).toMatch(/does not forward GET \/v1\/user\/1234\/card:/);
  });

  it('when a handshake endpoint reaches the policy stage, then the message says the gateway answers it', () => {
    expect(refusal('POST', '/v1/installation', '{}').message).toMatch(/POST \/v1\/installation is answered by the gateway itself/);
    expect(refusal('GET', '/v1/device-server').message).toMatch(/is never forwarded by this gateway/);
  });

  it('when the method is wrong for a known path, then the allowed methods are listed', () => {
    const error = refusal('DELETE', `${A}/payment`);
    expect(error.details['allowed_methods']).toEqual(expect.arrayContaining(['GET', 'POST']));
  });
});

describe('matchRoute (for the HTTP shell)', () => {
  it('when the Python SDK closes its session with id 0, then the handshake entry matches', () => {
    const route = matchRoute('DELETE', '/v1/session/0', catalog);
    expect(route.match).toMatchObject({ kind: 'match', entry: { id: 'session.delete', handledBy: 'gateway' }, params: { itemId: 0 } });
  });

  it('when the installation is posted, then it matches the gateway entry', () => {
    expect(matchRoute('POST', '/v1/installation', catalog).match).toMatchObject({ kind: 'match', entry: { id: 'installation.create' } });
  });

  it('when the target is malformed, then matchRoute refuses it too', () => {
    expect(() => matchRoute('POST', '/v1/installation/', catalog)).toThrow(GatewayError);
  });
});
