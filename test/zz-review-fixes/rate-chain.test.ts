import { TokenRateLimiter } from '../../src/inbound/check-rate-limit';
import type { TokenRecord } from '../../src/store/token-repo';

const tok = (id: string, ratePerDay: number | null) => ({ id, ratePerMinute: null, ratePerDay }) as unknown as TokenRecord;

test("a child's calls refused by the child's OWN limit still use up the parent's limit", async () => {
  const limiter = new TokenRateLimiter();
  const parent = tok('parent', 100);
  const child = tok('child', 5); // the parent handed out a child limited to 5 a day
  let refused = 0;
  for (let i = 0; i < 100; i++) {
    await limiter.checkChain({ token: child, ancestors: [parent] }).catch(() => refused++);
  }
  expect(refused).toBe(95); // the child got its 5
  // The parent has made no call of its own, and only 5 of the child's were allowed ...
  await expect(limiter.checkChain({ token: parent, ancestors: [] })).resolves.toBeUndefined();
});
