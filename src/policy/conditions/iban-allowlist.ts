/**
 * iban-allowlist: a payment goes directly only to an IBAN on grant.payment.ibanAllowlist.
 * Otherwise (another IBAN, or an EMAIL / PHONE_NUMBER counterparty):
 * - outsideAllowlist 'deny'  → refused (counterparty_not_allowed);
 * - outsideAllowlist 'draft' → on a payment endpoint with config.draftEndpoint, the call is
 *   REWRITTEN to that draft-payment create (one entry, number_of_required_accepts 1), which the
 *   owner must approve in the bunq app (bunq-api.md §9.4); on a draft endpoint it passes as is.
 */
import { z } from 'zod';
import { deny } from '../decision';
import { PASS, defineCondition, type Verdict } from './condition';
import { isDeny, paymentConstraints } from './payment-constraints';

export const ibanAllowlist = defineCondition({
  id: 'iban-allowlist',
  config: z.object({ draftEndpoint: z.string().optional() }).strict(),
  params: () => [],
  needsIntent: true,
  evaluate(config, input): Verdict {
    const payment = paymentConstraints(input);
    if (isDeny(payment)) return payment;
    const { intent, call, ctx } = input;
    if (intent === undefined) return deny('body_invalid', 400, 'The body names no payment.');
    const iban = intent.counterpartyIban;
    if (iban !== null && payment.ibanAllowlist.includes(iban)) return PASS;
    if (payment.outsideAllowlist === 'draft') {
      if (config.draftEndpoint === undefined) return PASS;
      const target = ctx.catalog.byId.get(config.draftEndpoint);
      if (target === undefined) return deny('endpoint_not_allowed', 403, `The draft endpoint ${config.draftEndpoint} is not in the catalog.`);
      return {
        allowed: true,
        effect: {
          rewrite: {
            endpointId: target.id,
            method: target.method,
            template: target.path,
            params: call.params,
            body: { entries: [intent.entry], number_of_required_accepts: 1 },
          },
          ...(target.recordOwnership ? { recordOwnership: target.recordOwnership } : {}),
        },
      };
    }
    const who = iban ?? `${intent.counterparty.type} counterparties`;
    return deny(
      'counterparty_not_allowed',
      403,
      iban === null
        ? `This token may only pay IBANs on its allowlist; ${who} are not allowed.`
        : `The counterparty ${iban} is not on this token's IBAN allowlist; ask the owner to add it.`,
      { counterparty_type: intent.counterparty.type, counterparty_iban: iban },
    );
  },
});
