// A token that may pay (to drafts) and read its own drafts, but not read balances or payments,
// does not learn the account's balance from a draft the owner approved.
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call } from '../component/support/calls';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => t?.close());

async function approvedDraft(scopes: string[]) {
  const token = (
    await t.issue({
      scopes,
      accounts: [t.personal.id],
      payment: { currency: 'EUR', maxPerPayment: '50.00', sourceAccounts: [t.personal.id], outsideAllowlist: 'draft' },
    })
  ).bearer;
  const account = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}`;
  const made = await call(t, 'POST', `${account}/payment`, token, {
    body: { amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'X' }, description: 'x' },
  });
  const id = (made.body as { Gateway: { draft_payment_id: number } }).Gateway.draft_payment_id;
  t.emulator.control.acceptDraftPayment(id);
  return { token, account, read: () => call(t, 'GET', `${account}/draft-payment/${id}`, token) };
}

test('when a token without balance or payment scopes reads an approved draft, then the resulting payment carries no balance', async () => {
  const draft = await approvedDraft(['create-payment', 'read-draft-payments']);
  expect((await call(t, 'GET', draft.account, draft.token)).status).toBe(403);
  const res = await draft.read();
  expect(res.status).toBe(200);
  expect(res.text).toContain('"Payment"');
  expect(res.text).not.toContain('balance_after_mutation');
});

test('when the token may read balances, then the approved draft keeps the balance after it', async () => {
  const draft = await approvedDraft(['create-payment', 'read-draft-payments', 'read-balance']);
  expect((await draft.read()).text).toContain('balance_after_mutation');
});
