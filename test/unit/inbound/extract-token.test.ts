import { extractToken } from '../../../src/inbound/extract-token';
import { headerValues, singleHeader } from '../../../src/inbound/raw-headers';
import { GatewayError } from '../../../src/lib/errors';
import type { RawCall } from '../../../src/policy/call';

const TOKEN = 'bgw_eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

function raw(rawHeaders: string[], target = '/v1/user'): RawCall {
  return { requestId: 'r', clientIp: '127.0.0.1', method: 'GET', target, rawHeaders, body: Buffer.alloc(0) };
}

function refusal(call: RawCall): GatewayError {
  try {
    extractToken(call);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error('expected a refusal');
}

describe('extractToken', () => {
  test('one Authorization: Bearer header gives the credential', () => {
    expect(extractToken(raw(['Authorization', `Bearer ${TOKEN}`]))).toEqual({ kind: 'bearer', value: TOKEN });
  });

  test.each([['bearer'], ['BEARER'], ['BeArEr']])('the scheme is case-insensitive (%s)', (scheme) => {
    expect(extractToken(raw(['authorization', `${scheme} ${TOKEN}`])).value).toBe(TOKEN);
  });

  test('the header name is case-insensitive', () => {
    expect(extractToken(raw(['AUTHORIZATION', `Bearer ${TOKEN}`])).value).toBe(TOKEN);
  });

  test('the bunq-key form is carried the same way', () => {
    const key = 'a'.repeat(64);
    expect(extractToken(raw(['Authorization', `Bearer ${key}`])).value).toBe(key);
  });

  test('no credential is token_missing (401)', () => {
    const err = refusal(raw(['Host', 'x']));
    expect(err.code).toBe('token_missing');
    expect(err.status).toBe(401);
  });

  test('duplicate Authorization headers are refused, even when identical', () => {
    const err = refusal(raw(['Authorization', `Bearer ${TOKEN}`, 'authorization', `Bearer ${TOKEN}`]));
    expect(err.code).toBe('invalid_request');
    expect(err.status).toBe(400);
  });

  test('Authorization together with X-Bunq-Client-Authentication is refused', () => {
    const err = refusal(raw(['Authorization', `Bearer ${TOKEN}`, 'X-Bunq-Client-Authentication', 'abc']));
    expect(err.code).toBe('invalid_request');
    expect(err.message).toContain('not both');
  });

  test('X-Bunq-Client-Authentication alone is a bunq-session credential', () => {
    expect(extractToken(raw(['X-Bunq-Client-Authentication', 'abc']))).toEqual({ kind: 'bunq-session', value: 'abc' });
  });

  test('a repeated X-Bunq-Client-Authentication header is refused, never picked from', () => {
    const err = refusal(raw(['X-Bunq-Client-Authentication', 'abc', 'X-Bunq-Client-Authentication', 'def']));
    expect(err.code).toBe('invalid_request');
  });

  test.each([[''], ['x'.repeat(2049)]])('an empty or oversized X-Bunq-Client-Authentication reads like a dead bunq session (401)', (value) => {
    const err = refusal(raw(['X-Bunq-Client-Authentication', value]));
    expect(err.status).toBe(401);
    expect(err.message).toBe('Insufficient authorisation.');
  });

  test.each([
    ['?access_token=abc'],
    ['?token=abc'],
    ['?api_key=abc'],
    ['?apikey=abc'],
    ['?count=10&key=abc'],
    ['?SECRET=abc'],
    ['?Access_Token=abc'],
  ])('a token in the query string (%s) is refused even with a valid header', (query) => {
    const err = refusal(raw(['Authorization', `Bearer ${TOKEN}`], `/v1/user${query}`));
    expect(err.code).toBe('invalid_request');
    expect(err.message).toContain('query string');
  });

  test('ordinary query parameters are fine', () => {
    expect(extractToken(raw(['Authorization', `Bearer ${TOKEN}`], '/v1/user/1/payment?count=10&older_id=5')).value).toBe(TOKEN);
    expect(extractToken(raw(['Authorization', `Bearer ${TOKEN}`], '/v1/user?monkey=1')).value).toBe(TOKEN);
  });

  test.each([
    ['Basic dXNlcjpwYXNz'],
    ['Bearer'],
    ['Bearer '],
    [`Bearer  ${TOKEN}`],
    [`Bearer ${TOKEN} extra`],
    [`Bearer ${TOKEN} `],
    [`Token ${TOKEN}`],
    [TOKEN],
    [`Bearer\t${TOKEN}`],
    ['Bearer tökén'],
  ])('a malformed Authorization header %p is refused', (value) => {
    const err = refusal(raw(['Authorization', value]));
    expect([400, 401]).toContain(err.status);
  });

  test('an over-long token is refused before parsing (401 token_invalid)', () => {
    const err = refusal(raw(['Authorization', `Bearer bgw_${'a'.repeat(3000)}`]));
    expect(err.code).toBe('token_invalid');
    expect(err.status).toBe(401);
  });

  test('errors never echo the token', () => {
    const err = refusal(raw(['Authorization', `Bearer ${TOKEN}`, 'Authorization', `Bearer ${TOKEN}`]));
    expect(err.message).not.toContain(TOKEN);
  });
});

describe('raw headers', () => {
  test('headerValues keeps duplicates and ignores case', () => {
    expect(headerValues(['A', '1', 'b', '2', 'a', '3'], 'a')).toEqual(['1', '3']);
    expect(headerValues([], 'a')).toEqual([]);
  });

  test('singleHeader: value, undefined when absent, null when repeated', () => {
    expect(singleHeader(['X', '1'], 'x')).toBe('1');
    expect(singleHeader(['X', '1'], 'y')).toBeUndefined();
    expect(singleHeader(['X', '1', 'x', '1'], 'x')).toBeNull();
  });
});
