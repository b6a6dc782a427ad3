/**
 * bunq's Amount object in request bodies (bunq-api.md §5.3, §8): value is a STRING in bunq's
 * format (grant.ts AmountString) and must be greater than zero; currency is ISO 4217. Numbers,
 * signs, exponents, commas and third decimals are refused. The validated value is re-written
 * with exactly two decimals, the form bunq itself uses.
 */
import { z } from 'zod';
import { formatAmount, isAmountString, parseAmount } from '../../lib/money';
import { AmountString, Currency } from '../grant';

export const AmountBody = z
  .object({
    // zod 4 runs every check even after the regex failed: guard before parsing.
    value: AmountString.refine((v) => !isAmountString(v) || parseAmount(v) > 0n, 'must be greater than zero').transform((v) =>
      formatAmount(parseAmount(v)),
    ),
    currency: Currency,
  })
  .strict();

export type AmountBody = z.output<typeof AmountBody>;
