/**
 * Exact money arithmetic for bunq amounts (bunq-api.md §5.3, §8 Amount): a value is a decimal
 * STRING with at most two decimals; here it becomes an integer count of minor units (bigint).
 * NEVER use floats for money. Parsing is strict: no sign, exponent, whitespace, comma or
 * third decimal is ever guessed at; such input throws.
 */

/** The bunq request format: no sign, no leading zeros, at most 12 integer digits and 2 decimals. */
const AMOUNT = /^(0|[1-9][0-9]{0,11})(?:\.([0-9]{1,2}))?$/;

/** bunq response amounts may carry a leading minus (outgoing payments, bunq-api.md §5.3). */
const SIGNED_AMOUNT = /^(-?)(0|[1-9][0-9]{0,12})(?:\.([0-9]{1,2}))?$/;

export class AmountFormatError extends TypeError {
  constructor(value: unknown) {
    super(`not a bunq amount: ${JSON.stringify(String(value)).slice(0, 40)}`);
    this.name = 'AmountFormatError';
  }
}

export function isAmountString(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT.test(value);
}

/** At most 13 integer digits + 2 decimals < 2^53, so the Number arithmetic here is exact. */
function toMinor(whole: string, fraction: string | undefined): bigint {
  const cents = fraction === undefined ? 0 : fraction.length === 1 ? Number(fraction) * 10 : Number(fraction);
  return BigInt(Number(whole) * 100 + cents);
}

/** "12.50" → 1250n, "12.5" → 1250n, "0" → 0n. Throws AmountFormatError on anything else. */
export function parseAmount(value: string): bigint {
  const m = typeof value === 'string' ? AMOUNT.exec(value) : null;
  if (!m) throw new AmountFormatError(value);
  return toMinor(m[1] as string, m[2]);
}

/** Like parseAmount but accepts a leading "-" (amounts read from bunq responses). */
export function parseSignedAmount(value: string): bigint {
  const m = typeof value === 'string' ? SIGNED_AMOUNT.exec(value) : null;
  if (!m) throw new AmountFormatError(value);
  const minor = toMinor(m[2] as string, m[3]);
  return m[1] === '-' ? -minor : minor;
}

/** 1250n → "12.50", -5n → "-0.05": always two decimals, bunq's own output format. */
export function formatAmount(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${(abs / 100n).toString()}.${cents}`;
}

/** -1, 0 or 1. */
export function compareAmounts(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addAmounts(...amounts: readonly bigint[]): bigint {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
}
