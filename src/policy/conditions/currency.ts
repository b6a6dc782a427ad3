/** currency: a payment MUST be in the grant's payment currency (grant.payment.currency). */
import { z } from 'zod';
import { deny } from '../decision';
import { PASS, defineCondition } from './condition';
import { isDeny, paymentConstraints } from './payment-constraints';

export const currency = defineCondition({
  id: 'currency',
  config: z.object({}).strict(),
  params: () => [],
  needsIntent: true,
  evaluate(_config, input) {
    const payment = paymentConstraints(input);
    if (isDeny(payment)) return payment;
    const asked = input.intent?.currency;
    if (asked === payment.currency) return PASS;
    return deny(
      'currency_not_allowed',
      403,
      `This token may only pay in ${payment.currency}; the payment is in ${String(asked)}.`,
      { currency: asked ?? null, allowed_currency: payment.currency },
    );
  },
});
