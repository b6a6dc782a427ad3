/** Unit tests of the emulator's building blocks: IBAN, money, pagination, rate limiter, faults. */
import { generateKeyPairSync, sign } from 'node:crypto';
import { ManualClock } from '../../src/lib/clock';
import { signBody, verifyBody } from '../../src/emulator/http/signature';
import { isValidIban, makeIban } from '../../src/emulator/core/iban';
import { formatCents, parseAmountValue } from '../../src/emulator/core/money';
import { paginate } from '../../src/emulator/http/pagination';
import { RateLimiter } from '../../src/emulator/http/rate-limit';
import { FaultQueue } from '../../src/emulator/http/faults';
import { Rng } from '../../src/emulator/core/rng';
import { bunqIban, externalIban } from '../../src/emulator/core/iban';
import { isValidIban as gatewayIbanCheck } from '../../src/lib/iban';

describe('IBAN', () => {
  it('when known IBANs are checked, then mod-97 accepts good ones and rejects a changed digit', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
    expect(makeIban('NL', 'ABNA0417164300')).toBe('NL91ABNA0417164300');
  });

  it('when many IBANs are generated, then all are valid, also for the gateway\'s stricter registry check', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 500; i++) {
      for (const iban of [bunqIban(rng), externalIban(rng)]) {
        expect(isValidIban(iban)).toBe(true);
        expect(gatewayIbanCheck(iban)).toBe(true);
      }
    }
  });
});

describe('money', () => {
  it('when cents are formatted, then two decimals and a sign come out, without floats', () => {
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(123456789)).toBe('1234567.89');
    expect(formatCents(0)).toBe('0.00');
  });

  it('when amount strings are parsed, then only plain decimals with at most two decimals pass', () => {
    expect(parseAmountValue('10')).toBe(1000);
    expect(parseAmountValue('10.5')).toBe(1050);
    expect(parseAmountValue('0.07')).toBe(7);
    for (const bad of ['1.001', '-1.00', '1e3', ' 1.00', '', 10, null]) expect(parseAmountValue(bad)).toBeNull();
  });
});

describe('pagination', () => {
  const items = [5, 9, 12, 20, 31].map((id) => ({ id }));
  const q = (s: string) => new URLSearchParams(s);

  it('when the list is empty, then only future_url is set, with newer_id=0', () => {
    expect(paginate([], q(''), '/v1/x').pagination).toEqual({ future_url: '/v1/x?count=10&newer_id=0', newer_url: null, older_url: null });
  });

  it('when paging older from the middle, then boundaries are the page\'s smallest and largest ids', () => {
    const { page, pagination } = paginate(items, q('count=2&older_id=20'), '/v1/x');
    expect(page.map((i) => i.id)).toEqual([12, 9]);
    expect(pagination).toEqual({ future_url: null, newer_url: '/v1/x?count=2&newer_id=12', older_url: '/v1/x?count=2&older_id=9' });
  });

  it('when older_id is below every id, then the page is empty and newer_url leads back', () => {
    const { page, pagination } = paginate(items, q('count=2&older_id=5'), '/v1/x');
    expect(page).toEqual([]);
    expect(pagination).toEqual({ future_url: null, newer_url: '/v1/x?count=2&newer_id=4', older_url: null });
  });

  it('when both cursors are given, then 400', () => {
    expect(() => paginate(items, q('older_id=9&newer_id=5'), '/v1/x')).toThrow('either older_id or newer_id');
  });
});

describe('rate limiter', () => {
  it('when the window slides, then a slot frees exactly 3 s after the oldest accepted call', () => {
    const clock = new ManualClock(0);
    const rl = new RateLimiter(clock);
    expect(rl.hit('ip', 'PUT', '/t')).toBeNull();
    clock.advance(1000);
    expect(rl.hit('ip', 'PUT', '/t')).toBeNull();
    expect(rl.hit('ip', 'PUT', '/t')).toEqual({ limit: 2, windowSeconds: 3 });
    expect(rl.hit('other-ip', 'PUT', '/t')).toBeNull();
    clock.advance(2000);
    expect(rl.hit('ip', 'PUT', '/t')).toBeNull();
    expect(rl.hit('ip', 'DELETE', '/t')).toBeNull();
  });
});

describe('fault queue', () => {
  it('when faults have times and matches, then they are used up only by matching requests', () => {
    const fq = new FaultQueue();
    fq.add({ kind: 'status', status: 500, times: 1, match: { method: 'POST' } });
    fq.add({ kind: 'corrupt-signature', times: 2 });
    expect(fq.take('GET', '/v1/user')).toEqual({ delayMs: 0, corruptSignature: true, before: null, after: null });
    expect(fq.take('POST', '/v1/x').before).toEqual({ kind: 'status', status: 500, message: expect.any(String) });
    expect(fq.list()).toEqual([]);
  });
});

describe('response signatures (remembered per body)', () => {
  const a = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('when the same body is signed again, then the signature is the fresh RSA one (PKCS#1 v1.5 is deterministic), per key and per body', () => {
    const body = '{"Response":[{"Id":{"id":1}}]}';
    const fresh = sign('sha256', Buffer.from(body), a.privateKey).toString('base64');
    expect(signBody(a.privateKey, body)).toBe(fresh);
    expect(signBody(a.privateKey, Buffer.from(body))).toBe(fresh);
    expect(signBody(b.privateKey, body)).not.toBe(fresh);
    expect(verifyBody(b.publicKey, Buffer.from(body), signBody(b.privateKey, body))).toBe(true);
    const other = '{"Response":[{"Id":{"id":2}}]}';
    expect(signBody(a.privateKey, other)).toBe(sign('sha256', Buffer.from(other), a.privateKey).toString('base64'));
  });

  it('when a text body and a byte body would read alike, then each is signed over its own bytes', () => {
    const text = 'Ã©'; // as UTF-8: C3 83 C2 A9
    const bytes = Buffer.from([0xc3, 0xa9]); // "é" in UTF-8, "Ã©" when read as latin1
    const forText = signBody(a.privateKey, text);
    const forBytes = signBody(a.privateKey, bytes);
    expect(verifyBody(a.publicKey, Buffer.from(text), forText)).toBe(true);
    expect(verifyBody(a.publicKey, bytes, forBytes)).toBe(true);
    expect(forBytes).not.toBe(forText);
  });

  it('when more bodies are signed than are remembered, then every signature is still right', () => {
    for (let i = 0; i < 300; i++) {
      const body = `{"n":${i % 290}}`;
      expect(verifyBody(a.publicKey, Buffer.from(body), signBody(a.privateKey, body))).toBe(true);
    }
  });
});
