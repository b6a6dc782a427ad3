/**
 * IBAN generation and validation (ISO 13616 mod-97). Every emulated account gets an NL IBAN
 * with bank code BUNQ, like bunq sandbox accounts (bunq-api.md §9.2 alias[] IBAN); external
 * counterparties get NL/DE/BE IBANs of other banks. A payment's IBAN counterparty must pass
 * mod-97 (bunq rejects malformed IBANs; exact text [UNKNOWN], see http/errors.ts).
 */
import type { Rng } from './rng';

function mod97(digits: string): number {
  let rest = 0;
  for (let i = 0; i < digits.length; i += 7) {
    rest = Number(String(rest) + digits.slice(i, i + 7)) % 97;
  }
  return rest;
}

function toDigits(s: string): string {
  return s
    .toUpperCase()
    .split('')
    .map((c) => (c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c))
    .join('');
}

/** Builds a valid IBAN from a country code and BBAN by computing the two check digits. */
export function makeIban(country: string, bban: string): string {
  const check = 98 - mod97(toDigits(`${bban}${country}00`));
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

/** Normalises (strips spaces, upper-cases) and checks length, shape and mod-97. */
export function isValidIban(value: string): boolean {
  const iban = normaliseIban(value);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  if (iban.startsWith('NL') && iban.length !== 18) return false;
  if (iban.startsWith('DE') && iban.length !== 22) return false;
  return mod97(toDigits(iban.slice(4) + iban.slice(0, 4))) === 1;
}

export function normaliseIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** An NL IBAN at bunq (bank code BUNQ, 10-digit account number starting 20). */
export function bunqIban(rng: Rng): string {
  return makeIban('NL', `BUNQ20${rng.digits(8)}`);
}

const NL_BANKS = ['INGB', 'RABO', 'ABNA', 'TRIO', 'SNSB', 'ASNB', 'KNAB'] as const;

/** An IBAN at another bank: mostly NL, sometimes DE or BE (SEPA counterparties). */
export function externalIban(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.8) return makeIban('NL', `${rng.pick(NL_BANKS)}0${rng.digits(9)}`);
  if (roll < 0.9) return makeIban('DE', rng.digits(18));
  return makeIban('BE', rng.digits(12));
}
