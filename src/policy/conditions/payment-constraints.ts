/**
 * Shared by the money conditions: a call that moves money needs the grant's payment
 * constraints; a grant with a money scope but without them is refused (never defaulted).
 */
import { deny, type Deny } from '../decision';
import type { PaymentConstraints } from '../grant';
import type { ConditionInput } from './condition';

export function paymentConstraints(input: ConditionInput): PaymentConstraints | Deny {
  const { payment } = input.grant;
  if (payment !== undefined) return payment;
  return deny(
    'payment_not_configured',
    403,
    `This token holds the scope '${input.scope.id}' but has no payment limits; ask the owner to re-issue it with payment constraints.`,
    { required_scope: input.scope.id },
  );
}

export function isDeny(value: PaymentConstraints | Deny): value is Deny {
  return 'allowed' in value;
}
