/**
 * A grant is what a token may do: the data half of a token record, validated at every edge
 * where it enters (token issuance, attenuation, the database). Money is written in bunq's
 * own string format ("12.50") and converted to integer minor units where it is compared.
 */
import { z } from 'zod';

/** bunq's Amount.value: a positive decimal string with at most two decimals, no exponent, no sign. */
export const AmountString = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/, 'an amount like "12.50" (bunq format, at most 2 decimals)');

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "EUR"');

export const PaymentConstraintsSchema = z
  .object({
    currency: Currency.default('EUR'),
    maxPerPayment: AmountString,
    /** Rolling windows: day = last 24 h, week = last 7 × 24 h, month = last 30 × 24 h. */
    caps: z
      .object({ day: AmountString.optional(), week: AmountString.optional(), month: AmountString.optional() })
      .strict()
      .default({}),
    /** Normalised IBANs (upper case, no spaces), each mod-97 valid. Empty = no counterparty allowed directly. */
    ibanAllowlist: z.array(z.string()).default([]),
    /** Monetary accounts money may leave from; must be a subset of the grant's accounts. */
    sourceAccounts: z.array(z.number().int().positive()).min(1),
    /** What happens to a payment to an IBAN outside the allowlist. */
    outsideAllowlist: z.enum(['deny', 'draft']).default('deny'),
  })
  .strict();

export const GrantSchema = z
  .object({
    /** Scope ids from policies/scopes.json. */
    scopes: z.array(z.string()).min(1),
    /** The bunq monetary-account ids this token may touch. Explicit; there is no wildcard. */
    accounts: z.array(z.number().int().positive()).min(1),
    /** Window for the read-recent scope, in days. */
    recentDays: z.number().int().min(1).max(3650).default(30),
    payment: PaymentConstraintsSchema.optional(),
  })
  .strict();

export type Grant = z.infer<typeof GrantSchema>;
export type GrantInput = z.input<typeof GrantSchema>;
export type PaymentConstraints = z.infer<typeof PaymentConstraintsSchema>;
