// How bunq's handshake answers are read (bunq-api.md §2.1, §2.3, §2.4): by position, the
// session user from any of bunq's wrappers, session_timeout per the SDK rule, and nothing odd
// accepted (a weak server key, an unknown user wrapper).
import { generateKeyPairSync } from 'node:crypto';
import { initBunqContext } from '../../src/upstream';
import { FakeBunq, ok, type Reply } from './support/fake-bunq';
import { createTestDb, type TestDb } from './support/test-db';

let fake: FakeBunq;
let t: TestDb;
beforeAll(async () => {
  [fake, t] = await Promise.all([FakeBunq.start(), createTestDb()]);
});
afterAll(async () => Promise.all([fake.close(), t.close()]));
beforeEach(() => fake.reset());

const init = () => initBunqContext(t, { baseUrl: fake.baseUrl, apiKey: 'c'.repeat(64), replace: true });

function sessionUser(wrapper: Record<string, unknown>): void {
  fake.on((r) =>
    r.url === '/v1/session-server'
      ? ok([{ Id: { id: 9 } }, { Token: { id: 9, token: 'd'.repeat(64) } }, wrapper])
      : undefined,
  );
}

describe('reading the handshake answers', () => {
  it('when the session user is a UserCompany, then its id, name and session_timeout are used', async () => {
    sessionUser({ UserCompany: { id: 44, name: 'ACME B.V.', display_name: 'ACME', session_timeout: 900 } });
    await expect(init()).resolves.toMatchObject({
      user: { id: 44, type: 'UserCompany', displayName: 'ACME' },
      session: { id: 9, timeoutSeconds: 900 },
    });
  });

  it('when the session user is a UserApiKey, then session_timeout comes from requested_by_user', async () => {
    sessionUser({
      UserApiKey: {
        id: 55,
        requested_by_user: { UserPerson: { id: 1, display_name: 'Developer', session_timeout: 1200 } },
        granted_by_user: { UserCompany: { id: 2, display_name: 'Customer' } },
      },
    });
    await expect(init()).resolves.toMatchObject({
      user: { id: 55, type: 'UserApiKey', displayName: 'Customer' },
      session: { timeoutSeconds: 1200 },
    });
  });

  it('when session_timeout is missing, then a short fallback (300 s) is used', async () => {
    sessionUser({ UserPerson: { id: 66, display_name: 'No Timeout' } });
    await expect(init()).resolves.toMatchObject({ session: { timeoutSeconds: 300 } });
  });

  it('when the session user wrapper is unknown, then init fails', async () => {
    sessionUser({ UserLight: { id: 77, session_timeout: 60 } });
    await expect(init()).rejects.toMatchObject({ code: 'upstream_error', outcome: 'unknown' });
  });

  it('when installation returns a server key weaker than RSA-2048, then init fails', async () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' });
    fake.on((r): Reply | undefined =>
      r.url === '/v1/installation'
        ? ok([{ Id: { id: 1 } }, { Token: { id: 1, token: 'e'.repeat(64) } }, { ServerPublicKey: { server_public_key: String(weak) } }], 'none')
        : undefined,
    );
    await expect(init()).rejects.toMatchObject({ code: 'upstream_error', bunqMessage: expect.stringMatching(/server public key/) });
    expect(fake.calls('/v1/device-server')).toHaveLength(0);
  });

  it('when installation answers in the wrong order, then init fails before registering a device', async () => {
    fake.on((r) =>
      r.url === '/v1/installation'
        ? ok([{ Token: { id: 1, token: 'e'.repeat(64) } }, { Id: { id: 1 } }, { ServerPublicKey: { server_public_key: 'x' } }], 'none')
        : undefined,
    );
    await expect(init()).rejects.toMatchObject({ code: 'upstream_error' });
    expect(fake.calls('/v1/device-server')).toHaveLength(0);
  });

  it('when device-server answers unsigned, then init fails and nothing is stored for that attempt', async () => {
    const before = await t.db.bunqContext.findUnique({ where: { id: 'primary' } });
    fake.on((r) => (r.url === '/v1/device-server' ? { ...ok([{ Id: { id: 3 } }]), signature: 'none' } : undefined));
    await expect(init()).rejects.toMatchObject({ code: 'upstream_signature_invalid' });
    const after = await t.db.bunqContext.findUnique({ where: { id: 'primary' } });
    expect(after?.installationTokenCipher).toBe(before?.installationTokenCipher);
  });
});
