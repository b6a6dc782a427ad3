// Several instances starting together on an empty shared database (PostgreSQL: SQLite is the
// one-instance database) create ONE signing key and all load it; otherwise each would refuse
// the tokens signed by the others.
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../../src/lib/secret-box';
import { SigningKeyRing } from '../../../src/tokens/signing-keys';
import { openDatabase } from '../../../src/store/client';
import { freshDatabaseUrl } from '../../helpers/database';

describe('on a shared PostgreSQL database', () => {
  test('when 4 instances load the key ring at once on an empty database, then one key exists and every instance signs and verifies with it', async () => {
    const url = await freshDatabaseUrl('postgresql');
    const box = new SecretBox(randomBytes(32));
    const instances = Array.from({ length: 4 }, () => openDatabase(url));
    try {
      const rings = await Promise.all(instances.map((db) => SigningKeyRing.load(db, box)));
      expect(await instances[0]!.signingKey.count()).toBe(1);
      const kid = rings[0]!.active.kid;
      for (const ring of rings) {
        expect(ring.active.kid).toBe(kid);
        expect(ring.get(kid)).toBeDefined();
      }
    } finally {
      await Promise.all(instances.map((db) => db.$disconnect()));
    }
  });
});
