// Payments name the counterparty, often another person: without read-personal-data a token gets
// their IBAN and name but not their pictures or public uuid (src/filter/trim-labels.ts), as a
// co-owner on an account already was. With read-personal-data the labels come through.
// (From a security review: the avatars of other bunq users were passed on whole.)
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, items } from '../component/support/calls';

let t: TestGateway;
let other: { accounts: { iban: string }[]; displayName?: string };
beforeAll(async () => {
  t = await startTestGateway();
  other = t.emulator.control.createSandboxUser('person') as typeof other;
  const iban = other.accounts[0]!.iban;
  const payer = (
    await t.issue({
      scopes: ['create-payment'],
      accounts: [t.personal.id],
      payment: { maxPerPayment: '5.00', ibanAllowlist: [iban], sourceAccounts: [t.personal.id], outsideAllowlist: 'deny' },
    })
  ).bearer;
  const paid = await call(t, 'POST', `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`, payer, {
    body: { amount: { value: '1.00', currency: 'EUR' }, counterparty_alias: { type: 'IBAN', value: iban, name: 'Other' }, description: 'x' },
  });
  expect(paid.status).toBe(200);
});
afterAll(async () => t?.close());

async function latestPayment(scopes: string[]) {
  const bearer = (await t.issue({ scopes, accounts: [t.personal.id], recentDays: 30 })).bearer;
  const res = await call(t, 'GET', `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment?count=1`, bearer);
  expect(res.status).toBe(200);
  return items(res)[0]!;
}

type Label = { iban: string; display_name: string; avatar: unknown; label_user: { avatar: unknown; uuid: unknown; display_name: string } };

test('when a token without read-personal-data reads a payment to another bunq user, then it gets their IBAN and name, not their pictures or uuid', async () => {
  const payment = await latestPayment(['read-recent']);
  const counterparty = payment['counterparty_alias'] as Label;
  expect(counterparty.iban).toBe(other.accounts[0]!.iban);
  expect(counterparty.display_name).toEqual(expect.any(String));
  expect({ avatar: counterparty.avatar, userAvatar: counterparty.label_user.avatar, uuid: counterparty.label_user.uuid }).toEqual({
    avatar: null,
    userAvatar: null,
    uuid: null,
  });
  expect((payment['alias'] as Label).avatar).toBeNull();
});

test('when a token with read-personal-data reads the same payment, then the labels come through', async () => {
  const counterparty = (await latestPayment(['read-recent', 'read-personal-data']))['counterparty_alias'] as Label;
  expect(counterparty.avatar).toEqual(expect.objectContaining({ image: expect.any(Array) }));
  expect(counterparty.label_user.uuid).toEqual(expect.any(String));
});
