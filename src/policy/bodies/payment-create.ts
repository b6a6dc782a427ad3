/**
 * POST …/monetary-account/{id}/payment (bunq-api.md §9.3). Description is at most 140
 * characters: bunq's limit for payments to external IBANs, applied to all. Attachments,
 * bunq.to extras and every other field are refused (.strict()).
 */
import { z } from 'zod';
import { AmountBody } from './amount';
import { intentFromEntry, type PaymentIntent } from './payment-intent';
import { PointerBody } from './pointer';
import { text } from './text';

export const PaymentCreateBody = z
  .object({
    amount: AmountBody,
    counterparty_alias: PointerBody,
    description: text(140),
    merchant_reference: text(140).optional(),
    allow_bunqto: z.boolean().optional(),
  })
  .strict();

export type PaymentCreateBody = z.output<typeof PaymentCreateBody>;

export function paymentCreateIntent(body: unknown): PaymentIntent {
  return intentFromEntry(body as PaymentCreateBody, 'payment');
}
