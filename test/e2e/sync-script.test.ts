// Issue #3: a transaction-sync script with a read-recent (30 days) token walks the payment
// list page by page and never sees anything older than its window, however it pages; a
// read-transactions token sees the whole history. Other accounts stay invisible.
import type { Response } from 'supertest';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway';
import { bunqTime, call, counting, errorOf, items } from '../component/support/calls';

const DAY = 86_400_000;
let t: TestGateway;
let recent: string;
let full: string;
let listPath: string;
let windowStart: number;

beforeAll(async () => {
  t = await startTestGateway();
  recent = (await t.issue({ scopes: ['read-user', 'read-balance', 'read-recent'], accounts: [t.personal.id], recentDays: 30 }, { name: 'sync' })).bearer;
  full = (await t.issue({ scopes: ['read-user', 'read-balance', 'read-transactions'], accounts: [t.personal.id] }, { name: 'history' })).bearer;
  listPath = `/v1/user/${t.user.userId}/monetary-account/${t.personal.id}/payment`;
  windowStart = Date.now() - 30 * DAY;
});
afterAll(async () => t?.close());

interface Page {
  readonly res: Response;
  readonly olderUrl: string | null;
}

async function page(token: string, path: string): Promise<Page> {
  const res = await call(t, 'GET', path, token);
  expect(res.status).toBe(200);
  const olderUrl = (res.body as { Pagination?: { older_url?: string | null } }).Pagination?.older_url ?? null;
  return { res, olderUrl };
}

/** Follows older_url until it is null; returns every item seen and the number of pages. */
async function walk(token: string, first: string): Promise<{ all: Record<string, unknown>[]; pages: number }> {
  const all: Record<string, unknown>[] = [];
  let next: string | null = first;
  let pages = 0;
  while (next !== null) {
    const p = await page(token, next);
    all.push(...items(p.res));
    next = p.olderUrl;
    pages += 1;
    if (pages > 100) throw new Error('the walk does not end');
  }
  return { all, pages };
}

const seeded = () => t.emulator.control.listPayments(t.personal.id);

describe('read-recent (30 days)', () => {
  test('when the sync script pages through the payments with count=10, then every page holds only payments of the last 30 days and the walk ends at the window', async () => {
    const { all, pages } = await walk(recent, `${listPath}?count=10`);
    // The margin of a minute keeps payments on the window's edge out of the comparison.
    const expected = seeded().filter((p) => p.createdAt >= windowStart + 60_000).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(20);
    expect(pages).toBeGreaterThan(2);
    for (const item of all) {
      expect(bunqTime(item['created'] as string)).toBeGreaterThanOrEqual(windowStart - 60_000);
      expect(item['monetary_account_id']).toBe(t.personal.id);
    }
    const ids = all.map((i) => i['id'] as number);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(expected));
    expect(ids.length).toBeLessThanOrEqual(expected.length + 2);
  });

  test('when the sync script crafts older_id pointing before the window, then it gets no payment older than 30 days', async () => {
    const old = seeded().filter((p) => p.createdAt < windowStart - 10 * DAY);
    expect(old.length).toBeGreaterThan(10);
    for (const cursor of [old[0]!.id, old[5]!.id, old.at(-1)!.id]) {
      const res = await call(t, 'GET', `${listPath}?count=10&older_id=${cursor}`, recent);
      if (res.status === 200) {
        for (const item of items(res)) expect(bunqTime(item['created'] as string)).toBeGreaterThanOrEqual(windowStart - 60_000);
        expect((res.body as { Pagination?: { older_url?: string | null } }).Pagination?.older_url ?? null).toBeNull();
      } else {
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
  });

  test('when the sync script crafts older_id inside the window, then the page holds only in-window payments older than the cursor', async () => {
    const inWindow = seeded().filter((p) => p.createdAt >= windowStart + DAY);
    const cursor = inWindow[Math.floor(inWindow.length / 2)]!.id;
    const { all } = await walk(recent, `${listPath}?count=5&older_id=${cursor}`);
    expect(all.length).toBeGreaterThan(0);
    for (const item of all) {
      expect(item['id'] as number).toBeLessThan(cursor);
      expect(bunqTime(item['created'] as string)).toBeGreaterThanOrEqual(windowStart - 60_000);
    }
  });

  test('when the sync script asks for one payment older than the window by id, then it does not get it', async () => {
    const old = seeded().find((p) => p.createdAt < windowStart - 10 * DAY)!;
    const res = await call(t, 'GET', `${listPath}/${old.id}`, recent);
    if (res.status === 200) expect(items(res)).toEqual([]);
    else expect([403, 404]).toContain(res.status);
    expect(JSON.stringify(res.body)).not.toContain(old.description);
  });
});

describe('read-transactions', () => {
  test('when a read-transactions token pages through the payments, then it sees the full history of about 120 days', async () => {
    const { all } = await walk(full, `${listPath}?count=50`);
    const ids = all.map((i) => i['id'] as number);
    expect(ids.sort()).toEqual(seeded().map((p) => p.id).sort());
    const oldest = Math.min(...all.map((i) => bunqTime(i['created'] as string)));
    expect(oldest).toBeLessThan(Date.now() - 100 * DAY);
    for (const item of all) expect(item['monetary_account_id']).toBe(t.personal.id);
  });
});

describe('other accounts', () => {
  test.each([
    ['read-recent', () => recent],
    ['read-transactions', () => full],
  ])("when a %s token names another account's id in the path, then it is refused with account_not_allowed and bunq is not called", async (_scope, token) => {
    for (const other of [t.savings.id, t.joint.id]) {
      const path = `/v1/user/${t.user.userId}/monetary-account/${other}/payment?count=10`;
      const { result: res, upstream } = await counting(t, () => call(t, 'GET', path, token()));
      expect(res.status).toBe(403);
      expect(errorOf(res).error_code).toBe('account_not_allowed');
      expect(upstream).toBe(0);
    }
  });

  test("when a token asks for another account's payment by id under its own account, then bunq's answer does not leak it", async () => {
    const foreign = t.emulator.control.listPayments(t.savings.id)[0]!;
    const res = await call(t, 'GET', `${listPath}/${foreign.id}`, full);
    expect(res.status).not.toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(foreign.description);
  });
});
