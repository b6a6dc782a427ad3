/**
 * bunq's Pointer (alias) in request bodies (bunq-api.md §8): {type, value, name}. IBAN values
 * are normalised (spaces removed, upper case) and must be valid (lib/iban.ts); name is REQUIRED
 * for IBAN (bunq DESC §Quickstart Payment Request). The write-only `service` field is not
 * accepted.
 */
import { z } from 'zod';
import { parseIban } from '../../lib/iban';
import { text } from './text';

const Name = text(140).min(1, 'must not be empty');

const Iban = z.string().transform((value, ctx) => {
  const iban = parseIban(value);
  if (iban === null) {
    ctx.addIssue({ code: 'custom', message: 'not a valid IBAN' });
    return z.NEVER;
  }
  return iban;
});

const Email = z
  .string()
  .max(254)
  .regex(/^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/, 'an e-mail address');

const Phone = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'a phone number in E.164 form, e.g. +31612345678');

export const PointerBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('IBAN'), value: Iban, name: Name }).strict(),
  z.object({ type: z.literal('EMAIL'), value: Email, name: Name.optional() }).strict(),
  z.object({ type: z.literal('PHONE_NUMBER'), value: Phone, name: Name.optional() }).strict(),
]);

export type PointerBody = z.output<typeof PointerBody>;
