// Every 2xx must carry X-Bunq-Server-Signature over the exact body bytes, checked BEFORE the
// body is parsed (bunq-api.md §3.3; bunq-clients.md §1.5, §3).
import { UpstreamSignatureInvalid } from '../../src/upstream';
import { error, ok, type Reply } from './support/fake-bunq';
import { startFixture, type Fixture } from './support/fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());
beforeEach(() => f.fake.reset());
afterEach(() => jest.restoreAllMocks());

const PATH = '/v1/user/1822';

/** Answers PATH with `reply`; the poisoned body would throw if anyone tried to parse it. */
function answer(reply: Reply): void {
  f.fake.on((r) => (r.url === PATH ? reply : undefined));
}

async function expectRejectedUnparsed(poison: string): Promise<void> {
  const parse = jest.spyOn(JSON, 'parse');
  const err = await f.client.request({ method: 'GET', path: '/user/1822' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UpstreamSignatureInvalid);
  expect(err).toMatchObject({ code: 'upstream_signature_invalid', status: 502, outcome: 'unknown' });
  expect(parse.mock.calls.some(([text]) => String(text).includes(poison))).toBe(false);
}

describe('response signature verification', () => {
  it('when the body was tampered with after signing, then the answer is rejected unparsed', async () => {
    answer({ ...ok([{ UserPerson: { id: 1822 } }]), tamper: () => Buffer.from('{"Response":[{"POISON":1}]}') });
    await expectRejectedUnparsed('POISON');
  });

  it('when the signature was made with another key, then the answer is rejected unparsed', async () => {
    answer({ ...ok([{ POISON: 1 }]), signature: 'wrong-key' });
    await expectRejectedUnparsed('POISON');
  });

  it('when the signature header is garbage, then the answer is rejected unparsed', async () => {
    answer({ ...ok([{ POISON: 1 }]), signature: { header: 'bm90IGEgc2lnbmF0dXJl' } });
    await expectRejectedUnparsed('POISON');
  });

  it('when a 200 carries no signature, then the answer is rejected unparsed', async () => {
    answer({ ...ok([{ POISON: 1 }]), signature: 'none' });
    await expectRejectedUnparsed('POISON');
  });

  it('when an unsigned 2xx other than 200 arrives, then it is rejected too', async () => {
    answer({ status: 204, body: '', signature: 'none' });
    await expect(f.client.request({ method: 'GET', path: '/user/1822' })).rejects.toBeInstanceOf(UpstreamSignatureInvalid);
  });

  it('when an error answer carries a wrong signature, then it is rejected as a signature failure', async () => {
    answer({ ...error(400, 'POISON'), signature: 'wrong-key' });
    await expectRejectedUnparsed('POISON');
  });

  it('when an error answer is unsigned, then it is accepted as bunq\'s error (SDKs never verify errors)', async () => {
    answer({ ...error(404, 'Object not found.'), signature: 'none' });
    await expect(f.client.request({ method: 'GET', path: '/user/1822' })).rejects.toMatchObject({
      code: 'upstream_error',
      bunqStatus: 404,
      bunqMessage: 'Object not found.',
    });
  });

  it('when a signed 200 is not JSON by Content-Type, then it is rejected before parsing', async () => {
    answer({ status: 200, body: '{"Response":[]}', headers: { 'content-type': 'text/html' } });
    await expect(f.client.request({ method: 'GET', path: '/user/1822' })).rejects.toMatchObject({
      code: 'upstream_error',
      outcome: 'unknown',
    });
  });

  it('when a signed 200 has invalid JSON, then it is an upstream error with an unknown outcome', async () => {
    answer({ status: 200, body: '{"Response":' });
    await expect(f.client.request({ method: 'GET', path: '/user/1822' })).rejects.toMatchObject({
      code: 'upstream_error',
      outcome: 'unknown',
    });
  });

  it('when a signed 200 is JSON with a charset parameter, then it is accepted', async () => {
    answer({ ...ok([{ A: 1 }]), headers: { 'content-type': 'application/json; charset=utf-8' } });
    const res = await f.client.request({ method: 'GET', path: '/user/1822' });
    expect(res.json).toEqual({ Response: [{ A: 1 }] });
    expect(res.bodyText).toBe('{"Response":[{"A":1}]}');
  });
});
