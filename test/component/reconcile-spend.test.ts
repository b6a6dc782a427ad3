// Issue #7: payments whose outcome the gateway never learned are settled from what bunq shows,
// never re-sent: booked → COMMITTED with bunq's id; not booked → RELEASED, but only from the
// release age on (until then bunq may still book it, and it keeps counting); two candidates that
// cannot be told apart → left UNKNOWN for the owner. Each settlement is audited.
import { reconcileSpend } from '../../src/steps/reconcile-spend';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { call, paymentBody } from './support/calls';

const PAYEE = 'NL91ABNA0417164300';
const STALE_MS = 2_000;
/** Release as soon as the entry is looked at (the release age itself has tests of its own below). */
const AGES = { staleAfterMs: STALE_MS, releaseAfterMs: STALE_MS };
let t: TestGateway;
let payPath: string;

beforeAll(async () => {
  t = await startTestGateway();
  payPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
});
afterAll(async () => t?.close());
afterEach(() => t.emulator.control.setFault(null));

const payer = () =>
  t.issue({
    scopes: ['create-payment'],
    accounts: [t.personal.id],
    payment: { maxPerPayment: '50.00', caps: { day: '100.00' }, ibanAllowlist: [PAYEE], sourceAccounts: [t.personal.id] },
  });

/** A payment whose connection to bunq breaks before (not booked) or after (booked) bunq executes it. */
async function lostPayment(bearer: string, value: string, phase: 'before' | 'after') {
  t.emulator.control.setFault({ kind: 'drop-connection', phase, times: 1, match: { method: 'POST', pathIncludes: '/payment' } });
  const res = await call(t, 'POST', payPath, bearer, { body: paymentBody(value, PAYEE) });
  expect(res.status).toBeGreaterThanOrEqual(500);
}

async function entriesOf(tokenId: string) {
  return t.runtime.db.spendEntry.findMany({ where: { tokenId }, orderBy: { createdAt: 'asc' } });
}

async function reconcileWhenStale() {
  await new Promise((r) => setTimeout(r, STALE_MS + 100));
  return reconcileSpend(t.runtime, AGES);
}

test('when bunq booked a payment whose answer was lost, then reconciliation commits it with bunq\'s payment id and audits that', async () => {
  const token = await payer();
  await lostPayment(token.bearer, '4.56', 'after');
  const [entry] = await entriesOf(token.token.id);
  expect(entry!.status).toBe('UNKNOWN');
  const posts = t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' });

  await reconcileWhenStale();

  const [settled] = await entriesOf(token.token.id);
  const booked = t.emulator.control.findPaymentsByClientRequestId(entry!.clientRequestId);
  expect(booked).toHaveLength(1);
  expect(settled).toMatchObject({ status: 'COMMITTED', bunqObjectId: booked[0]!.id });
  expect(t.emulator.control.requestCount({ method: 'POST', pathIncludes: '/payment' })).toBe(posts);
  const audit = await t.runtime.db.auditEvent.findMany({ where: { requestId: `reconcile-${entry!.id}` } });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ reasonId: 'reconciled_paid', amountMinor: 456n, tokenId: token.token.id });
});

// Issue #6: the reconciler's reads spend bunq's budget like anyone's: through the one scheduler.
test('when reconciliation reads bunq\'s payment list, then it goes through the scheduler (as the reconciler), not around it', async () => {
  const token = await payer();
  await lostPayment(token.bearer, '3.21', 'before');
  const scheduled = jest.spyOn(t.runtime.upstream, 'request');
  try {
    await reconcileWhenStale();
    expect(scheduled).toHaveBeenCalledWith(expect.objectContaining({ tokenId: 'gateway:reconciler', method: 'GET', cacheable: false, fresh: true }));
  } finally {
    scheduled.mockRestore();
  }
});

test('when bunq never booked it, then reconciliation releases the reservation', async () => {
  const token = await payer();
  await lostPayment(token.bearer, '7.89', 'before');
  const [entry] = await entriesOf(token.token.id);
  expect(entry!.status).toBe('UNKNOWN');

  await reconcileWhenStale();

  expect((await entriesOf(token.token.id))[0]!.status).toBe('RELEASED');
  expect(t.emulator.control.findPaymentsByClientRequestId(entry!.clientRequestId)).toHaveLength(0);
});

