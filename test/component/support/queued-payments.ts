// A gateway that keeps bunq's own limits in its scheduler (5 POSTs in any 3 s), a token that may
// pay PAYEE, and counters for what was reserved and what bunq received: tests of what happens to
// a payment that waits in the queue (send deadline, client hanging up).
import type { Clock } from '../../../src/lib/clock';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway';

export const PAYEE = 'NL91ABNA0417164300';

export async function payerBehindBunqLimits(opts: { clock?: Clock } = {}) {
  const t: TestGateway = await startTestGateway({ ...opts, config: { UPSTREAM_RATE_LIMITS: 'bunq' } });
  const token = await t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  const payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  /** POSTs to a payment endpoint bunq (the emulator) has received so far. */
  const posts = () => t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });
  /** Spend entries (reservations) of the token, in any state. */
  const reserved = () => t.runtime.db.spendEntry.count({ where: { tokenId: token.token.id } });
  return { t, token, payPath, posts, reserved };
}
