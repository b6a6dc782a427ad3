/**
 * The gateway's one RSA key for bunq's protocol (row 'primary'). Created on first use and
 * never replaced: every client keeps the public half from its installation (bunq-clients.md
 * §1.8: a key that changes breaks every installed client for good). The private half is
 * sealed with SecretBox; two processes racing to create it both end up with the row that won.
 */
import type { SecretBox } from '../lib/secret-box';
import type { Db } from './client';

const ROW_ID = 'primary';
export const SERVER_KEY_PURPOSE = 'bunq-protocol.serverPrivateKey';

export interface StoredServerKey {
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
}

export class BunqServerKeyRepository {
  constructor(
    private readonly db: Db,
    private readonly secretBox: SecretBox,
  ) {}

  async load(): Promise<StoredServerKey | null> {
    const row = await this.db.bunqServerKey.findUnique({ where: { id: ROW_ID } });
    if (!row) return null;
    return { publicKeyPem: row.publicKeyPem, privateKeyPem: this.secretBox.open(row.privateKeyCipher, SERVER_KEY_PURPOSE) };
  }

  /** Stores `key` unless a key exists already; returns the key that is stored. */
  async createOnce(key: StoredServerKey, at: Date): Promise<StoredServerKey> {
    await this.db.bunqServerKey.upsert({
      where: { id: ROW_ID },
      update: {},
      create: {
        id: ROW_ID,
        publicKeyPem: key.publicKeyPem,
        privateKeyCipher: this.secretBox.seal(key.privateKeyPem, SERVER_KEY_PURPOSE),
        createdAt: at,
      },
    });
    const stored = await this.load();
    if (!stored) throw new Error('the bunq-protocol server key could not be stored');
    return stored;
  }
}
