/**
 * The body schemas endpoints.json may name, and for bodies that move money the function that
 * reads the payment intent from the VALIDATED body.
 */
import type { z } from 'zod';
import { DraftPaymentCreateBody, draftPaymentCreateIntent } from './draft-payment-create';
import { PaymentCreateBody, paymentCreateIntent } from './payment-create';
import type { PaymentIntent } from './payment-intent';
import { RequestInquiryCreateBody } from './request-inquiry-create';
import { RequestInquiryRevokeBody } from './request-inquiry-revoke';

export interface BodySpec {
  readonly schema: z.ZodType;
  /** Present when the body moves money; the catalog then requires the money conditions. */
  readonly intent?: (body: unknown) => PaymentIntent;
}

export const BODY_SPECS = {
  'payment-create': { schema: PaymentCreateBody, intent: paymentCreateIntent },
  'draft-payment-create': { schema: DraftPaymentCreateBody, intent: draftPaymentCreateIntent },
  'request-inquiry-create': { schema: RequestInquiryCreateBody },
  'request-inquiry-revoke': { schema: RequestInquiryRevokeBody },
} as const satisfies Record<string, BodySpec>;

export type BodySchemaName = keyof typeof BODY_SPECS;

export type { PaymentIntent } from './payment-intent';