test('when two lost payments of the same amount to the same payee were both booked, then neither is guessed: both stay UNKNOWN', async () => {
  const token = await payer();
  await lostPayment(token.bearer, '3.21', 'after');
  await lostPayment(token.bearer, '3.21', 'after');

  const result = await reconcileWhenStale();

  expect(result.leftUnknown).toBeGreaterThanOrEqual(2);
  expect((await entriesOf(token.token.id)).map((e) => e.status)).toEqual(['UNKNOWN', 'UNKNOWN']);
});

test('when a payment is still within the stale age, then it is not touched', async () => {
  const token = await payer();
  await lostPayment(token.bearer, '1.11', 'after');
  await reconcileSpend(t.runtime, { staleAfterMs: 60_000, releaseAfterMs: 60_000 });
  expect((await entriesOf(token.token.id))[0]!.status).toBe('UNKNOWN');
});

test('when more entries than one page are left to the owner, then a newer orphaned reservation behind them is still reconciled', async () => {
  const token = await payer();
  const old = Date.now() - 3_600_000;
  const entry = (i: number, mode: string, status: string, createdAt: Date) => ({
    id: `owner-${i}-${token.token.id}`, tokenId: token.token.id, monetaryAccountId: t.personal.id, amountMinor: 100n, currency: 'EUR',
    counterpartyIban: PAYEE, mode, status, clientRequestId: `crid-${i}-${token.token.id}`, createdAt,
  });
  // 150 draft entries stay UNKNOWN for the owner on every pass (more than one page of 100).
  await t.runtime.db.spendEntry.createMany({ data: Array.from({ length: 150 }, (_, i) => entry(i, 'draft', 'UNKNOWN', new Date(old + i))) });
  // A reservation a killed process never sent: bunq has no such payment.
  const orphan = entry(999, 'payment', 'RESERVED', new Date(Date.now() - 60_000));
  await t.runtime.db.spendEntry.create({ data: orphan });

  const result = await reconcileSpend(t.runtime, AGES);

  expect((await t.runtime.db.spendEntry.findUnique({ where: { id: orphan.id } }))!.status).toBe('RELEASED');
  expect(result.leftUnknown).toBeGreaterThanOrEqual(150);
  await t.runtime.db.spendEntry.deleteMany({ where: { tokenId: token.token.id } });
});

test('when bunq has not booked it yet but the release age has not passed, then it stays UNKNOWN and keeps counting; from the release age on it is released', async () => {
  const token = await payer();
  await lostPayment(token.bearer, '6.54', 'before');
  await new Promise((r) => setTimeout(r, STALE_MS + 100));

  // bunq may still book a request it received while the gateway gave up on it.
  const early = await reconcileSpend(t.runtime, { staleAfterMs: STALE_MS, releaseAfterMs: 3_600_000 });
  expect(early.released).toBe(0);
  const [entry] = await entriesOf(token.token.id);
  expect(entry!.status).toBe('UNKNOWN');
  expect((await t.runtime.ledger.spent(token.token.id, 'EUR', Date.now())).day).toBe(654n);

  const late = await reconcileSpend(t.runtime, AGES);
  expect(late.released).toBeGreaterThanOrEqual(1);
  expect((await entriesOf(token.token.id))[0]!.status).toBe('RELEASED');
});

test('when a committed draft entry carries the same number as a booked payment, then that payment still settles its own entry (draft ids are another id space)', async () => {
  const token = await payer();
  await lostPayment(token.bearer, '9.99', 'after');
  const [entry] = await entriesOf(token.token.id);
  const [paid] = t.emulator.control.findPaymentsByClientRequestId(entry!.clientRequestId);
  expect(paid).toBeDefined();
  // The emulator's draft and payment ids never collide; bunq's may: written directly.
  await t.runtime.db.spendEntry.create({
    data: {
      id: `draft-${entry!.id}`, tokenId: token.token.id, monetaryAccountId: t.personal.id, amountMinor: 100n, currency: 'EUR',
      counterpartyIban: 'DE89370400440532013000', mode: 'draft', status: 'COMMITTED', clientRequestId: `draft-${entry!.clientRequestId}`,
      bunqObjectId: paid!.id, createdAt: new Date(),
    },
  });

  await reconcileWhenStale();

  expect(await t.runtime.db.spendEntry.findUnique({ where: { id: entry!.id } })).toMatchObject({ status: 'COMMITTED', bunqObjectId: paid!.id });
});
