// Issue #5, the sliding session expiry of BunqSessionResolver on its own (bunq-api.md §2.4): each
// use moves the stored expiry to now + session_timeout (never past the token's expiry), written
// at most once a minute when session_timeout is long, and on every use when it is short, so the
// stored expiry is never earlier than the one a client computes (bunq-clients.md §1.4).
import { BunqSessionResolver } from '../../src/bunq-protocol/session-credential';
import { ManualClock } from '../../src/lib/clock';
import type { ClientContextRepository, ClientSessionRecord } from '../../src/store/client-context-repo';
import type { TokenRecord, TokenRepository } from '../../src/store/token-repo';
import { hashSecret } from '../../src/tokens/token-format';

const START = Date.UTC(2026, 0, 1);

function world(timeoutSeconds: number, tokenExpiresAt = START + 86_400_000) {
  const clock = new ManualClock(START);
  const writes: number[] = [];
  let session: ClientSessionRecord = {
    id: 1, installationId: 1, tokenId: 'tok', secretHash: 'kh', timeoutSeconds,
    // As session-server opens it: never later than the token's own expiry.
    expiresAt: new Date(Math.min(START + timeoutSeconds * 1000, tokenExpiresAt)),
    device: { id: 1, installationId: 1, tokenId: 'tok', secretHash: 'kh', permittedIps: ['*'] },
    installation: { id: 1, clientPublicKeyPem: '' },
  };
  const clients = {
    findSession: async (hash: string) => (hash === hashSecret('s') ? session : null),
    extendSession: async (_id: number, at: Date) => {
      writes.push(at.getTime());
      session = { ...session, expiresAt: at };
    },
    deleteSession: async () => undefined,
  } as unknown as ClientContextRepository;
  const token = { id: 'tok', expiresAt: new Date(tokenExpiresAt) } as TokenRecord;
  const tokens = { findByKeyHash: async (h: string) => (h === 'kh' ? token : null) } as unknown as TokenRepository;
  return { clock, writes, resolver: new BunqSessionResolver(clients, tokens, clock), expiry: () => session.expiresAt.getTime() };
}

/** A call on the session that passed the protocol's checks: resolved, then marked used. */
async function use(w: ReturnType<typeof world>): Promise<void> {
  const { session, token } = await w.resolver.resolve('s');
  await w.resolver.used(session, token);
}

test('when a call is resolved but refused by the protocol checks (never marked used), then the expiry does not move', async () => {
  const w = world(300);
  const before = w.expiry();
  w.clock.advance(200_000);
  await w.resolver.resolve('s');
  expect(w.expiry()).toBe(before);
  expect(w.writes).toEqual([]);
});

test('when session_timeout is long (1 h), then a use moves the expiry, but at most one write per minute', async () => {
  const w = world(3600);
  w.clock.advance(30_000);
  await use(w);
  expect(w.writes).toEqual([]);
  w.clock.advance(31_000);
  await use(w);
  expect(w.writes).toEqual([START + 61_000 + 3_600_000]);
  // Whatever the client computed (at most the last use + 5 min), the stored expiry is later.
  expect(w.expiry()).toBeGreaterThan(START + 61_000 + 300_000);
});

test('when session_timeout is short (300 s), then every use moves the stored expiry', async () => {
  const w = world(300);
  w.clock.advance(1_000);
  await use(w);
  w.clock.advance(1_000);
  await use(w);
  expect(w.writes).toEqual([START + 1_000 + 300_000, START + 2_000 + 300_000]);
});

test('when the token expires sooner, then the expiry stops at the token; after it the session is dead', async () => {
  const w = world(300, START + 100_000);
  w.clock.advance(50_000);
  await use(w);
  expect(w.expiry()).toBe(START + 100_000);
  w.clock.advance(50_000);
  await expect(w.resolver.resolve('s')).rejects.toMatchObject({ status: 401, message: 'Insufficient authorisation.' });
});

test('when the session token is unknown, then it is bunq\'s dead-session answer', async () => {
  await expect(world(300).resolver.resolve('other')).rejects.toMatchObject({ status: 401, code: 'token_invalid', message: 'Insufficient authorisation.' });
});
