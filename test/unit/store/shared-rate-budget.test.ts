// Issue #7: gateway instances on one PostgreSQL database share bunq's per-IP rate budget
// (store/shared-rate-budget.ts): two budgets on two connections hand out one count.
import { freshDatabase } from '../../helpers/database';
import { openDatabase, type Db } from '../../../src/store/client';
import { SharedRateBudget } from '../../../src/store/shared-rate-budget';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const GET = { limit: 3, windowMs: 3_350 };

let a: Db;
let b: Db;
let one: SharedRateBudget;
let other: SharedRateBudget;

beforeAll(async () => {
  const fresh = await freshDatabase('postgresql');
  a = fresh.db;
  b = openDatabase(fresh.url); // a second instance: its own connection pool
  one = new SharedRateBudget(a);
  other = new SharedRateBudget(b);
});
afterAll(async () => {
  await a?.$disconnect();
  await b?.$disconnect();
});

test('when one instance used the window, then the other must wait until its oldest slot leaves it', async () => {
  expect([await one.take('GET /a', GET, NOW), await other.take('GET /a', GET, NOW + 10), await one.take('GET /a', GET, NOW + 20)]).toEqual([0, 0, 0]);
  expect(await other.take('GET /a', GET, NOW + 1_000)).toBe(GET.windowMs - 1_000);
  expect(await other.take('GET /a', GET, NOW + GET.windowMs)).toBe(0);
  expect(await one.take('GET /b', GET, NOW + 1_000)).toBe(0); // another endpoint has its own count
});

test('when bunq answered 429 to one instance, then the other gives out no slot before the back-off ends', async () => {
  await one.block('GET /c', NOW + 3_000);
  expect(await other.take('GET /c', GET, NOW + 1_000)).toBe(2_000);
  expect(await other.take('GET /c', GET, NOW + 3_000)).toBe(0);
});

test('when 30 calls race for 3 slots across both instances, then exactly 3 get one', async () => {
  const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : other).take('GET /d', GET, NOW)));
  expect(waits.filter((w) => w === 0)).toHaveLength(3);
  expect(waits.filter((w) => w > 0)).toHaveLength(27);
});
