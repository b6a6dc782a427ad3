/**
 * amount-max: one payment MUST NOT exceed grant.payment.maxPerPayment (exact minor units,
 * lib/money.ts). Rolling caps are NOT checked here: they need the ledger, so the store
 * reserves the Allow's spend effect atomically.
 */
import { z } from 'zod';
import { formatAmount, parseAmount } from '../../lib/money';
import { deny } from '../decision';
import { PASS, defineCondition } from './condition';
import { isDeny, paymentConstraints } from './payment-constraints';

export const amountMax = defineCondition({
  id: 'amount-max',
  config: z.object({}).strict(),
  params: () => [],
  needsIntent: true,
  evaluate(_config, input) {
    const payment = paymentConstraints(input);
    if (isDeny(payment)) return payment;
    const amount = input.intent?.amountMinor;
    const max = parseAmount(payment.maxPerPayment);
    if (amount !== undefined && amount <= max) return PASS;
    const shown = amount === undefined ? 'unknown' : formatAmount(amount);
    const limit = formatAmount(max);
    return deny(
      'amount_exceeds_max',
      403,
      `The amount ${shown} ${payment.currency} exceeds this token's limit of ${limit} ${payment.currency} per payment.`,
      { amount: shown, max_per_payment: limit, currency: payment.currency },
    );
  },
});
