/**
 * POST …/monetary-account/{id}/request-inquiry (bunq-api.md §9.6): asks money IN, moves none.
 * allow_bunqme is REQUIRED by bunq. Deprecated fields (want_tip, allow_amount_*), event_id,
 * attachments and status are refused. redirect_url must be https.
 */
import { z } from 'zod';
import { AmountBody } from './amount';
import { PointerBody } from './pointer';
import { text } from './text';

export const RequestInquiryCreateBody = z
  .object({
    amount_inquired: AmountBody,
    counterparty_alias: PointerBody,
    description: text(140),
    allow_bunqme: z.boolean(),
    merchant_reference: text(140).optional(),
    minimum_age: z.number().int().min(12).max(100).optional(),
    require_address: z.enum(['BILLING', 'SHIPPING', 'BILLING_SHIPPING', 'NONE', 'OPTIONAL']).optional(),
    redirect_url: z
      .string()
      .max(2048)
      .regex(/^https:\/\/[\x21-\x7e]+$/, 'an https URL')
      .optional(),
  })
  .strict();

export type RequestInquiryCreateBody = z.output<typeof RequestInquiryCreateBody>;
