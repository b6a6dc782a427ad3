/**
 * Money is integer euro cents internally, never JS floats; on the wire it is bunq's Amount:
 * {"value":"12.50","currency":"EUR"}, value a string with exactly two decimals, negative for
 * outgoing payments (bunq-api.md §5.3, §8 Amount; SW Payment.amount).
 */
export type Cents = number;

export interface AmountJson {
  value: string;
  currency: string;
}

export function formatCents(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not integer cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function amountJson(cents: Cents, currency = 'EUR'): AmountJson {
  return { value: formatCents(cents), currency };
}

/**
 * Parses a request amount value. bunq documents "a string with two decimals"; whether it
 * accepts "10" or "10.5" is [UNKNOWN] — we accept 0–2 decimals but require a JSON string
 * (numbers are refused, so float-formatting bugs in a client surface here). Returns null
 * when the text is not a plain non-negative decimal.
 */
export function parseAmountValue(value: unknown): Cents | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
