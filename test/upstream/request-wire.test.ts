// What goes on the wire for one call: bunq's headers and nothing else, the signature over the
// exact bytes sent (bunq-api.md §3.1, §4.1; bunq-clients.md §3).
import { verify } from 'node:crypto';
import { startFixture, type Fixture } from './support/fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());
beforeEach(() => f.fake.reset());

const BUNQ_HEADERS = [
  'cache-control',
  'user-agent',
  'x-bunq-client-authentication',
  'x-bunq-client-request-id',
  'x-bunq-client-signature',
  'x-bunq-geolocation',
  'x-bunq-language',
  'x-bunq-region',
];
const TRANSPORT_HEADERS = ['connection', 'content-length', 'host'];

describe('BunqClient.request on the wire', () => {
  it('when a GET is made, then exactly bunq headers are sent and the empty body is signed', async () => {
    const res = await f.client.request({ method: 'GET', path: '/user/1822/monetary-account', query: { count: 10 } });

    const [sent] = f.fake.requests;
    expect(sent?.url).toBe('/v1/user/1822/monetary-account?count=10');
    expect(Object.keys(sent!.headers).filter((h) => !TRANSPORT_HEADERS.includes(h)).sort()).toEqual(BUNQ_HEADERS);
    expect(sent?.headers).toMatchObject({
      'cache-control': 'no-cache',
      'user-agent': 'bunq-scope-gateway/0.1',
      'x-bunq-geolocation': '0 0 0 0 000',
      'x-bunq-language': 'en_US',
      'x-bunq-region': 'nl_NL',
    });
    expect(sent?.body).toHaveLength(0);
    expect(sent?.signatureValid).toBe(true);
    expect(res.clientRequestId).toBe(sent?.headers['x-bunq-client-request-id']);
    expect(res.clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.responseId).toBe('resp-1');
    expect(res.json).toEqual({ Response: [{ Echo: { method: 'GET', path: '/v1/user/1822/monetary-account' } }] });
  });

  it('when a POST has a body, then it is serialised once and the signature covers exactly the bytes sent', async () => {
    const body = { amount: { value: '1.50', currency: 'EUR' }, description: 'Café € ☕' };
    await f.client.request({ method: 'POST', path: '/user/1822/monetary-account/5/payment', body, clientRequestId: 'pay-1' });

    const [sent] = f.fake.requests;
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.headers['x-bunq-client-request-id']).toBe('pay-1');
    expect(sent?.body.toString('latin1')).toMatch(/^[\x20-\x7e]*$/); // ASCII, \u-escaped like bunq
    expect(JSON.parse(sent!.body.toString())).toEqual(body);
    const key = f.fake.clientKey!;
    expect(verify('sha256', sent!.body, key, Buffer.from(String(sent!.headers['x-bunq-client-signature']), 'base64'))).toBe(true);
  });

  it('when a DELETE has no body, then no Content-Type is sent and the empty body is signed', async () => {
    await f.client.request({ method: 'DELETE', path: '/user/1822/notification-filter-url/3' });
    const [sent] = f.fake.requests;
    expect(sent?.headers['content-type']).toBeUndefined();
    expect(sent?.signatureValid).toBe(true);
  });

  it('when query values need encoding, then they are percent-encoded and cannot add parameters', async () => {
    await f.client.request({ method: 'GET', path: '/user/1822/event', query: { status: 'A&older_id=1', count: 5 } });
    expect(f.fake.requests[0]?.url).toBe('/v1/user/1822/event?status=A%26older_id%3D1&count=5');
  });

  it.each([
    ['../installation'],
    ['/user/../session-server'],
    ['/user/%2e%2e/x'],
    ['//evil.example/v1/user'],
    ['/user?count=1'],
    ['/user#x'],
    ['user'],
    [''],
    ['/user/1/'],
    ['/user\r\nX-Evil: 1'],
  ])('when the path is %j, then it is refused before anything is sent', async (path) => {
    await expect(f.client.request({ method: 'GET', path })).rejects.toMatchObject({
      code: 'invalid_request',
      outcome: 'definite',
    });
    expect(f.fake.requests).toHaveLength(0);
  });

  it.each([['/installation'], ['/device-server'], ['/session-server'], ['/session/0']])(
    'when the path %s addresses the API context, then it is refused',
    async (path) => {
      await expect(f.client.request({ method: 'DELETE', path })).rejects.toMatchObject({ code: 'invalid_request' });
      expect(f.fake.requests).toHaveLength(0);
    },
  );

  it('when the clientRequestId could inject a header, then it is refused', async () => {
    await expect(
      f.client.request({ method: 'GET', path: '/user', clientRequestId: 'a\r\nx-evil: 1' }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    expect(f.fake.requests).toHaveLength(0);
  });

  it('when the body cannot be serialised, then it is refused with a definite outcome', async () => {
    await expect(f.client.request({ method: 'POST', path: '/user', body: { n: 1n } })).rejects.toMatchObject({
      code: 'invalid_request',
      outcome: 'definite',
    });
    expect(f.fake.requests).toHaveLength(0);
  });

  it('when the method is not one of bunq\'s four, then it is refused', async () => {
    await expect(f.client.request({ method: 'PATCH' as 'GET', path: '/user' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
