// Issue #6 (hot path) with the brief's "nothing lost, fail closed": rows of calls that moved no
// money are written in batches after the answer; a slow or failing database never loses them,
// and once too many wait, calls are refused instead of served unaudited.
import { AuditLog, FLUSH_AFTER_MS, type AuditRowWriter } from '../../../src/audit/audit-log';
import type { AuditEvent } from '../../../src/audit/audit-event';
import type { Db } from '../../../src/store/client';
import { GatewayError } from '../../../src/lib/errors';
import { silentLogger } from '../../../src/lib/logger';

function event(requestId: string): AuditEvent {
  return {
    at: Date.now(), requestId, tokenId: 't1', method: 'GET', endpoint: 'GET /v1/user/{userID}', monetaryAccountId: null,
    amountMinor: null, currency: null, counterpartyIban: null, decision: 'allow', reasonId: 'allowed', status: 200,
    upstreamStatus: 200, durationMs: 1, clientIp: '127.0.0.1',
  };
}

/** A writer that stores rows, and can be made to fail (all rows, or only some). */
function fakeWriter() {
  const stored: string[] = [];
  const batches: number[] = [];
  let down = false;
  let poison = new Set<string>();
  const writer: AuditRowWriter = {
    async write(events) {
      if (down) throw new Error('database is down');
      if (events.some((e) => poison.has(e.requestId))) throw new Error('constraint failed');
      batches.push(events.length);
      stored.push(...events.map((e) => e.requestId));
    },
  };
  return {
    writer, stored, batches,
    setDown: (v: boolean) => (down = v),
    setPoison: (ids: string[]) => (poison = new Set(ids)),
  };
}

/** A silent logger that keeps what is logged at error level. */
function capturingLogger() {
  const errors: unknown[] = [];
  const logger = Object.assign(Object.create(silentLogger), { error: (obj: unknown) => errors.push(obj) }) as typeof silentLogger;
  return { logger, errors };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (w: AuditRowWriter, maxBuffered?: number) => new AuditLog({} as Db, silentLogger, w, maxBuffered === undefined ? {} : { maxBuffered });

test('when rows are recorded, then they are written together within a few milliseconds, not one write per call', async () => {
  const f = fakeWriter();
  const audit = log(f.writer);
  const written = ['a', 'b', 'c'].map((id) => audit.record(event(id)));
  expect(f.stored).toEqual([]);
  await sleep(FLUSH_AFTER_MS * 5);
  expect(f.stored).toEqual(['a', 'b', 'c']);
  expect(f.batches).toEqual([3]);
  await Promise.all(written);
  await audit.close();
});

test('when flush() is called, then everything buffered is written before it returns', async () => {
  const f = fakeWriter();
  const audit = log(f.writer);
  void audit.record(event('a'));
  expect(await audit.flush()).toBe(true);
  expect(f.stored).toEqual(['a']);
  await audit.close();
});

test('when the database is down, then rows are kept and written once it is back: none is lost', async () => {
  const f = fakeWriter();
  const audit = log(f.writer);
  f.setDown(true);
  void audit.record(event('a'));
  void audit.record(event('b'));
  expect(await audit.flush()).toBe(false);
  expect(audit.buffered).toBe(2);
  f.setDown(false);
  await sleep(400); // first retry after 100 ms
  expect(f.stored).toEqual(['a', 'b']);
  expect(audit.buffered).toBe(0);
  await audit.close();
});

test('when the buffer is full, then new calls are refused with 503 audit_unavailable until rows are written', async () => {
  const f = fakeWriter();
  const audit = log(f.writer, 3);
  f.setDown(true);
  for (const id of ['a', 'b', 'c']) void audit.record(event(id));
  await audit.flush();
  let refusal: unknown;
  try {
    audit.assertAccepting();
  } catch (err) {
    refusal = err;
  }
  expect(refusal).toBeInstanceOf(GatewayError);
  expect(refusal).toMatchObject({ code: 'audit_unavailable', status: 503, retryAfter: 5 });
  f.setDown(false);
  expect(await audit.flush()).toBe(true);
  expect(() => audit.assertAccepting()).not.toThrow();
  await audit.close();
});

test('when one row of a batch can never be written, then the others are written and only it is dropped (and logged)', async () => {
  const f = fakeWriter();
  const { logger, errors } = capturingLogger();
  const audit = new AuditLog({} as Db, logger, f.writer);
  f.setPoison(['bad']);
  for (const id of ['a', 'bad', 'c']) void audit.record(event(id));
  expect(await audit.flush()).toBe(true);
  expect(f.stored).toEqual(['a', 'c']);
  expect(JSON.stringify(errors)).toContain('"requestId":"bad"');
  await audit.close();
});

test('when the gateway shuts down with the database gone, then the unwritten rows go to the log in full', async () => {
  const f = fakeWriter();
  const { logger, errors } = capturingLogger();
  const audit = new AuditLog({} as Db, logger, f.writer);
  f.setDown(true);
  void audit.record(event('last-words'));
  await audit.close();
  expect(JSON.stringify(errors)).toContain('"requestId":"last-words"');
  expect(audit.buffered).toBe(0);
});

test('when a row is recorded after shutdown, then it goes to the log in full and no write or retry timer is left behind', async () => {
  const f = fakeWriter();
  const { logger, errors } = capturingLogger();
  const audit = new AuditLog({} as Db, logger, f.writer);
  await audit.close();
  await audit.record(event('too-late'));
  expect(JSON.stringify(errors)).toContain('"requestId":"too-late"');
  expect(audit.buffered).toBe(0);
  await sleep(FLUSH_AFTER_MS * 3);
  expect(f.stored).toEqual([]);
});
