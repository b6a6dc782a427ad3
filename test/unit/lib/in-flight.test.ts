// Shutdown waits for calls still running (src/lib/in-flight.ts), so their audit rows and ledger
// entries are written before the database is closed.
import { InFlightCalls } from '../../../src/lib/in-flight';

test('when no call is running, then idle() resolves at once', async () => {
  await expect(new InFlightCalls().idle()).resolves.toBeUndefined();
});

test('when calls are running, then idle() resolves only after the last has finished', async () => {
  const calls = new InFlightCalls();
  const first = calls.enter();
  const second = calls.enter();
  let idle = false;
  const waiting = calls.idle().then(() => (idle = true));
  first();
  await new Promise((r) => setImmediate(r));
  expect(idle).toBe(false);
  expect(calls.running).toBe(1);
  second();
  await waiting;
  expect(idle).toBe(true);
  expect(calls.running).toBe(0);
});

test('when a call is marked finished twice, then it is counted once', () => {
  const calls = new InFlightCalls();
  const a = calls.enter();
  calls.enter();
  a();
  a();
  expect(calls.running).toBe(1);
});
