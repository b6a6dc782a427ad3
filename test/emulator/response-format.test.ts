/** Wire format of every response (bunq-api.md §3.3, §4, §5; bunq-clients.md §4.7–§4.8). */
import { randomUUID } from 'node:crypto';
import { BunqTestClient } from './support/bunq-test-client';
import { loggedIn, startHarness, type Harness } from './support/fixture';

let h: Harness;
let client: BunqTestClient;
let bankId: number;
beforeAll(async () => {
  h = await startHarness();
  const session = await loggedIn(h);
  client = session.client;
  bankId = session.info.accounts[0]?.id ?? 0;
});
afterAll(() => h.emu.close());

describe('response format', () => {
  it('when a call succeeds, then X-Bunq-Server-Signature verifies over the exact body bytes with the installation\'s server key', async () => {
    const res = await client.call('GET', `/user/${client.userId}/monetary-account`);
    expect(res.status).toBe(200);
    expect(client.verifyServerSignature(res)).toBe(true);
    const tampered = { ...res, bytes: Buffer.concat([res.bytes, Buffer.from(' ')]) };
    expect(client.verifyServerSignature(tampered)).toBe(false);
  });

  it('when a call fails, then the error body is bunq\'s envelope and is signed too', async () => {
    const res = await client.call('GET', `/user/${client.userId}/monetary-account/1`);
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ Error: [{ error_description: expect.any(String), error_description_translated: expect.any(String) }] });
    expect(client.verifyServerSignature(res)).toBe(true);
  });

  it('when any response is sent, then Content-Type is exactly application/json', async () => {
    for (const res of [await client.call('GET', '/user'), await client.call('GET', '/nope')]) {
      expect(res.headers['content-type']).toBe('application/json');
    }
  });

  it('when the body holds non-ASCII data, then every byte is ASCII', async () => {
    const res = await client.call('GET', `/user/${client.userId}`);
    expect(res.bytes.every((b) => b < 0x80)).toBe(true);
  });

  it('when X-Bunq-Client-Request-Id is sent, then it is echoed and a UUID response id is added', async () => {
    const id = randomUUID();
    const res = await client.call('GET', '/user', { headers: { 'x-bunq-client-request-id': id } });
    expect(res.headers['x-bunq-client-request-id']).toBe(id);
    expect(res.headers['x-bunq-client-response-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a GET carries no signature, or one over the empty body, then both are accepted', async () => {
    expect((await client.call('GET', '/user', { sign: false })).status).toBe(200);
    expect((await client.call('GET', '/user', { sign: true })).status).toBe(200);
  });

  it('when a GET carries a wrong signature, then 400 "The request signature is invalid."', async () => {
    const res = await client.call('GET', '/user', { sign: 'wrong' });
    expect(res.status).toBe(400);
    expect(res.json.Error[0].error_description).toBe('The request signature is invalid.');
  });

  it('when the path is unknown, then 404; when the method is wrong, then 405', async () => {
    expect((await client.call('GET', '/does-not-exist')).status).toBe(404);
    expect((await client.call('PUT', `/user/${client.userId}/monetary-account`, { body: '{}' })).status).toBe(405);
  });

  it('when User-Agent is missing, then 400', async () => {
    const res = await client.call('GET', '/user', { userAgent: null });
    expect(res.status).toBe(400);
    expect(res.json.Error[0].error_description).toBe('Missing required header: User-Agent.');
  });

  it('when another user\'s id is used, then 404 and nothing leaks', async () => {
    const other = h.emu.control.createSandboxUser('person');
    for (const path of [`/user/${other.userId}`, `/user/${other.userId}/monetary-account`, `/user/${client.userId}/monetary-account/${other.accounts[0]?.id}/payment`]) {
      const res = await client.call('GET', path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(other.accounts[0]?.iban);
    }
  });

  it('when the body is not JSON, then 400', async () => {
    const res = await client.call('POST', `/user/${client.userId}/monetary-account/${bankId}/draft-payment`, { body: '{nope' });
    expect(res.status).toBe(400);
    expect(res.json.Error[0].error_description).toBe('The request body is not valid JSON.');
  });
});
