// Issue #8: unit-level properties of src/lib/money.ts and src/lib/iban.ts, each judged by an
// independent model written here (BigInt arithmetic, hand-built check digits).
import fc from 'fast-check';
import { AmountFormatError, formatAmount, isAmountString, parseAmount, parseSignedAmount } from '../../src/lib/money';
import { isValidIban, normalizeIban, parseIban } from '../../src/lib/iban';

const RUNS = { numRuns: 2_000 };
const MAX_MINOR = 99_999_999_999_999n; // 999999999999.99: 12 integer digits, 2 decimals

describe('money', () => {
  test('parse ∘ format is the identity on every amount bunq accepts', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX_MINOR }), (minor) => {
      expect(parseAmount(formatAmount(minor))).toBe(minor);
    }), RUNS);
  });

  test('format ∘ parse writes every canonical amount with exactly two decimals and the same value', () => {
    const canonical = fc
      .tuple(fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,11}$/)), fc.constantFrom('', '.0', '.5', '.05', '.99', '.10'))
      .map(([w, f]) => `${w}${f}`);
    fc.assert(fc.property(canonical, (text) => {
      const [w, f = ''] = text.split('.');
      const expected = `${w}.${f.padEnd(2, '0')}`;
      expect(formatAmount(parseAmount(text))).toBe(expected);
      expect(isAmountString(text)).toBe(true);
    }), RUNS);
  });

  test('anything that is not canonical is refused with AmountFormatError, never guessed at', () => {
    const noisy = fc.string({ unit: fc.constantFrom(...'0123456789.-+eE, x\u00a0\uff11'.split('')), maxLength: 18 });
    // Independent model of the format: digits, optional "." and 1–2 digits; no leading zero unless "0"; ≤ 12 integer digits.
    const model = (s: string): boolean => {
      const parts = s.split('.');
      if (parts.length > 2) return false;
      const [w = '', f] = parts;
      const digits = (x: string) => x.length > 0 && [...x].every((ch) => ch >= '0' && ch <= '9');
      if (!digits(w) || w.length > 12 || (w.length > 1 && w[0] === '0')) return false;
      return f === undefined || (digits(f) && f.length <= 2);
    };
    fc.assert(fc.property(noisy, (s) => {
      if (model(s)) {
        expect(() => parseAmount(s)).not.toThrow();
      } else {
        expect(() => parseAmount(s)).toThrow(AmountFormatError);
        expect(isAmountString(s)).toBe(false);
      }
    }), { numRuns: 5_000 });
  });

  test('signed amounts from bunq responses round-trip, and the sign is never lost', () => {
    fc.assert(fc.property(fc.bigInt({ min: -MAX_MINOR, max: MAX_MINOR }), (minor) => {
      expect(parseSignedAmount(formatAmount(minor))).toBe(minor);
    }), RUNS);
  });
});

describe('IBAN', () => {
  /** Check digits by the ISO 7064 mod 97-10 rule, with BigInt (an independent implementation). */
  function withCheckDigits(country: string, bban: string): string {
    const numeric = [...`${bban}${country}00`].map((ch) => (/[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
    const check = 98n - (BigInt(numeric) % 97n);
    return `${country}${check.toString().padStart(2, '0')}${bban}`;
  }
  const letters = (n: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), minLength: n, maxLength: n });
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: n, maxLength: n });
  const validIban = fc.oneof(
    fc.tuple(letters(4), digits(10)).map(([b, n]) => withCheckDigits('NL', `${b}${n}`)),
    digits(18).map((n) => withCheckDigits('DE', n)),
    digits(12).map((n) => withCheckDigits('BE', n)),
    fc.tuple(letters(4), digits(14)).map(([b, n]) => withCheckDigits('GB', `${b}${n}`)),
  ).filter((iban) => !['00', '01', '99'].includes(iban.slice(2, 4)));

  test('every generated valid IBAN is valid, and its lower-case, space-grouped form parses back to it', () => {
    fc.assert(fc.property(validIban, (iban) => {
      expect(isValidIban(iban)).toBe(true);
      const grouped = iban.toLowerCase().replace(/(.{4})/g, '$1 ').trim();
      expect(parseIban(grouped)).toBe(iban);
    }), RUNS);
  });

  test('a valid IBAN with any one digit changed is invalid', () => {
    fc.assert(fc.property(validIban, fc.nat(), fc.integer({ min: 1, max: 9 }), (iban, at, delta) => {
      const positions = [...iban].map((ch, i) => (i >= 2 && ch >= '0' && ch <= '9' ? i : -1)).filter((i) => i >= 0);
      const i = positions[at % positions.length]!;
      const changed = `${iban.slice(0, i)}${(Number(iban[i]) + delta) % 10}${iban.slice(i + 1)}`;
      expect(isValidIban(changed)).toBe(false);
      expect(parseIban(changed)).toBeNull();
    }), RUNS);
  });

  test('a valid IBAN with any one character replaced by a lookalike or invisible character is refused', () => {
    const lookalikes = ['\u0410', '\u039d', '\u041e', '\u200b', '\u00a0', '\t', '-', '\uff10', 'O'];
    fc.assert(fc.property(validIban, fc.nat(), fc.constantFrom(...lookalikes), (iban, at, ch) => {
      const i = at % iban.length;
      if (ch === 'O' && !/[0-9]/.test(iban[i]!)) return; // O for a letter position may be a real letter
      const changed = `${iban.slice(0, i)}${ch}${iban.slice(i + 1)}`;
      expect(parseIban(changed)).toBeNull();
    }), RUNS);
  });

  test('normalizeIban only ever removes ASCII spaces and upper-cases', () => {
    fc.assert(fc.property(fc.string({ maxLength: 70 }), (s) => {
      const n = normalizeIban(s);
      if (n !== null) expect(n).toBe(s.replace(/ /g, '').toUpperCase());
      if (n !== null) expect(/^[A-Z0-9]+$/.test(n)).toBe(true);
    }), RUNS);
  });
});
