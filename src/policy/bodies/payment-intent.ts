/**
 * The money a validated body moves: what the currency, amount-max, source-account and
 * iban-allowlist conditions decide on, and what becomes the Allow's spend effect.
 */
import { parseAmount } from '../../lib/money';
import type { AmountBody } from './amount';
import type { PointerBody } from './pointer';

export interface PaymentIntent {
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly counterparty: PointerBody;
  /** The normalised IBAN when the counterparty is an IBAN, else null. */
  readonly counterpartyIban: string | null;
  readonly mode: 'payment' | 'draft';
  /** The fields a draft-payment entry is built from when a payment is converted to a draft. */
  readonly entry: {
    readonly amount: AmountBody;
    readonly counterparty_alias: PointerBody;
    readonly description: string;
    readonly merchant_reference?: string;
  };
}

interface EntryLike {
  readonly amount: AmountBody;
  readonly counterparty_alias: PointerBody;
  readonly description: string;
  readonly merchant_reference?: string | undefined;
}

export function intentFromEntry(source: EntryLike, mode: 'payment' | 'draft'): PaymentIntent {
  const { amount, counterparty_alias, description, merchant_reference } = source;
  return {
    amountMinor: parseAmount(amount.value),
    currency: amount.currency,
    counterparty: counterparty_alias,
    counterpartyIban: counterparty_alias.type === 'IBAN' ? counterparty_alias.value : null,
    mode,
    entry:
      merchant_reference === undefined
        ? { amount, counterparty_alias, description }
        : { amount, counterparty_alias, description, merchant_reference },
  };
}
