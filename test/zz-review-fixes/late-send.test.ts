import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transport } from '../../src/upstream/transport';

test('a request that timed out while waiting for a pool connection is still sent afterwards', async () => {
  const seen: { path: string; at: number }[] = [];
  const server = http.createServer((req) => {
    seen.push({ path: req.url ?? '', at: Date.now() });
    // never answers: every exchange holds its connection until the gateway gives up
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const T = 300;
  const transport = new Transport(`http://127.0.0.1:${port}`, T);
  const send = (path: string) => transport.send({ method: 'POST', target: path, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') });
  const blockers = Array.from({ length: 8 }, (_, i) => send(`/blocker/${i}`).catch((e: unknown) => e));
  await new Promise((r) => setTimeout(r, 50));
  const started = Date.now();
  const payment = await send('/payment').then(() => 'answered', (e: { code?: string; details?: unknown }) => ({ code: e.code, at: Date.now() - started }));
  await Promise.all(blockers);
  await new Promise((r) => setTimeout(r, 500));
  const paymentSeen = seen.find((s) => s.path === '/payment');
  console.log({ payment, paymentSeenAfterStartMs: paymentSeen ? paymentSeen.at - started : null });
  // The caller was told "timeout" (outcome unknown) at ~T ms ...
  expect(payment).toMatchObject({ code: 'upstream_timeout' });
  // ... and the server must never receive it later than that.
  expect(paymentSeen === undefined || paymentSeen.at - started <= T).toBe(true);
  await transport.close().catch(() => undefined);
  server.closeAllConnections();
  server.close();
});
