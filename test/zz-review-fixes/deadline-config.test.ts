import { loadConfig } from '../../src/config/load';
import { sendDeadline } from '../../src/steps/reconcile-spend';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, errorOf, paymentBody } from '../component/support/calls';

const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
afterAll(async () => t?.close());

test('RECONCILE_AFTER_MS just above UPSTREAM_TIMEOUT_MS is accepted, and then every payment is refused', async () => {
  const env = { UPSTREAM_TIMEOUT_MS: '15000', RECONCILE_AFTER_MS: '15001' };
  const config = loadConfig({}, { GATEWAY_DATA_DIR: '/tmp/x', ...env }); // no ConfigError
  expect(sendDeadline(config, 1_000_000)).toBe(1_000_001); // 1 ms to reserve, write the audit row, queue and get a session
  t = await startTestGateway({ config: env });
  const token = await t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  const payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  const statuses: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await call(t, 'POST', payPath, token.bearer, { body: paymentBody('1.00', PAYEE) });
    statuses.push(res.status === 200 ? 200 : `${res.status} ${String(errorOf(res).error_code)}`);
  }
  console.log(statuses);
  expect(statuses).toEqual([200, 200, 200, 200, 200]);
});
