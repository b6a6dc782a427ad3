// Shared set-up for the token tests: a migrated database, a secret box, the signing key ring,
// the real policy catalog and a manual clock.
import { randomBytes } from 'node:crypto';
import { freshDatabase } from '../../helpers/database';
import type { Db } from '../../../src/store/client';
import { SecretBox } from '../../../src/lib/secret-box';
import { ManualClock } from '../../../src/lib/clock';
import { SigningKeyRing } from '../../../src/tokens/signing-keys';
import { TokenRepository } from '../../../src/store/token-repo';
import { TokenService } from '../../../src/tokens/token-service';
import { loadCatalog } from '../../../src/policy/catalog';
import type { JwtSettings } from '../../../src/tokens/jwt';

export const START = Date.UTC(2026, 5, 15, 12, 0, 0);
export const DAY = 86_400_000;
export const JWT: JwtSettings = { issuer: 'bunq-scope-gateway', audience: 'bunq-api' };
export const IBAN_A = 'NL91ABNA0417164300';
export const IBAN_B = 'DE89370400440532013000';

export interface TokenWorld {
  db: Db;
  box: SecretBox;
  keys: SigningKeyRing;
  repo: TokenRepository;
  clock: ManualClock;
  service: TokenService;
}

export async function tokenWorld(maxTtlDays = 366): Promise<TokenWorld> {
  const { db } = await freshDatabase();
  const box = new SecretBox(randomBytes(32));
  const keys = await SigningKeyRing.load(db, box);
  const repo = new TokenRepository(db);
  const clock = new ManualClock(START);
  const service = new TokenService({ repo, keys, jwt: JWT, catalog: loadCatalog(), clock, maxTtlDays });
  return { db, box, keys, repo, clock, service };
}
