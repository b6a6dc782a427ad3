// A bunq session whose calls are all refused by the protocol checks (device IP, signature) is
// not kept alive by them, and ending a session is refused from an IP its device does not permit.
import { ManualClock } from '../../src/lib/clock';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { BunqProtocolClient } from '../support/bunq-protocol-client';

const clock = new ManualClock(Date.now());
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway({ clock });
});
afterAll(async () => t?.close());

async function sessionOnAnotherIp(): Promise<BunqProtocolClient> {
  const issued = await t.issue({ scopes: ['read-user'], accounts: [t.personal.id] });
  const client = new BunqProtocolClient(t.url);
  await client.handshake(issued.bunqKey, ['127.0.0.1']);
  // The device now permits only an address this test does not call from.
  await t.runtime.db.clientDevice.updateMany({ where: { tokenId: issued.token.id }, data: { permittedIps: JSON.stringify(['10.1.2.3']) } });
  return client;
}

test('when every call on a session is refused for its IP, then the session still expires on time', async () => {
  const client = await sessionOnAnotherIp();
  const [opened] = await t.runtime.db.clientSession.findMany({ orderBy: { id: 'desc' }, take: 1 });
  const lifetime = opened!.expiresAt.getTime() - clock.now();
  for (let spent = 60_000; spent < lifetime; spent += 60_000) {
    clock.advance(60_000);
    expect((await client.send('GET', '/v1/user', undefined)).status).toBe(400);
  }
  const row = await t.runtime.db.clientSession.findUnique({ where: { id: opened!.id } });
  expect(row!.expiresAt.getTime()).toBe(opened!.expiresAt.getTime());
  clock.advance(60_000);
  expect((await client.send('GET', '/v1/user', undefined)).status).toBe(401); // expired, as opened
});

test('when a session is ended from an IP its device does not permit, then it is refused and the session stays', async () => {
  const client = await sessionOnAnotherIp();
  const before = await t.runtime.db.clientSession.count();
  const res = await client.send('DELETE', `/v1/session/${client.sessionId}`, undefined);
  expect(res.status).toBe(400);
  expect(await t.runtime.db.clientSession.count()).toBe(before);
});
