// Every failure is a typed error with an outcome: 'definite' (bunq did not act) or 'unknown'
// (it may have) — bunq-api.md §5.2 (errors), §7 (429); style.md "Upstream".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BunqApiError, UpstreamRateLimited, UpstreamTimeout, UpstreamUnavailable } from '../../src/upstream';
import { error, type Reply } from './support/fake-bunq';
import { startFixture, type Fixture } from './support/fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ timeoutMs: 400 });
});
afterAll(async () => f.close());
beforeEach(() => f.fake.reset());

function answer(reply: Reply): void {
  f.fake.on((r) => (r.url.startsWith('/v1/user/1822/x') ? reply : undefined));
}
const post = () => f.client.request({ method: 'POST', path: '/user/1822/x', body: { a: 1 } });

describe('error mapping', () => {
  it('when bunq answers 400 with its error envelope, then BunqApiError carries bunq\'s status and message, definite', async () => {
    answer(error(400, 'The amount is too high.'));
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BunqApiError);
    expect(err).toMatchObject({
      code: 'upstream_error',
      status: 400,
      bunqStatus: 400,
      bunqMessage: 'The amount is too high.',
      outcome: 'definite',
      responseId: 'resp-1',
    });
  });

  it('when bunq answers 500, then it is a 502 with an unknown outcome', async () => {
    answer(error(500, 'Something went wrong.'));
    await expect(post()).rejects.toMatchObject({ code: 'upstream_error', status: 502, bunqStatus: 500, outcome: 'unknown' });
  });

  it('when bunq answers 466 (signature required), then it is our fault: 502, definite', async () => {
    answer(error(466, 'For this operation a request signature is required.'));
    await expect(post()).rejects.toMatchObject({ status: 502, bunqStatus: 466, outcome: 'definite' });
  });

  it('when a 4xx is not bunq\'s JSON envelope, then the outcome is unknown', async () => {
    answer({ status: 403, body: '<html>blocked</html>', headers: { 'content-type': 'text/html' } });
    await expect(post()).rejects.toMatchObject({ code: 'upstream_error', bunqStatus: 403, outcome: 'unknown' });
  });

  it('when bunq answers 429, then it is upstream_rate_limited with a 429 status and retryAfter 3 s', async () => {
    answer(error(429, 'Too many requests. You can do a maximum of 5 calls per 3 second to this endpoint.'));
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamRateLimited);
    expect(err).toMatchObject({ code: 'upstream_rate_limited', status: 429, retryAfter: 3, outcome: 'definite' });
  });

  it('when bunq answers with a redirect, then it is not followed and is an error', async () => {
    answer({ status: 302, body: '', headers: { location: '/v1/user/1822/elsewhere' } });
    await expect(post()).rejects.toMatchObject({ code: 'upstream_error', bunqStatus: 302, outcome: 'unknown' });
    expect(f.fake.requests.map((r) => r.url)).toEqual(['/v1/user/1822/x']);
  });

  it('when bunq does not answer in time, then it is upstream_timeout (504) with an unknown outcome', async () => {
    answer({ ...error(400, 'late'), delayMs: 1500 });
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamTimeout);
    expect(err).toMatchObject({ code: 'upstream_timeout', status: 504, outcome: 'unknown' });
  });

  it('when bunq\'s answer is larger than 16 MiB, then reading stops and it is an error with an unknown outcome', async () => {
    answer({ status: 200, body: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) });
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BunqApiError);
    expect(err).toMatchObject({ code: 'upstream_error', outcome: 'unknown' });
    expect((err as Error).message).toMatch(/size limit/);
  });

  it('when the connection is reset after the request was sent, then the outcome is unknown', async () => {
    answer({ destroy: true });
    const err = await post().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailable);
    expect(err).toMatchObject({ code: 'upstream_unavailable', status: 502, outcome: 'unknown' });
  });

  it('when nothing listens on bunq\'s port, then it is upstream_unavailable (503) with a definite outcome', async () => {
    const parked = http.createServer();
    await new Promise<void>((r) => parked.listen(0, '127.0.0.1', r));
    const port = (parked.address() as AddressInfo).port;
    await new Promise<void>((r) => parked.close(() => r()));
    // Same stored context, pointed at a closed port by rewriting the stored base URL.
    await f.t.db.bunqContext.update({ where: { id: 'primary' }, data: { baseUrl: `http://127.0.0.1:${port}/v1` } });
    const client = await f.reload();
    await f.t.db.bunqContext.update({ where: { id: 'primary' }, data: { baseUrl: f.fake.baseUrl } });
    const err = await client.request({ method: 'POST', path: '/user/1822/x', body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamUnavailable);
    expect(err).toMatchObject({ status: 503, outcome: 'definite', details: { outcome: 'definite' } });
  });
});
