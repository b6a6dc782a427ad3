import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { rawPay } from '../component/support/raw-pay';
const PAYEE = 'NL91ABNA0417164300';
let t: TestGateway;
beforeAll(async () => { t = await startTestGateway(); });
afterAll(async () => t?.close());
test('noise statuses', async () => {
  const payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  const capped = await t.issue({
    scopes: ['create-payment'], accounts: [t.personal.id],
    payment: { maxPerPayment: '10.00', caps: { day: '100.00', week: '100.00', month: '0.01' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });
  const res = await Promise.all(Array.from({ length: 60 }, () => rawPay(t.url, payPath, capped.bearer, '5.00', PAYEE, 'noise')));
  const counts: Record<string, number> = {};
  for (const r of res) { const k = `${r.status} ${(JSON.parse(r.body).Error?.[0]?.error_code) ?? ''}`; counts[k] = (counts[k] ?? 0) + 1; }
  console.log(counts);
});
