/**
 * POST …/monetary-account/{id}/draft-payment (bunq-api.md §9.4): the owner approves it in the
 * bunq app. EXACTLY ONE entry (so one counterparty is checked and reserved per draft) and
 * number_of_required_accepts 1 (the only value bunq accepts). No schedule, no status.
 */
import { z } from 'zod';
import { AmountBody } from './amount';
import { intentFromEntry, type PaymentIntent } from './payment-intent';
import { PointerBody } from './pointer';
import { text } from './text';

export const DraftPaymentEntryBody = z
  .object({
    amount: AmountBody,
    counterparty_alias: PointerBody,
    description: text(140),
    merchant_reference: text(140).optional(),
  })
  .strict();

export const DraftPaymentCreateBody = z
  .object({
    entries: z.array(DraftPaymentEntryBody).length(1, 'exactly one entry per draft payment'),
    number_of_required_accepts: z.literal(1),
  })
  .strict();

export type DraftPaymentCreateBody = z.output<typeof DraftPaymentCreateBody>;

export function draftPaymentCreateIntent(body: unknown): PaymentIntent {
  const [entry] = (body as DraftPaymentCreateBody).entries;
  if (entry === undefined) throw new TypeError('draft-payment body without an entry');
  return intentFromEntry(entry, 'draft');
}
